import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../lib/text/clean.js';
import { splitReports } from '../../../lib/text/split.js';

/**
 * Long adversarial lines built from the characters the rules look for. With a backtracking
 * pattern any of these takes minutes; with linear ones, milliseconds. The bound is deliberately
 * loose (a slow CI machine must pass) but far below what quadratic behaviour would need.
 */
const ADVERSARIAL: readonly (readonly [string, string])[] = [
  ['【更多 repeated', '【更多'.repeat(33_000)],
  ['# repeated', '#'.repeat(100_000)],
  ['哒 repeated', '哒'.repeat(100_000)],
  ['an unclosed tag body repeated', '*【更多素#材搜索哒'.repeat(10_000)],
  ['a half paywall marker repeated', '##paid'.repeat(20_000)],
  ['spaces before a final character', `${' '.repeat(100_000)}x`],
  ['ideographic spaces between words', '党\u3000\u3000'.repeat(40_000)],
  ['newlines before a final character', `${'\n'.repeat(100_000)}x`],
  ['tags just too long to close', `【${'更多素材搜索文库'.repeat(12_000)}】`],
  ['dot leaders without a page number', `目录\n1.${'…'.repeat(100_000)}`],
];

describe('cleaning and splitting adversarial input', () => {
  it.each(ADVERSARIAL)('finishes quickly on %s', (_name, input) => {
    const started = performance.now();

    const cleaned = cleanText(input);
    splitReports(cleaned.text);

    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
