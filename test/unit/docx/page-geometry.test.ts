import { describe, expect, it } from 'vitest';
import { gridCharacterSpacing, pageGeometry } from '../../../lib/render/docx/page-geometry.js';
import { GBT9704, PLAIN, textWidthPt, type StyleProfile } from '../../../lib/render/style.js';

describe('gridCharacterSpacing', () => {
  it('compresses GB/T 9704 body characters by a quarter point so that 28 fit the line and 29 do not', () => {
    const spacing = gridCharacterSpacing(GBT9704) ?? Number.NaN;
    const advancePt = GBT9704.body.sizePt + spacing / 20;

    expect(spacing).toBe(-5);
    expect(28 * advancePt).toBeLessThanOrEqual(textWidthPt(GBT9704));
    expect(29 * advancePt).toBeGreaterThan(textWidthPt(GBT9704));
  });

  it('is the largest whole twentieth with which the characters still fit, at any size', () => {
    const profile: StyleProfile = { ...GBT9704, grid: { linesPerPage: 22, charsPerLine: 24 } };

    const spacing = gridCharacterSpacing(profile, 18) ?? Number.NaN;

    expect(24 * (18 + spacing / 20)).toBeLessThanOrEqual(textWidthPt(profile));
    expect(24 * (18 + (spacing + 1) / 20)).toBeGreaterThan(textWidthPt(profile));
  });

  it('is zero when the characters fill the line exactly at their size', () => {
    const profile: StyleProfile = { ...GBT9704, grid: { linesPerPage: 22, charsPerLine: 28 } };
    const exactSizePt = textWidthPt(profile) / 28;

    expect(gridCharacterSpacing(profile, exactSizePt)).toBe(0);
  });

  it('is null without a grid', () => {
    expect(gridCharacterSpacing(PLAIN)).toBeNull();
  });
});

describe('pageGeometry', () => {
  it('uses a lines-only grid, which LibreOffice reads as Word does', () => {
    expect(pageGeometry(GBT9704).grid).toEqual({ type: 'lines', linePitch: 579 });
  });

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
