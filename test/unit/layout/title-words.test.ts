import { describe, expect, it } from 'vitest';
import { balanceTitle } from '../../../lib/render/layout/balance-title.js';
import { insideLexiconWord } from '../../../lib/render/layout/title-lexicon.js';
import { GBT9704, textWidthPt } from '../../../lib/render/style.js';
import { fakeWidth } from './fake-measure.js';

const WIDTH = textWidthPt(GBT9704);
const balance = (title: string): string[] => balanceTitle(title, WIDTH, (text) => fakeWidth(text, 22));

describe('title lines keep words whole (GB/T 9704 §7.3.1 词意完整)', () => {
  it('does not break 抓基层党建 in 004’s title', () => {
    const lines = balance('2022年党组织书记抓基层党建及述责述廉述职报告');

    expect(lines.join('')).toBe('2022年党组织书记抓基层党建及述责述廉述职报告');
    expect(lines.every((line) => !line.endsWith('基层') && !line.startsWith('党建'))).toBe(true);
  });

  it('knows words from Intl.Segmenter that the lexicon does not list', () => {
    const inside = insideLexiconWord('电脑');

    expect(inside[1]).toBe(true);
  });

  it.each([
    '2023年国有企业党组织书记抓基层党建工作述职报告',
    '党委（党组）书记2023年度抓基层党建工作述职报告',
    '关于进一步加强和改进新时代基层党组织建设工作的实施意见',
  ])('breaks %s only between words', (title) => {
    const lines = balance(title);
    const inside = insideLexiconWord(title);

    let at = 0;
    for (const line of lines.slice(0, -1)) {
      at += line.length;
      expect(inside[at]).toBe(false);
    }
  });
});
