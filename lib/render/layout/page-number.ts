/**
 * Where the page number goes (GB/T 9704 §7.5: 四号 `— 1 —`, 7 mm below the text block, odd pages
 * on the right and even pages on the left, one character in from the edge of the text block).
 */
import { mmToPt, type StyleProfile } from '../style.js';
import { baselineInSlot, pageGeometry } from './page-geometry.js';
import type { MeasureText, RunFace } from './types.js';

export interface PageNumberPlacement {
  readonly text: string;
  /** Left edge of the text, from the page's left edge; draw with no character spacing. */
  readonly x: number;
  /** Baseline, from the page's top edge. */
  readonly baselineY: number;
  readonly face: RunFace;
}

/**
 * Places the number of page `pageNumber` per `profile.pageNumber`: the top of its em box
 * `belowTextMm` below the text block; `outside` puts odd pages' numbers flush right and even
 * pages' flush left, `insetChars` characters (of the number's size) in from the block's edge;
 * `center` centres it under the block.
 */
export function pageNumberPlacement(profile: StyleProfile, pageNumber: number, measure: MeasureText): PageNumberPlacement {
  const style = profile.pageNumber;
  const geometry = pageGeometry(profile);
  const face: RunFace = { role: style.role, sizePt: style.sizePt, bold: false };
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
  const top = geometry.topPt + geometry.heightPt + mmToPt(style.belowTextMm);
  return { text, x, baselineY: baselineInSlot(top, style.sizePt, style.sizePt), face };
}
