/**
 * Layout contract between the pure layout engine (line breaking, justification, pagination) and
 * the PDF drawer. Units are PDF points; y grows downwards from the top edge of the page.
 */
import type { HeadingLevel } from '../../model/report.js';
import type { FontRole } from '../style.js';

/** The face of a run: which role, at which size, bold or not. */
export interface RunFace {
  readonly role: FontRole;
  readonly sizePt: number;
  readonly bold: boolean;
  /**
   * `false`: ASCII in the role's own face, as page numbers are (GB/T 9704 §7.5: 半角宋体阿拉伯数字).
   * Otherwise digits and Latin letters are set in the Latin face (Times New Roman's metrics).
   */
  readonly latin?: boolean;
}

/**
 * Width in points of `text` set in `face` with no extra character spacing. Passed in by the caller:
 * real font metrics in the PDF renderer, a fixed-width fake in tests.
 */
export type MeasureText = (text: string, face: RunFace) => number;

/**
 * What a piece of text is in the report's structure, as tagged PDF names it: `H1` the title,
 * `H2`–`H5` the heading levels 1–4 (a run-in heading's part too), `P` a paragraph's text.
 */
export type StructureTag = 'H1' | 'H2' | 'H3' | 'H4' | 'H5' | 'P';

/** A piece of one line in one face, placed on the page. */
export interface PositionedRun extends RunFace {
  readonly text: string;
  /** Its place in the structure; absent when the layout was not told (a bare paragraph in tests). */
  readonly structure?: StructureTag;
  /** Left edge of the first glyph, from the page's left edge. */
  readonly x: number;
  /** Extra advance after every character (PDF `Tc`), used for inter-character justification. */
  readonly charSpacing: number;
  /**
   * Further advance after each code point of `text` (negative: punctuation compression, 标点挤压;
   * positive: the automatic space before or after a Latin letter or digit), present only when one
   * is not 0. The drawer writes squeezes as half-width forms or `TJ` offsets, spaces as wider forms.
   */
  readonly adjustments?: readonly number[];
}

export interface LaidLine {
  /** Baseline, from the page's top edge. */
  readonly baselineY: number;
  /** The block the line belongs to, in reading order: 0 the title, `i + 1` the report's `blocks[i]`. */
  readonly block: number;
  readonly runs: readonly PositionedRun[];
}

/** An outline (bookmark) entry: the title (level 0) or a heading. */
export interface LaidBookmark {
  readonly title: string;
  readonly level: 0 | HeadingLevel;
  /** Top of the line the entry points at, from the page's top edge. */
  readonly y: number;
}

export interface LaidPage {
  /** 1-based page number. */
  readonly number: number;
  readonly lines: readonly LaidLine[];
  readonly bookmarks: readonly LaidBookmark[];
}

export interface Layout {
  readonly pages: readonly LaidPage[];
}
