/** A fixed-width stand-in for font metrics: CJK and other wide characters one em, ASCII half. */
import type { MeasureText, RunFace } from '../../../lib/render/layout/types.js';

export function fakeWidth(text: string, sizePt: number): number {
  let width = 0;
  for (const char of text) width += (char.codePointAt(0) as number) < 0x80 ? sizePt / 2 : sizePt;
  return width;
}

export const fakeMeasure: MeasureText = (text: string, face: RunFace) => fakeWidth(text, face.sizePt);

/** A title measure at `sizePt`, counting how often it is called. */
export function countingTitleMeasure(sizePt: number): { measure: (text: string) => number; calls: () => number } {
  let calls = 0;
  return {
    measure: (text: string) => {
      calls += 1;
      return fakeWidth(text, sizePt);
    },
    calls: () => calls,
  };
}
