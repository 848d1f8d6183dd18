/**
 * Memoised measuring: the layout asks for the width of every character and unit of every
 * paragraph, while a report uses a few thousand distinct ones; real font measuring is slow.
 */
import type { MeasureText, RunFace } from './types.js';

/** Stable key of a face, for caches. */
export function faceKey(face: RunFace): string {
  return `${face.role}|${face.sizePt}|${face.bold ? 'b' : 'r'}`;
}

/** True when two faces draw the same: same role, size and weight. */
export function sameFace(a: RunFace, b: RunFace): boolean {
  return a.role === b.role && a.sizePt === b.sizePt && a.bold === b.bold;
}

/**
 * Wraps `measure` so that each (text, face) pair is measured once. Pass the result to every
 * layout call of one run (e.g. all reports of one input) to share the cache.
 */
export function cachedMeasure(measure: MeasureText): MeasureText {
  const byKey = new Map<string, Map<string, number>>();
  // Layout reuses a handful of face objects: find their table by identity, not by building a key.
  const byFace = new WeakMap<RunFace, Map<string, number>>();
  const tableOf = (face: RunFace): Map<string, number> => {
    let widths = byFace.get(face);
    if (widths) return widths;
    const key = faceKey(face);
    widths = byKey.get(key);
    if (!widths) {
      widths = new Map();
      byKey.set(key, widths);
    }
    byFace.set(face, widths);
    return widths;
  };
  return (text, face) => {
    const widths = tableOf(face);
    let width = widths.get(text);
    if (width === undefined) {
      width = measure(text, face);
      widths.set(text, width);
    }
    return width;
  };
}
