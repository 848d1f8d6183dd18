import { describe, expect, it } from 'vitest';
import { gridCharSpace, pageGeometry } from '../../../lib/render/docx/page-geometry.js';
import { GBT9704, PLAIN, type StyleProfile } from '../../../lib/render/style.js';

describe('gridCharSpace', () => {
  it('is zero when the characters per line at the Normal size fill the line exactly', () => {
    expect(gridCharSpace(28 * 16 * 20, 28, 16)).toBe(0);
  });

  it('is the shortfall per character in points times 4096, rounded down so the line still holds them all', () => {
    const charSpace = gridCharSpace(8845, 28, 16);

    expect(charSpace).toBe(Math.floor(((8845 / 28 / 20) - 16) * 4096));
    expect(28 * (16 + charSpace / 4096) * 20).toBeLessThanOrEqual(8845);
  });
});

describe('pageGeometry', () => {
  it('fits exactly the profile’s lines per page at the grid’s line pitch', () => {
    const page = pageGeometry(GBT9704);

    const textHeight = page.heightTwips - page.margin.top - page.margin.bottom;

    expect(Math.floor(textHeight / (page.grid?.linePitch ?? Infinity))).toBe(GBT9704.grid?.linesPerPage);
  });

  it('derives the grid from the text block when the profile’s spacing is not fixed', () => {
    const profile: StyleProfile = { ...PLAIN, grid: { linesPerPage: 30, charsPerLine: 35 } };

    const page = pageGeometry(profile);
    const textHeight = page.heightTwips - page.margin.top - page.margin.bottom;

    expect(page.grid?.linePitch).toBe(Math.floor(textHeight / 30));
  });

  it('has no grid when the profile has none', () => {
    expect(pageGeometry(PLAIN).grid).toBeNull();
  });
});
