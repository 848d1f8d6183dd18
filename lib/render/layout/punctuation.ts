/**
 * Punctuation compression (标点挤压) for Simplified Chinese, after W3C clreq §3.1.6 and JIS X 4051:
 * a full-width mark is half ink and half blank, so two marks side by side (`”；“`, `”。`, `）（`)
 * show one or two half-em holes. Squeezing one blank half of such a pair sets the cluster tight.
 * Between Chinese and Latin letters or digits goes a small space (Word's, WPS's and LibreOffice's
 * default).
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

/**
 * The automatic space between Chinese and Latin letters or digits, in ems of the first unit's size:
 * LibreOffice's one fifth of the font height (Word and WPS add theirs by default too; LibreOffice is
 * the renderer of the DOCX we can measure), so that both formats break lines at the same places.
 */
export const AUTO_SPACE_EM = 0.2;

const IDEOGRAPH = /^[\u3400-\u9fff\uf900-\ufaff]$/u;
const LATIN_OR_DIGIT = /^[0-9A-Za-z]$/u;

/**
 * True when an automatic space goes between two adjacent units: a Chinese character next to a
 * Latin letter or digit (`2022年`, `落实30项`), never next to punctuation (`“8+”`, `**党委`),
 * as Word (`autoSpaceDE`/`autoSpaceDN`) and LibreOffice set it.
 */
export function autoSpaceBetween(before: string, after: string): boolean {
  const last = before.at(-1) ?? '';
  const first = after.charAt(0);
  return (IDEOGRAPH.test(last) && LATIN_OR_DIGIT.test(first)) || (LATIN_OR_DIGIT.test(last) && IDEOGRAPH.test(first));
}
