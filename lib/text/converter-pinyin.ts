/**
 * Pinyin that a simplified-to-traditional converter wrote after characters (`績(jì)效`,
 * `考核(kǎo hé)`, `發(fā)展`): the sites that run such a converter over their pages annotate
 * every few characters, so a page carries dozens of these readings. They are not the author's:
 * the step cuts them, each logged as `converter-pinyin/annotation`.
 *
 * A reading is told from a bracketed remark by its shape alone: it stands right after a Chinese
 * character and holds nothing but pinyin syllables, at least one with a tone mark
 * (`(digital signal processing)`, `(1)`, `(试行)` are content and stay). A syllable without a tone
 * mark (`們(men)`) counts only on a page that carries toned readings too.
 */
import { CleanFamily, type PassRule, type RuleCut } from './clean-rules.js';

export const CONVERTER_PINYIN_RULE_ID = 'converter-pinyin/annotation';

/** The parts of a pinyin syllable, as data: initial, vowels (a toned one names the tone), final consonant. */
export const PINYIN = {
  initials: ['zh', 'ch', 'sh', 'b', 'p', 'm', 'f', 'd', 't', 'n', 'l', 'g', 'k', 'h', 'j', 'q', 'x', 'r', 'z', 'c', 's', 'y', 'w'],
  plainVowels: 'aeiouü',
  tonedVowels: 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ',
  finals: ['ng', 'n', 'r'],
  /** Most syllables one reading holds: converters annotate a character or a word of a few. */
  maxSyllables: 4,
  /**
   * Toned readings after Chinese characters that make a converter's page, on which an untoned one
   * (`(men)`) and one after a mojibake character count too.
   */
  minTonedForUntoned: 3,
} as const;

const INITIAL = `(?:${PINYIN.initials.join('|')})`;
const VOWEL = `[${PINYIN.plainVowels}${PINYIN.tonedVowels}]`;
const FINAL = `(?:${PINYIN.finals.join('|')})`;
const SYLLABLE = `${INITIAL}?${VOWEL}{1,3}${FINAL}?`;
const TONED = new RegExp(`[${PINYIN.tonedVowels}]`, 'u');
/** An untoned syllable is a reading only with an initial (`men`, `de`): `(a)`, `(e)` are list marks. */
const UNTONED_SYLLABLE = new RegExp(`^${INITIAL}[${PINYIN.plainVowels}]{1,3}${FINAL}?$`, 'u');

/**
 * A reading in half- or full-width brackets after the character it reads; or, at the very end of
 * the text, one the page's cut left open (`發(fā`).
 */
const READING = new RegExp(String.raw`[(（](${SYLLABLE}(?: ${SYLLABLE}){0,${PINYIN.maxSyllables - 1}})(?:[)）]|$)`, 'gu');
const HAN = /^\p{Script=Han}$/u;

/**
 * Cuts the converter's readings from `text`: a toned one after a Chinese character, and on a page
 * that has enough of those (a converter's page), also a toned one after a character the page's
 * mojibake replaced (`碓O(shè)備`) and an untoned one after a Chinese character.
 */
export function findConverterPinyin(text: string, cut: RuleCut): void {
  const candidates: { start: number; end: number; afterHan: boolean; toned: boolean; syllables: string[] }[] = [];
  let tonedAfterHan = 0;
  for (const match of text.matchAll(READING)) {
    // The character read: right before the bracket, never white space (`注音 (pīn yīn)` is a remark).
    const read = text[match.index - 1] ?? ' ';
    if (/\s/u.test(read)) continue;
    const reading = match[1] as string;
    const candidate = {
      start: match.index,
      end: match.index + match[0].length,
      afterHan: HAN.test(read),
      toned: TONED.test(reading),
      syllables: reading.split(' '),
    };
    if (candidate.toned && candidate.afterHan) tonedAfterHan++;
    candidates.push(candidate);
  }
  const converterPage = tonedAfterHan >= PINYIN.minTonedForUntoned;
  for (const { start, end, afterHan, toned, syllables } of candidates) {
    const isReading = toned
      ? afterHan || converterPage
      : afterHan && converterPage && syllables.every((syllable) => UNTONED_SYLLABLE.test(syllable));
    if (isReading) cut(start, end, CONVERTER_PINYIN_RULE_ID);
  }
}

/** The rule the converter-pinyin pass cuts by (clean-passes.ts runs it before anything judges lines, whose widths the readings changed). */
export const CONVERTER_PINYIN_RULES: readonly PassRule[] = [{ id: CONVERTER_PINYIN_RULE_ID, family: CleanFamily.ConverterPinyin, description: 'pinyin a simplified-to-traditional converter put after characters: 績(jì)效, 考核(kǎo hé)' }];
