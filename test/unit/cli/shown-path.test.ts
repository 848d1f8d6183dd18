import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shownParams, shownPath } from '../../../cli/shown-path.js';

/** What bash makes of each word, one per line of a NUL-separated answer. */
function bashReads(words: readonly string[]): string[] {
  const script = words.map((word) => `printf '%s\\0' ${word}`).join('\n');
  return spawnSync('bash', ['-c', script], { encoding: 'utf8' }).stdout.split('\0').slice(0, -1);
}

describe('shownPath', () => {
  it('leaves a path with spaces, quotes, backslashes and Chinese as it is', () => {
    for (const path of ['out/2024 年度/a.txt', "it's/a\\b.txt", '报告（终稿）.txt']) expect(shownPath(path)).toBe(path);
  });

  it('quotes a path with any control character on one line, and bash reads it back as the same path', () => {
    // prepare: every C0 character but NUL, DEL, C1, the line separators and the bidirectional controls,
    // beside a quote and a backslash that must stay themselves inside the quoting
    const odd = [...Array.from({ length: 31 }, (_, i) => i + 1), 0x7f, 0x85, 0x9f, 0x2028, 0x2029, 0x200e, 0x202e, 0x2066, 0x2069, 0x061c];
    const paths = odd.map((codePoint) => `dir/a${String.fromCodePoint(codePoint)}b'c\\d 1f.txt`);
    // act
    const shown = paths.map(shownPath);
    // assert
    for (const line of shown) expect(line).toMatch(/^\$'[\x20-\x7e]*'$/);
    expect(bashReads(shown)).toEqual(paths);
  });

  it('shows every text fact of a message this way, and leaves numbers alone', () => {
    expect(shownParams({ path: 'a\nb', errno: 'EACCES', size: 3 })).toEqual({ path: "$'a\\nb'", errno: 'EACCES', size: 3 });
  });
});
