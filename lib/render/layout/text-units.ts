/**
 * Segmentation of text into unbreakable units for line breaking: a line may break between two
 * units (subject to kinsoku), never inside one. A unit is a single CJK character or mark, a whole
 * number (`2023`, `3.5`, `1,234`, `98.6%`, `-19.3%`), a whole Latin word (`GDP`, `e-mail`), a whole dash or
 * ellipsis (`——`, `……`), or a run of white space.
 */

const WORD_CHAR = /[0-9A-Za-z\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/u;
/** Joins two word characters into one unit: `3.5`, `1,234`, `10:30`, `e-mail`, `A/B`, `R&D`. */
const WORD_JOINER = /[.,:/'’\-_&@+．／]/u;
/** Ends a number unit: `50%`, `3‰`, `30℃`. */
const WORD_SUFFIX = /[%％‰℃]/u;
/** Marks that must never be split, however many of them stand together (破折号, 省略号). */
const REPEATED_MARK = /[—―…⋯─]/u;
const SPACE = /\s/u;
/** A sign before a number (`-6.2%`, `+3`), which a line break must not leave at a line's end. */
const SIGN = /[-+−－＋]/u;
const DIGIT = /[0-9\uFF10-\uFF19]/u;

/** True when `unit` (from `segmentUnits`) is white space, which a line break swallows. */
export function isSpaceUnit(unit: string): boolean {
  return unit.length > 0 && !isIdeograph(unit) && SPACE.test(unit);
}

/**
 * Splits `text` into unbreakable units; joining the units gives `text` back. Runs in one pass.
 */
export function segmentUnits(text: string): string[] {
  const chars = Array.from(text);
  const units: string[] = [];
  let i = 0;
  while (i < chars.length) {
    const char = chars[i] as string;
    let end = i + 1;
    if (isIdeograph(char)) {
      // The common case, a unit of its own: skip the tests below.
    } else if (WORD_CHAR.test(char)) {
      end = wordEnd(chars, i);
    } else if (SIGN.test(char) && DIGIT.test(chars[i + 1] ?? '') && !WORD_CHAR.test(chars[i - 1] ?? '')) {
      end = wordEnd(chars, i + 1);
    } else if (REPEATED_MARK.test(char)) {
      while (end < chars.length && chars[end] === char) end += 1;
    } else if (SPACE.test(char)) {
      while (end < chars.length && SPACE.test(chars[end] as string)) end += 1;
    }
    units.push(end === i + 1 ? char : chars.slice(i, end).join(''));
    i = end;
  }
  return units;
}

function isIdeograph(char: string): boolean {
  const code = char.charCodeAt(0);
  return code >= 0x3400 && code <= 0x9fff;
}

function wordEnd(chars: readonly string[], start: number): number {
  let end = start + 1;
  for (;;) {
    const next = chars[end];
    if (next === undefined) return end;
    if (WORD_CHAR.test(next)) {
      end += 1;
    } else if (WORD_JOINER.test(next) && WORD_CHAR.test(chars[end + 1] ?? '')) {
      end += 2;
    } else if (WORD_SUFFIX.test(next)) {
      return end + 1;
    } else {
      return end;
    }
  }
}
