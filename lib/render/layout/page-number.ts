/**
 * Where the page number goes (GB/T 9704 §7.5: 四号 `— 1 —`, 一字线上距版心下边缘7 mm — the rule
 * itself 7 mm below the text block —, odd pages on the right and even pages on the left, one
 * character in from the edge of the text block).
 */
import { mmToPt, type StyleProfile } from '../style.js';
import { EM_BOX_ASCENT, pageGeometry } from './page-geometry.js';
import type { MeasureText, RunFace } from './types.js';

export interface PageNumberPlacement {
  readonly text: string;
  /** Left edge of the text, from the page's left edge; draw with no character spacing. */
  readonly x: number;
  /** Baseline, from the page's top edge. */
  readonly baselineY: number;
  readonly face: RunFace;
}

export interface PageNumberOptions {
  /**
   * Middle of a character's ink above the baseline, in ems (the font library's `inkMiddleEm`):
   * where the face draws the 一字线. Without it, or for a glyph without ink, the middle of the
   * ideographic em box, where Chinese faces centre their dashes (and what the DOCX assumes).
   */
  readonly inkMiddleEm?: (char: string, face: RunFace) => number | undefined;
}

/** Middle of the ideographic em box above the baseline, in ems (ascent 0.88, descent 0.12). */
export const EM_BOX_MIDDLE = EM_BOX_ASCENT - 0.5;

/**
 * Places the number of page `pageNumber` per `profile.pageNumber`: the middle of its first
 * character's ink (the 一字线 of `— 1 —`) `belowTextMm` below the text block, as GB/T 9704 measures
 * it; `outside` puts odd pages' numbers flush right and even pages' flush left, `insetChars`
 * characters (of the number's size) in from the block's edge; `center` centres it under the block.
 */
export function pageNumberPlacement(profile: StyleProfile, pageNumber: number, measure: MeasureText, options: PageNumberOptions = {}): PageNumberPlacement {
  const style = profile.pageNumber;
  const geometry = pageGeometry(profile);
  // Digits in the number's own face (宋体), not the Latin face: 半角宋体阿拉伯数字.
  const face: RunFace = { role: style.role, sizePt: style.sizePt, bold: false, latin: false };
  const text = style.format(pageNumber);
  const width = measure(text, face);
  const inset = style.insetChars * style.sizePt;
  const right = geometry.leftPt + geometry.widthPt;
  let x: number;
  if (style.placement === 'center') {
    x = geometry.leftPt + (geometry.widthPt - width) / 2;
  } else {
    x = pageNumber % 2 === 1 ? right - inset - width : geometry.leftPt + inset;
  }
  const rule = text.trim().charAt(0);
  const inkMiddle = (rule === '' ? undefined : options.inkMiddleEm?.(rule, face)) ?? EM_BOX_MIDDLE;
  const ruleY = geometry.topPt + geometry.heightPt + mmToPt(style.belowTextMm);
  return { text, x, baselineY: ruleY + inkMiddle * style.sizePt, face };
}
