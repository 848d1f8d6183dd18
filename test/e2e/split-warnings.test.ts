/**
 * What the command says when a split is unsure: one stderr line per warning naming the file,
 * the report and the line; the same warnings in the manifest and in `--json`; none for a clean input.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = join(process.cwd(), 'bin', 'report-press.js');
const SAMPLE = join(process.cwd(), 'samples', 'compilation.txt');

let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'report-press-warnings-'));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function run(...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '' } });
}

/** The bundled compilation with the body of its second report deleted (its TOC entry stays). */
function damagedCompilation(): { text: string; entryLine: number } {
  const lines = readFileSync(SAMPLE, 'utf8').split('\n');
  const entryLine = lines.findIndex((line) => /^2[.、．]/.test(line.trim()));
  const title = lines[entryLine]!.trim().replace(/^2[.、．]\s*/, '');
  const start = lines.findIndex((line, i) => i > entryLine + 1 && line.trim() === title);
  const end = lines.findIndex((line, i) => i > start && line.trim() === '');
  return { text: [...lines.slice(0, start), ...lines.slice(end + 1)].join('\n'), entryLine: entryLine + 1 };
}

describe('split warnings from report-press convert', () => {
  it('says on stderr which table-of-contents entry found no report, and on which line', () => {
    const { text, entryLine } = damagedCompilation();
    const input = join(work, 'damaged.txt');
    writeFileSync(input, text);

    const result = run('convert', input, '--out', join(work, 'out'), '--format', 'docx');

    expect(result.status).toBe(0);
    const warnings = result.stderr.split('\n').filter((line) => line.includes('warning'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(input);
    expect(warnings[0]).toContain(`line ${entryLine}`);
    const manifest = JSON.parse(readFileSync(join(work, 'out', 'damaged', 'manifest.json'), 'utf8')) as { warnings: { code: string; line: number }[] };
    expect(manifest.warnings).toEqual([expect.objectContaining({ code: 'TOC_ENTRY_MISSING', line: entryLine })]);
  });

  it('carries the warnings in --json', () => {
    const input = join(work, 'damaged.txt');
    writeFileSync(input, damagedCompilation().text);

    const result = run('convert', input, '--out', join(work, 'json'), '--format', 'docx', '--json');

    const summary = JSON.parse(result.stdout) as { inputs: { warnings: { code: string }[] }[] };
    expect(summary.inputs[0]?.warnings.map((warning) => warning.code)).toEqual(['TOC_ENTRY_MISSING']);
  });

  it('prints no warning for the bundled sample', () => {
    const result = run('convert', SAMPLE, '--out', join(work, 'sample'), '--format', 'docx');

    expect(result.status).toBe(0);
    expect(result.stderr).not.toContain('warning');
  });
});
