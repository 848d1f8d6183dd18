import { describe, expect, it } from 'vitest';
import { canBreakBetween, isNoLineEnd, isNoLineStart } from '../../../lib/render/layout/kinsoku.js';
import { isSpaceUnit, segmentUnits } from '../../../lib/render/layout/text-units.js';

describe('segmentUnits', () => {
  it('gives every CJK character a unit of its own', () => {
    expect(segmentUnits('加强党建')).toEqual(['加', '强', '党', '建']);
  });

  it('keeps numbers whole with their decimal point, thousands separator and percent sign', () => {
    expect(segmentUnits('增长3.5%，达1,234万元，98.6％')).toEqual(['增', '长', '3.5%', '，', '达', '1,234', '万', '元', '，', '98.6％']);
  });

  it('keeps a sign with the number it signs, not with a number or word before it', () => {
    expect(segmentUnits('同比分别-6.2%、-19.3%，+3个')).toEqual(['同', '比', '分', '别', '-6.2%', '、', '-19.3%', '，', '+3', '个']);
    expect(segmentUnits('210-260天')).toEqual(['210-260', '天']);
  });

  it('keeps Latin words whole, including hyphenated ones', () => {
    expect(segmentUnits('GDP和e-mail')).toEqual(['GDP', '和', 'e-mail']);
  });

  it('keeps a dash or an ellipsis whole however long', () => {
    expect(segmentUnits('好——很好……')).toEqual(['好', '——', '很', '好', '……']);
  });

  it('does not glue a sentence-ending full stop to the number before it', () => {
    expect(segmentUnits('共3次。')).toEqual(['共', '3', '次', '。']);
    expect(segmentUnits('第2023.')).toEqual(['第', '2023', '.']);
  });

  it('joins back to the original text and keeps astral characters whole', () => {
    const text = '𠮷野家 ab  cd\t2024年';

    const units = segmentUnits(text);

    expect(units.join('')).toBe(text);
    expect(units[0]).toBe('𠮷');
    expect(units.filter(isSpaceUnit)).toEqual([' ', '  ', '\t']);
  });
});

describe('kinsoku', () => {
  it('forbids closing punctuation at the start of a line', () => {
    for (const mark of Array.from('，。、；：？！）」』》】〕…’”%')) expect(isNoLineStart(mark)).toBe(true);
    expect(isNoLineStart('国')).toBe(false);
  });

  it('forbids opening brackets and quotes at the end of a line', () => {
    for (const mark of Array.from('（「『《【〔‘“')) expect(isNoLineEnd(mark)).toBe(true);
    expect(isNoLineEnd('国')).toBe(false);
  });

  it('allows a break between two ideographs but not before a comma or after an opening quote', () => {
    expect(canBreakBetween('党', '建')).toBe(true);
    expect(canBreakBetween('建', '，')).toBe(false);
    expect(canBreakBetween('“', '三')).toBe(false);
  });
});
