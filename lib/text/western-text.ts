/**
 * Western European text in the legacy single-byte encoding of Windows and the web, Windows-1252
 * (which WHATWG decoders also use for ISO-8859-1 and ASCII): French, German, Spanish or Portuguese
 * saved by an older editor. Its accented letters are single bytes between ASCII ones, so GB18030 and
 * Big5 read it as broken Chinese, as rare characters, or (a handful of accents) as a few Chinese
 * characters glued inside words (`Noël` → `No雔`). It is taken only when it looks like such a text
 * and no Chinese reading has more than those few characters for it: every character of GB2312 is two
 * bytes above ASCII, which no Western text has in a row, and Big5's first bytes read as symbols.
 */
import { notTextReason } from './detect-encoding.js';
import { profileText } from './text-profile.js';

/** The encoding's WHATWG name, as `DecodedText.encoding` reports it. */
export const WINDOWS_1252 = 'windows-1252';

/**
 * What Windows-1252 has at 0x80–0x9F, where ISO-8859-1 has C1 controls (WHATWG index; the five
 * bytes it leaves as controls are left out, so they stay controls and count as noise).
 */
const HIGH_CONTROLS: Readonly<Record<number, string>> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž',
  0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

/**
 * Decodes Windows-1252. Not `new TextDecoder('windows-1252')`: Node 20.18.3+ and 22.13+ decode it
 * as ISO-8859-1, so `’` (0x92) came out as a control character (nodejs/node#56542, #60888). The
 * `latin1` label reads each byte as its own code point there and as Windows-1252 where the bug is
 * fixed; the table then gives 0x80–0x9F their Windows-1252 characters either way.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes).replace(/[\u0080-\u009f]/g, (control) => HIGH_CONTROLS[control.charCodeAt(0)] ?? control);
}

/**
 * Most non-ASCII characters among the letters of a Western text. French, German and Spanish prose
 * has 2–6%, a few words up to a third (`Crème brûlée`); Chinese read as Windows-1252 is nearly all
 * non-ASCII (GB18030) or about half (Big5, whose second bytes are often ASCII letters).
 */
const MAX_NON_ASCII_SHARE = 0.4;
/**
 * Longest mean run of adjacent non-ASCII characters. Western accents stand alone (`café`) or in
 * pairs (`créée`, `ção`); every Chinese character is two such bytes in GB18030, so its runs are
 * two and longer.
 */
const MAX_MEAN_RUN = 1.5;
/**
 * Least share of non-ASCII characters that touch an ASCII letter: accents sit inside words, the odd
 * one stands alone (`à`); Big5 pairs a non-ASCII byte with an ASCII one, but most of them with
 * another Chinese character's bytes rather than with a word.
 */
const MIN_IN_WORD_SHARE = 0.5;
/**
 * Most runs shaped like UTF-8 (`Ã©` is `é` in UTF-8 read byte by byte): a few are real
 * (`Spaß“`), many mean a file that mixes UTF-8 with Windows-1252, which no single reading shows right.
 */
const MAX_UTF8_LIKE_SHARE = 0.05;

/**
 * Least share of the non-ASCII characters that are Western letters (`é`, `ß`, `œ`) or the
 * punctuation and symbols of Western prose (`’ “ ” « » – — … € £ ° ©`). Big5's commonest first
 * bytes read as `¤ ¦ ¨ ³` and the like, which prose does not use.
 */
const MIN_WESTERN_SHARE = 0.9;

/** Windows-1252 letters above ASCII: À–ÿ but × ÷, and ƒ Š Œ Ž š œ ž Ÿ. */
const isHighLetter = (byte: number) => (byte >= 0xc0 && byte !== 0xd7 && byte !== 0xf7) || [0x83, 0x8a, 0x8c, 0x8e, 0x9a, 0x9c, 0x9e, 0x9f].includes(byte);

/** Bytes of Windows-1252 letters and of the punctuation and symbols Western prose uses. */
const WESTERN_BYTES: ReadonlySet<number> = new Set([
  ...Array.from({ length: 0x80 }, (_, i) => 0x80 + i).filter(isHighLetter),
  0x82, 0x84, 0x91, 0x92, 0x93, 0x94, 0x8b, 0x9b, 0xab, 0xbb, // ‚ „ ‘ ’ “ ” ‹ › « »
  0x85, 0x95, 0x96, 0x97, 0xa1, 0xbf, 0xb7, // … • – — ¡ ¿ ·
  0x80, 0xa2, 0xa3, 0xa5, 0xa7, 0xa9, 0xaa, 0xae, 0xb0, 0xba, 0x99, // € ¢ £ ¥ § © ª ® ° º ™
]);

/**
 * What a Western reading that contests a Chinese one of a few characters must show: at least this
 * share of its non-ASCII characters letters (a Big5 `。` reads `¡C`, which a Spanish sentence may
 * start with), and as large a share of those letters inside a word, after one of its ASCII letters
 * (`Noël`, `très`; a GB18030 `學` reads `ŒW`, at the start of its word as Chinese characters read).
 */
const MIN_CONTESTED_LETTER_SHARE = 0.5;

export interface WesternOptions {
  /**
   * A Chinese reading of a few characters stands too (`Noël` also reads `No雔`): then at least half
   * of the non-ASCII characters must be letters, and half of those come after an ASCII letter.
   */
  readonly contested?: boolean;
}

/** A, Z, a, z. */
const isAsciiLetter = (byte: number | undefined) => byte !== undefined && ((byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a));
/** A byte that is a character of its own outside ASCII; the no-break space (0xA0) is white space. */
const isHigh = (byte: number) => byte >= 0x80 && byte !== 0xa0;
/** The first byte of a two-byte UTF-8 character (U+0080–U+07FF), and a byte that continues one. */
const isUtf8Lead = (byte: number) => byte >= 0xc2 && byte <= 0xdf;
const isUtf8Continuation = (byte: number) => byte >= 0x80 && byte <= 0xbf;

/**
 * The text of `bytes` read as Windows-1252, if that reads as Western European prose: text rather
 * than noise, mostly ASCII letters, its other characters Western letters and punctuation, alone or
 * in pairs inside words, and not UTF-8 read a byte at a time. Undefined otherwise.
 */
export function readWestern(bytes: Uint8Array, options: WesternOptions = {}): string | undefined {
  let asciiLetters = 0;
  let high = 0;
  let western = 0;
  let letters = 0;
  let midWord = 0;
  let inWords = 0;
  let runs = 0;
  let utf8Like = 0;
  let runStart = -1;
  // One pass over the bytes (the end counts as a space, closing the last run); decoded only if plausible.
  for (let i = 0; i <= bytes.length; i++) {
    const byte = i < bytes.length ? bytes[i]! : 0x20;
    if (byte === 0) return undefined;
    if (isHigh(byte)) {
      if (runStart < 0) runStart = i;
      high += 1;
      if (WESTERN_BYTES.has(byte)) western += 1;
      if (isHighLetter(byte)) {
        letters += 1;
        if (isAsciiLetter(bytes[i - 1])) midWord += 1;
      }
      if (isAsciiLetter(bytes[i - 1]) || isAsciiLetter(bytes[i + 1])) inWords += 1;
      continue;
    }
    if (isAsciiLetter(byte)) asciiLetters += 1;
    if (runStart < 0) continue;
    runs += 1;
    if (i - runStart === 2 && isUtf8Lead(bytes[runStart]!) && isUtf8Continuation(bytes[runStart + 1]!)) utf8Like += 1;
    runStart = -1;
  }
  if (high === 0) return undefined;
  const plausible =
    high / (asciiLetters + high) <= MAX_NON_ASCII_SHARE &&
    western / high >= MIN_WESTERN_SHARE &&
    (!options.contested || (letters / high >= MIN_CONTESTED_LETTER_SHARE && midWord / letters >= MIN_CONTESTED_LETTER_SHARE)) &&
    high / runs <= MAX_MEAN_RUN &&
    inWords / high >= MIN_IN_WORD_SHARE &&
    utf8Like / runs <= MAX_UTF8_LIKE_SHARE;
  if (!plausible) return undefined;
  const text = decodeWindows1252(bytes);
  return notTextReason(profileText(text)) === undefined ? text : undefined;
}
