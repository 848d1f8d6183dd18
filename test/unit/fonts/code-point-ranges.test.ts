import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCodePointRanges, encodeCodePointRanges, inRanges, rangesOf, RANGE_SEPARATOR } from '../../../lib/render/pdf/code-point-ranges.js';

/** Any set of code points, as an array in no order and with repeats. */
const codePoints = fc.array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength: 300 });

describe('code point ranges', () => {
  it('merges code points into sorted, disjoint ranges that hold exactly them', () => {
    fc.assert(
      fc.property(codePoints, fc.integer({ min: 0, max: 0x10ffff }), (points, probe) => {
        const ranges = rangesOf(points);

        const sortedAndApart = ranges.every(([first, last], i) => first <= last && (i === 0 || first > ranges[i - 1]![1] + 1));
        expect(sortedAndApart).toBe(true);
        for (const point of [probe, ...points]) expect(inRanges(point, ranges)).toBe(points.includes(point));
      }),
    );
  });

  it('reads back the ranges it writes', () => {
    fc.assert(
      fc.property(codePoints, (points) => {
        const ranges = rangesOf(points);

        expect(decodeCodePointRanges(encodeCodePointRanges(ranges).join(RANGE_SEPARATOR))).toEqual(ranges);
      }),
    );
  });

  it('writes a dense run as one short entry and single code points without a length', () => {
    expect(encodeCodePointRanges([[0x20, 0x7e], [0x4e00, 0x4e00]])).toEqual(['w+2m', 'fb5']);
  });

  it('refuses a table that is not in its text form, saying to regenerate it', () => {
    expect(() => decodeCodePointRanges('4h+2,2,3-5')).toThrow(/"-" is not a base-36 digit.*regenerate the table/);
  });

  it('finds nothing in no ranges', () => {
    expect([inRanges(0, decodeCodePointRanges('')), inRanges(0x4e00, [])]).toEqual([false, false]);
  });
});
