import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The built command, run as a user runs it (`npm test` builds it first).
const CLI = join(process.cwd(), 'bin', 'report-press.js');
const SAMPLE = join(process.cwd(), 'samples', 'compilation.txt');

let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'report-press-names-'));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function run(...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
}

/** What bash makes of `word` (a `$'…'` quoted path, say), as one argument. */
function bashReads(word: string): string {
  return spawnSync('bash', ['-c', `printf '%s' ${word}`], { encoding: 'utf8' }).stdout;
}

describe('report-press convert, given file names with control characters in them', () => {
  it('prints one line on stdout for a converted input, its paths quoted so that bash reads them back', () => {
    // prepare
    const input = join(work, 'two\nlines.txt');
    copyFileSync(SAMPLE, input);
    const out = join(work, 'out');
    // act
    const result = run('convert', input, '--out', out);
    // assert
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const [shownInput, shownFolder] = lines[0]!.split(' → ');
    expect(bashReads(shownInput!)).toBe(input);
    expect(bashReads(shownFolder!.replace(/ \(.*$/, ''))).toBe(join(out, 'two\nlines') + '/');
    expect(existsSync(join(out, 'two\nlines', 'manifest.json'))).toBe(true);
  });

  it('prints one line on stderr for a refused input, and one for a converted one beside it', () => {
    // prepare
    const refused = join(work, 'empty\n\rreport.txt');
    writeFileSync(refused, '');
    const converted = join(work, 'tab\there.txt');
    copyFileSync(SAMPLE, converted);
    // act
    const result = run('convert', refused, converted, '--out', join(work, 'out-both'));
    // assert
    expect(result.status).toBe(1);
    const errors = result.stderr.trimEnd().split('\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBe(`report-press: $'${work}/empty\\n\\rreport.txt': the file is empty (0 bytes); export the report text again`);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(`$'${work}/tab\\there.txt' → `);
    expect(lines[1]).toBe('2 files: 1 converted (5 reports), 1 refused');
  });

  it('shows a name with a right-to-left override quoted, so the line reads in the order it is', () => {
    // prepare: U+202E would show `report‮txt.exe` as `reportexe.txt`
    const input = join(work, 'report\u202etxt.exe.txt');
    writeFileSync(input, '   \n');
    // act
    const result = run('convert', input, '--out', join(work, 'out-rtl'));
    // assert
    expect(result.stderr).toContain(`$'${work}/report\\u202Etxt.exe.txt': `);
    expect(result.stderr).not.toContain('\u202e');
  });

  it('leaves ordinary names with spaces, quotes and Chinese as they are', () => {
    // prepare
    const input = join(work, "2024 年度 'final'.txt");
    copyFileSync(SAMPLE, input);
    // act
    const result = run('convert', input, '--out', join(work, 'out-plain'));
    // assert
    expect(result.stdout.startsWith(`${input} → ${join(work, 'out-plain', "2024 年度 'final'")}/ (5 reports`)).toBe(true);
  });
});
