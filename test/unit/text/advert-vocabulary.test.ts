import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayScore, scoreAdvert } from '../../../lib/text/advert-vocabulary.js';

const PIECES = ['公众号', '：', '客服', 'svip', 'VIP', 'vx', '素材', '库', '党建', '工作', '【', '】', '#', ' ', 'QQ群', '联系', '正文。', 'x'];

describe('the advert vocabulary', () => {
  it('scores a line only when it holds a character of some term', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }), (pieces) => {
        const line = pieces.join('');
        if (!mayScore(line)) expect(scoreAdvert(line).score).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it('rules out a line of prose that shares no character with any term', () => {
    expect(mayScore('抓党建促乡村振兴。')).toBe(false);
    expect(mayScore('欢迎加入会员，添加客服')).toBe(true);
  });

  it('counts white space out of the density, as before', () => {
    expect(scoreAdvert('客服 \u3000客服').density).toBe(6 / 4);
  });
});
