import { describe, expect, it } from 'vitest';
import { pageGeometry } from '../../../lib/render/layout/page-geometry.js';
import { pageNumberPlacement } from '../../../lib/render/layout/page-number.js';
import { GBT9704, mmToPt, PLAIN } from '../../../lib/render/style.js';
import { fakeMeasure, fakeWidth } from './fake-measure.js';

const GEOMETRY = pageGeometry(GBT9704);
const RIGHT = GEOMETRY.leftPt + GEOMETRY.widthPt;

describe('pageNumberPlacement', () => {
  it('puts odd page numbers one 四号 character in from the right edge of the text block', () => {
    const placed = pageNumberPlacement(GBT9704, 3, fakeMeasure);

    expect(placed.text).toBe('— 3 —');
    expect(placed.face).toEqual({ role: 'song', sizePt: 14, bold: false, latin: false });
    expect(placed.x + fakeWidth('— 3 —', 14)).toBeCloseTo(RIGHT - 14, 6);
  });

  it('puts even page numbers one character in from the left edge of the text block', () => {
    const placed = pageNumberPlacement(GBT9704, 12, fakeMeasure);

    expect(placed.x).toBeCloseTo(GEOMETRY.leftPt + 14, 6);
  });

  it('puts the 一字线 7 mm below the text block, measured to its ink as the face draws it (GB/T 9704 §7.5)', () => {
    const dashMiddleEm = 0.3;

    const placed = pageNumberPlacement(GBT9704, 1, fakeMeasure, { inkMiddleEm: (char) => (char === '—' ? dashMiddleEm : undefined) });

    const dashY = placed.baselineY - dashMiddleEm * 14;
    expect(dashY).toBeCloseTo(GEOMETRY.topPt + GEOMETRY.heightPt + mmToPt(7), 6);
    expect(placed.baselineY).toBeLessThan(GEOMETRY.pageHeightPt);
  });

  it('without the face’s outline, puts the middle of the number’s em box there, where Chinese faces centre a dash', () => {
    const placed = pageNumberPlacement(GBT9704, 1, fakeMeasure);

    const emMiddle = placed.baselineY - (0.88 - 0.5) * 14;
    expect(emMiddle).toBeCloseTo(GEOMETRY.topPt + GEOMETRY.heightPt + mmToPt(7), 6);
  });

  it('centres the number under the text block on the plain profile', () => {
    const geometry = pageGeometry(PLAIN);

    const placed = pageNumberPlacement(PLAIN, 2, fakeMeasure);

    expect(placed.x + fakeWidth(placed.text, 10.5) / 2).toBeCloseTo(geometry.leftPt + geometry.widthPt / 2, 6);
  });
});
