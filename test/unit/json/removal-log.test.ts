import { describe, expect, it } from 'vitest';
import { cleanStage, encodeRemovalLog } from '../../../lib/convert.js';

const bytesOf = (text: string) => new TextEncoder().encode(text);
const parse = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes)) as unknown;

describe('the removal log', () => {
  it('holds every cut, in order, with rule, family, line, column, offset and text', () => {
    // prepare
    const cleaned = cleanStage(bytesOf('述职报告\n经常性##paidbegin##“一对一”谈心。*【更多素材搜索哒^#哒文库】\n欢迎加入“某某素材库svip会员”，添加客服：abc，谨防假冒！\n'), 'a.txt');
    // act
    const log = parse(encodeRemovalLog(cleaned));
    // assert
    expect(cleaned.removals.length).toBeGreaterThanOrEqual(3);
    expect(log).toEqual({ source: 'a.txt', removals: cleaned.removals });
  });

  it('writes one cut per line, so a log of many cuts stays small and can be grepped', () => {
    // prepare
    const cleaned = cleanStage(bytesOf(`正文。${'【更多素材搜索文库】##paidend##'.repeat(200)}`), 'flood.txt');
    // act
    const lines = new TextDecoder().decode(encodeRemovalLog(cleaned)).split('\n');
    // assert
    const cuts = lines.filter((line) => line.startsWith('    {'));
    expect(cuts).toHaveLength(cleaned.summary.removals);
    expect(cuts.map((line) => JSON.parse(line.replace(/,$/, '')) as unknown)).toEqual(cleaned.removals);
    expect(lines).toHaveLength(cuts.length + 6);
  });

  it('of a text with nothing to cut is an empty list', () => {
    // prepare
    const cleaned = cleanStage(bytesOf('述职报告\n正文。'), 'clean.txt');
    // act
    const text = new TextDecoder().decode(encodeRemovalLog(cleaned));
    // assert
    expect(text).toBe('{\n  "source": "clean.txt",\n  "removals": []\n}\n');
  });
});
