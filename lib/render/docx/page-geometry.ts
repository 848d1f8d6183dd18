/**
 * Page geometry in Word's units, derived from the style profile: page size, margins, the footer
 * distance that puts the page number where GB/T 9704 wants it, and the document grid.
 *
 * The grid is a lines-only grid: Word's character grid (`linesAndChars` with a negative
 * `charSpace`) is misread by LibreOffice, which then sets each character over two grid cells and
 * doubles the page count. The characters per line come instead from a character-spacing
 * compression on the body styles (see {@link gridCharacterSpacing}), which every reader honours.
 */
import { DocumentGridType } from 'docx';
import { charPitchPt, type StyleProfile } from '../style.js';
import { mmToTwips, ptToTwips, TWIPS_PER_PT } from './units.js';

/** Word's document grid (`w:docGrid`): line pitch only. */
export interface DocxGrid {
  readonly type: typeof DocumentGridType.LINES;
  /** Line pitch in twips. */
  readonly linePitch: number;
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
 * Character spacing (`w:spacing` in run properties, in twentieths of a point) that puts the
 * profile's characters per line on one line at `sizePt`: the largest whole-twentieth adjustment
 * with which `charsPerLine` characters still fit the text width (GB/T 9704: 16 pt characters in
 * 156 mm need −5, i.e. 15.75 pt each; 28 fit, 29 do not). `null` when the profile has no grid.
 */
export function gridCharacterSpacing(profile: StyleProfile, sizePt: number = profile.body.sizePt): number | null {
  if (!profile.grid) return null;
  // The tolerance keeps floating-point noise (−4.9999…96 for an exact −5) from costing a twentieth.
  return Math.floor((charPitchPt(profile) - sizePt) * TWIPS_PER_PT + 1e-9);
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
  // block down to the 一字线, which a Chinese face draws in the middle of its em box: the number
  // line is exactly one em high, so its middle is half a line below its top.
  const lineTwips = pageNumberLineTwips(profile);
  const footer = mmToTwips(marginMm.bottom - profile.pageNumber.belowTextMm) - Math.round(lineTwips / 2);
  const grid = profile.grid
    ? {
        type: DocumentGridType.LINES,
        linePitch:
          profile.lineSpacing.rule === 'exact'
            ? exactLineTwips(profile)
            : Math.floor(textHeightTwips / profile.grid.linesPerPage),
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
