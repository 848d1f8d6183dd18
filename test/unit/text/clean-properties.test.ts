import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../lib/text/clean.js';
import { splitReports } from '../../../lib/text/split.js';
import { restoreRemovals as restore } from './restore-removals.js';

/** Pieces of real adverts, markers, white space and prose, to be shuffled together. */
const FRAGMENTS = [
  '##paidbegin##', '##paidend##', '##paid', 'begin##', '【', '】', '更多', '素材', '搜索', '文库', '哒', '#', '*', '%',
  '^', '~', '@', '\n', '\n\n', '\r', ' ', '\u3000', '\u00a0', '\t', '\u200b', '\ufeff', '公众号：', '客服', '代笔',
  '素材库', '会员', '下载', '。', '，', '一、', '（一）', '1.', '目 录', '（5篇）', '2023年工作述职报告', '——',
  '正文内容是一句完整的话，', '**村', 'x次', 'XX', '【典型案例】', '欢迎加入svip会员添加客服：abc',
  // Half-width marks of Chinese text, which cleaning makes full-width, and marks it keeps.
  '领导,', '同志们:', '(试行)', '吗?', ' , ', '10:00', '(1)',
  // A document viewer's text layer: chunk numbers, flattened paragraphs, footers inside words; watermarks; converter pinyin.
  '1、', '\n2、', '\n3、', '推进各项工作落地见效。 ', '一、基本现状 ', '第1页共4页', "的'", '\n-\n', '發(fā)展', '<p class="x">', '</p><p>', '< p>',
];

const fromFragments = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((parts) => parts.join(''));
const fullUnicode = fc.string({ unit: 'binary', maxLength: 400 });
/** Lines of similar length, to exercise hard-wrap detection. */
const wrappedLike = fc
  .array(fc.string({ unit: fc.constantFrom('党', '建', '工', '作', '。', '，', '1'), minLength: 10, maxLength: 24 }), {
    maxLength: 30,
  })
  .map((lines) => lines.join('\n'));
const anyText = fc.oneof(fromFragments, fullUnicode, wrappedLike);

describe('cleaning, for any input', () => {
  it('never throws, and splitting the result never throws', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const cleaned = cleanText(text);
        splitReports(cleaned.text, { fallbackTitle: 'fallback' });
      }),
      { numRuns: 400 },
    );
  });

  it('is idempotent: cleaning cleaned text removes nothing more', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = cleanText(text);
        const twice = cleanText(once.text);
        expect(twice.text).toBe(once.text);
        expect(twice.removals).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('removes exactly the logged characters: putting the removals back gives the input', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { text: output, removals } = cleanText(text);
        expect(restore(output, removals)).toBe(text);
      }),
      { numRuns: 400 },
    );
  });

  it('logs non-empty, ordered, non-overlapping removals whose line and column match their offset', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { removals } = cleanText(text);
        let end = 0;
        for (const removal of removals) {
          expect(removal.text.length).toBeGreaterThan(0);
          expect(removal.offset).toBeGreaterThanOrEqual(end);
          expect(text.slice(removal.offset, removal.offset + removal.text.length)).toBe(removal.text);
          const before = text.slice(0, removal.offset).split('\n');
          expect(removal.line).toBe(before.length);
          expect(removal.column).toBe((before[before.length - 1] ?? '').length + 1);
          end = removal.offset + removal.text.length;
        }
      }),
      { numRuns: 200 },
    );
  });
});
