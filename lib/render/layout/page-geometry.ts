/**
 * Page geometry derived from a style profile, in PDF points with y growing downwards from the top
 * edge: the text block, the line grid, the character grid's spacing, and where a baseline sits in
 * its line.
 */
import { charPitchPt, mmToPt, textHeightPt, textWidthPt, type StyleProfile } from '../style.js';
import type { MeasureText, RunFace } from './types.js';

export interface PageGeometry {
  readonly pageWidthPt: number;
  readonly pageHeightPt: number;
  /** Left edge of the text block. */
  readonly leftPt: number;
  /** Top edge of the text block. */
  readonly topPt: number;
  readonly widthPt: number;
  readonly heightPt: number;
  /** Baseline-to-baseline advance of one line. */
  readonly linePitchPt: number;
  /** Line slots per page: the grid's lines, or as many whole pitches as the block holds. */
  readonly linesPerPage: number;
}

/** A glyph's ideographic em box reaches this far above the baseline, as a fraction of the size. */
export const EM_BOX_ASCENT = 0.88;

/** The text block and line grid of `profile`. */
export function pageGeometry(profile: StyleProfile): PageGeometry {
  const { page, grid, lineSpacing } = profile;
  const heightPt = textHeightPt(profile);
  return {
    pageWidthPt: mmToPt(page.widthMm),
    pageHeightPt: mmToPt(page.heightMm),
    leftPt: mmToPt(page.marginMm.left),
    topPt: mmToPt(page.marginMm.top),
    widthPt: textWidthPt(profile),
    heightPt,
    linePitchPt: lineSpacing.pitchPt,
    linesPerPage: grid ? grid.linesPerPage : Math.max(1, Math.floor(heightPt / lineSpacing.pitchPt + 1e-6)),
  };
}

/**
 * Baseline of a line of type `sizePt` in a slot of height `slotPt` whose top is `slotTopPt`: the
 * ideographic em box (ascent 0.88, descent 0.12 of the size, as in Fandol and Noto CJK) is centred
 * in the slot, so the glyphs of every line of the grid stay inside the text block.
 */
export function baselineInSlot(slotTopPt: number, slotPt: number, sizePt: number): number {
  return slotTopPt + (slotPt - sizePt) / 2 + EM_BOX_ASCENT * sizePt;
}

/** The ideograph measured to learn a face's full-width advance. */
const REFERENCE_IDEOGRAPH = '国';

/**
 * Extra advance after every glyph at natural spacing, per face. On a character grid a body-size
 * character advances the grid pitch (156 mm / 28 ≈ 15.79 pt for 三号), so the spacing is the
 * pitch, scaled to the face's size, less the face's measured ideograph width: about −0.21 pt for
 * 16 pt type. Without a grid it is 0.
 */
export function gridSpacing(profile: StyleProfile, measure: MeasureText): (face: RunFace) => number {
  if (!profile.grid) return () => 0;
  const pitch = charPitchPt(profile);
  const bodySize = profile.body.sizePt;
  const spacing = new WeakMap<RunFace, number>();
  return (face) => {
    let value = spacing.get(face);
    if (value === undefined) {
      value = (pitch * face.sizePt) / bodySize - measure(REFERENCE_IDEOGRAPH, face);
      spacing.set(face, value);
    }
    return value;
  };
}
