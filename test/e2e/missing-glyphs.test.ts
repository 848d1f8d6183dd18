import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Runs the built command (`npm test` builds it first), as a user does.
const CLI = join(process.cwd(), 'bin', 'report-press.js');

/** Hangul (가) and Extension G (𰀀) have no glyph in the vendored fonts; 𪚥 and 😀 have. */
const INPUT = '关于张가同志的述职报告\n\n今年以来，我认真学习𰀀字和𪚥字，做到两个维护😀。\n';

let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'report-press-glyphs-'));
  writeFileSync(join(work, 'glyphs.txt'), INPUT);
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function convert(...args: string[]) {
  return spawnSync(process.execPath, [CLI, 'convert', join(work, 'glyphs.txt'), '--no-progress', ...args], { encoding: 'utf8' });
}

function manifestWarnings(out: string): unknown[] {
  return (JSON.parse(readFileSync(join(out, 'glyphs', 'manifest.json'), 'utf8')) as { warnings: unknown[] }).warnings;
}

describe('report-press convert, for characters the PDF fonts lack', () => {
  it('lists them in the manifest as one MISSING_GLYPH warning for the report, and on stderr', () => {
    const out = join(work, 'out-pdf');

    const result = convert('--out', out);

    expect(result.status).toBe(0);
    expect(manifestWarnings(out)).toEqual([
      expect.objectContaining({ code: 'MISSING_GLYPH', report: 1, text: '가𰀀', message: expect.stringContaining('가 (U+AC00) 𰀀 (U+30000)') }),
    ]);
    expect(result.stderr).toMatch(/warning: .*glyphs\.txt \(report 1\): 2 characters have no glyph/u);
  });

  it('lists nothing when no PDF is made: the DOCX names faces the reader’s machine supplies', () => {
    const out = join(work, 'out-docx');

    const result = convert('--out', out, '--format', 'docx');

    expect(result.status).toBe(0);
    expect(manifestWarnings(out)).toEqual([]);
  });
});
