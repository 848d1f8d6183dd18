/**
 * Page geometry in Word's units, derived from the style profile: page size, margins, the footer
 * distance that puts the page number where GB/T 9704 wants it, and the document grid.
 */
import { DocumentGridType } from 'docx';
import type { StyleProfile } from '../style.js';
import { mmToTwips, ptToTwips, TWIPS_PER_PT } from './units.js';

/** Word's document grid (`w:docGrid`). */
export interface DocxGrid {
  readonly type: typeof DocumentGridType.LINES_AND_CHARS;
  /** Line pitch in twips. */
  readonly linePitch: number;
  /** Character pitch as Word stores it: (pitch − Normal font size) in points × 4096. */
  readonly charSpace: number;
}

export interface DocxPageGeometry {
  readonly widthTwips: number;
  readonly heightTwips: number;
  readonly margin: {
    readonly top: number;
    readonly bottom: number;
    readonly left: number;
    readonly right: number;
    /** Distance from the bottom edge of the page to the bottom of the footer. */
    readonly footer: number;
  };
  /** Width of the text block in twips. */
  readonly textWidthTwips: number;
  readonly grid: DocxGrid | null;
}

/**
 * Word's `charSpace` for `charsPerLine` characters in `textWidthTwips`, relative to the Normal
 * style's size (ECMA-376 §17.6.5). Rounded down so that the line never comes out one character
 * short.
 */
export function gridCharSpace(textWidthTwips: number, charsPerLine: number, normalSizePt: number): number {
  const pitchPt = textWidthTwips / charsPerLine / TWIPS_PER_PT;
  return Math.floor((pitchPt - normalSizePt) * 4096);
}

/** Page size, margins, footer distance and grid of `profile`, in twips. */
export function pageGeometry(profile: StyleProfile): DocxPageGeometry {
  const { widthMm, heightMm, marginMm } = profile.page;
  const widthTwips = mmToTwips(widthMm);
  const heightTwips = mmToTwips(heightMm);
  const margin = {
    top: mmToTwips(marginMm.top),
    bottom: mmToTwips(marginMm.bottom),
    left: mmToTwips(marginMm.left),
    right: mmToTwips(marginMm.right),
  };
  const textWidthTwips = widthTwips - margin.left - margin.right;
  const textHeightTwips = heightTwips - margin.top - margin.bottom;
  // Word measures the footer distance to the footer's bottom; the standard measures from the text
  // block down to the top of the number line, which is one page-number line high.
  const footer = mmToTwips(marginMm.bottom - profile.pageNumber.belowTextMm) - pageNumberLineTwips(profile);
  const grid = profile.grid
    ? {
        type: DocumentGridType.LINES_AND_CHARS,
        linePitch:
          profile.lineSpacing.rule === 'exact'
            ? exactLineTwips(profile)
            : Math.floor(textHeightTwips / profile.grid.linesPerPage),
        charSpace: gridCharSpace(textWidthTwips, profile.grid.charsPerLine, profile.body.sizePt),
      }
    : null;
  return { widthTwips, heightTwips, margin: { ...margin, footer: Math.max(0, footer) }, textWidthTwips, grid };
}

/**
 * The fixed line pitch in twips, rounded down: 225 mm over 22 lines is 579.8 twips, and 580 would
 * make 22 lines 4 twips taller than the text block, so Word would set only 21.
 */
export function exactLineTwips(profile: StyleProfile): number {
  return Math.floor(profile.lineSpacing.pitchPt * TWIPS_PER_PT);
}

/** Height of the page-number line: exactly its font size, so the footer distance is predictable. */
export function pageNumberLineTwips(profile: StyleProfile): number {
  return ptToTwips(profile.pageNumber.sizePt);
}
