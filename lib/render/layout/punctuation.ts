/**
 * Punctuation compression (标点挤压) for Simplified Chinese, after W3C clreq §3.1.6 and JIS X 4051:
 * a full-width mark is half ink and half blank, so two marks side by side (`”；“`, `”。`, `）（`)
 * show one or two half-em holes. Squeezing one blank half of such a pair sets the cluster tight,
 * and a mark at the end of a line may lose its trailing blank so that it fits instead of pushing
 * a character to the next line.
 */

/**
 * Where a mark's ink sits in its em box, for the marks that can be squeezed. In Simplified Chinese
 * faces (GB/T 15834, clreq) the 点号 `，。、；：` and closing brackets and quotes sit in the left
 * half, opening ones in the right half. `？！` are centred in many SC faces and are never squeezed.
 */
export const PunctuationClass = {
  /** Opening bracket or quote: blank left half. */
  Opening: 'opening',
  /** Closing bracket or quote: blank right half. */
  Closing: 'closing',
  /** 点号 set at the left of the box: blank right half. */
  Stop: 'stop',
  /** Full-width punctuation that keeps its width (`？！`, `·`…): a neighbour, never squeezed. */
  Fixed: 'fixed',
} as const;
export type PunctuationClass = (typeof PunctuationClass)[keyof typeof PunctuationClass];

const CLASSES: ReadonlyMap<string, PunctuationClass> = new Map([
  ...Array.from('“‘（《「『【〔〖〈［｛', (c) => [c, PunctuationClass.Opening] as const),
  ...Array.from('”’）》」』】〕〗〉］｝', (c) => [c, PunctuationClass.Closing] as const),
  ...Array.from('，。、；：', (c) => [c, PunctuationClass.Stop] as const),
  ...Array.from('？！', (c) => [c, PunctuationClass.Fixed] as const),
]);

/** The class of a one-code-point unit, or undefined for anything that is not full-width punctuation. */
export function punctuationClass(unit: string): PunctuationClass | undefined {
  return unit.length === 1 ? CLASSES.get(unit) : undefined;
}

/** True when the mark's blank half is on its right, so the space after it can be squeezed. */
export function hasTrailingBlank(cls: PunctuationClass | undefined): boolean {
  return cls === PunctuationClass.Closing || cls === PunctuationClass.Stop;
}

/**
 * Which of two adjacent units gives up half its width, if any:
 * - `after`: the second is an opening mark after any mark (`；“`, `（“`, `）（`): its blank left half goes;
 * - `before`: a closing mark or 点号 followed by a closing mark, 点号 or fixed mark (`”。`, `。”`, `）、`):
 *   the first one's blank right half goes.
 * Only one half of a pair is squeezed, so `”；“` keeps one half-em between `；` and `“` (JIS X 4051).
 */
export function squeezedInPair(before: string, after: string): 'before' | 'after' | undefined {
  const a = punctuationClass(before);
  const b = punctuationClass(after);
  if (a === undefined || b === undefined) return undefined;
  if (b === PunctuationClass.Opening) return 'after';
  if (hasTrailingBlank(a)) return 'before';
  return undefined;
}
