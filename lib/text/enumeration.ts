/**
 * Enumerated sentences (`一是…。二是…。三是…`), as reports run them: either inline, one paragraph
 * holding every item, or one item per paragraph. Which one a text does is told by where the item
 * before stands: a hard-wrapped full line that ends with `。` above `二是…` continues the paragraph
 * when `一是` stood inside that paragraph, and ends it when `一是` opened it.
 */

import { CHINESE_COUNTING, numeralValue } from './lexicon/numerals.js';
import { AsciiMark, Mark, STATEMENT_MARKS } from './lexicon/punctuation.js';

/** The words that make an item of a numeral (`一是`, `二要`), and the numerals, as data. */
export const ENUMERATION = {
  itemWords: '是要',
  numerals: CHINESE_COUNTING,
  /** Marks after which an inline item starts: a sentence's end, a semicolon or a colon. */
  before: STATEMENT_MARKS + Mark.Colon + AsciiMark.Colon,
} as const;

/** An item, also one a hard wrap split (`二` / `是…`). */
const ITEM = new RegExp(`([${ENUMERATION.numerals}]{1,2})(?:[ \\t\\u3000]{0,4}\\n[ \\t\\u3000]{0,4})?[${ENUMERATION.itemWords}]`, 'gu');
const ITEM_AT_START = new RegExp(`^([${ENUMERATION.numerals}]{1,2})[${ENUMERATION.itemWords}]`, 'u');
const SPACE = /[ \t\u3000\u00a0]/;

/** 一 … 九十九 as a number (0 for what is none, such as `二二`). */
function numeral(text: string): number {
  const value = numeralValue(text);
  return Number.isInteger(value) && value > 0 ? value : 0;
}

/** The item number `line` opens with (`二是…` → 2), or 0. */
export function itemNumberAt(line: string): number {
  const match = ITEM_AT_START.exec(line);
  return match ? numeral(match[1] as string) : 0;
}

/**
 * Where items stand in `text`: the offset and number of each item that opens a line or follows a
 * sentence or clause end, in text order. One pass over the text; reports have few.
 */
export function enumerationItems(text: string): { readonly offsets: number[]; readonly numbers: number[] } {
  const offsets: number[] = [];
  const numbers: number[] = [];
  for (const match of text.matchAll(ITEM)) {
    let before = match.index - 1;
    while (before >= 0 && SPACE.test(text[before] as string)) before--;
    const opens = before < 0 || text[before] === '\n' || ENUMERATION.before.includes(text[before] as string);
    const number = numeral(match[1] as string);
    if (opens && number > 0) {
      offsets.push(match.index);
      numbers.push(number);
    }
  }
  return { offsets, numbers };
}

/**
 * The last item of the paragraph being read, fed line by line: whether it stood inside the
 * paragraph or opened it.
 */
export class ParagraphEnumeration {
  private last = 0;
  private lastInside = false;
  private next = 0;

  constructor(private readonly items: ReturnType<typeof enumerationItems>) {}

  /** Reads the line `[start, end)` of the text; `opensParagraph` when a paragraph starts with it (at `contentStart`). */
  read(start: number, contentStart: number, end: number, opensParagraph: boolean): void {
    const { offsets, numbers } = this.items;
    if (opensParagraph) {
      this.last = 0;
      this.lastInside = false;
    }
    while (this.next < offsets.length && (offsets[this.next] as number) < start) this.next++;
    for (; this.next < offsets.length && (offsets[this.next] as number) < end; this.next++) {
      this.last = numbers[this.next] as number;
      this.lastInside = !(opensParagraph && offsets[this.next] === contentStart);
    }
  }

  /** True when `line` opens the item after the paragraph's last one, and that one stood inside the paragraph. */
  continuesInside(line: string): boolean {
    const number = itemNumberAt(line);
    return number > 1 && number === this.last + 1 && this.lastInside;
  }
}
