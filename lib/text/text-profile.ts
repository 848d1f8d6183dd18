/**
 * What kind of characters a decoded text is made of. Encoding detection and binary detection both
 * judge a decoding by this profile: a right decoding of a Chinese report is almost all common Chinese
 * characters, punctuation and ASCII, while a wrong one (or noise) scatters over rare ideographs, other
 * scripts, private-use code points and control characters.
 */

/** Counts of the non-white-space characters (code points) of a text, by class. */
export interface TextProfile {
  /** Every character that is not white space. */
  readonly characters: number;
  /** Printable ASCII: letters, digits, punctuation. */
  readonly ascii: number;
  /** Ideographs of the common sets: GB2312 level 1 (simplified) or Big5 level 1 (traditional). */
  readonly commonHan: number;
  /** Every other ideograph: rarer URO characters, extension A, compatibility, planes 2 and 3. */
  readonly otherHan: number;
  /** Chinese, full-width and general punctuation (，。、“”《》—…) and the symbols reports use (①■※). */
  readonly punctuation: number;
  /**
   * What no text file holds in number: control characters, U+FFFD replacement characters,
   * private-use, unassigned and non-character code points.
   */
  readonly suspect: number;
  /** U+FFFD replacement characters (counted in {@link suspect} too). */
  readonly replacement: number;
  /** The rest: other scripts (kana, Hangul, Cyrillic, Latin-1 letters …) and other symbols. */
  readonly foreign: number;
  /** Letters and digits of any script (a subset of the classes above, `\p{L}` or `\p{N}`). */
  readonly letters: number;
  /** ASCII letters and digits (a subset of {@link ascii} and {@link letters}). */
  readonly asciiAlphanumeric: number;
}

/** Character classes, one byte each in the lookup table. */
const Class = {
  Space: 0,
  Ascii: 1,
  AsciiLetter: 2,
  CommonHan: 3,
  OtherHan: 4,
  Punctuation: 5,
  Suspect: 6,
  Foreign: 7,
  ForeignLetter: 8,
  Replacement: 9,
  /** Only in the table: a surrogate, classed by the pair it forms (or suspect, alone). */
  Surrogate: 10,
} as const;
type Class = (typeof Class)[keyof typeof Class];

let bmpClasses: Uint8Array | undefined;

/**
 * Profiles `text[start, end)` (UTF-16 code-unit offsets). A surrogate pair counts as one character;
 * a lone surrogate counts as suspect.
 */
export function profileText(text: string, start = 0, end = text.length): TextProfile {
  const table = (bmpClasses ??= buildBmpClasses());
  const counts = new Int32Array(16);
  for (let i = start; i < end; i++) {
    const unit = text.charCodeAt(i);
    const cls = table[unit]!;
    if (cls !== Class.Surrogate) {
      counts[cls]!++;
      continue;
    }
    const next = i + 1 < end ? text.charCodeAt(i + 1) : 0;
    if (unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      counts[supplementaryClass(((unit - 0xd800) << 10) + (next - 0xdc00) + 0x10000)]!++;
      i++;
    } else {
      counts[Class.Suspect]!++;
    }
  }
  return {
    characters: counts.reduce((sum, n) => sum + n, 0) - counts[Class.Space]!,
    ascii: counts[Class.Ascii]! + counts[Class.AsciiLetter]!,
    commonHan: counts[Class.CommonHan]!,
    otherHan: counts[Class.OtherHan]!,
    punctuation: counts[Class.Punctuation]!,
    suspect: counts[Class.Suspect]! + counts[Class.Replacement]!,
    replacement: counts[Class.Replacement]!,
    foreign: counts[Class.Foreign]! + counts[Class.ForeignLetter]!,
    letters: counts[Class.AsciiLetter]! + counts[Class.CommonHan]! + counts[Class.OtherHan]! + counts[Class.ForeignLetter]!,
    asciiAlphanumeric: counts[Class.AsciiLetter]!,
  };
}

/** The sum of two profiles, e.g. of two sampled windows. */
export function addProfiles(a: TextProfile, b: TextProfile): TextProfile {
  return {
    characters: a.characters + b.characters,
    ascii: a.ascii + b.ascii,
    commonHan: a.commonHan + b.commonHan,
    otherHan: a.otherHan + b.otherHan,
    punctuation: a.punctuation + b.punctuation,
    suspect: a.suspect + b.suspect,
    replacement: a.replacement + b.replacement,
    foreign: a.foreign + b.foreign,
    letters: a.letters + b.letters,
    asciiAlphanumeric: a.asciiAlphanumeric + b.asciiAlphanumeric,
  };
}

/** The profile of no text. */
export const EMPTY_PROFILE: TextProfile = {
  characters: 0,
  ascii: 0,
  commonHan: 0,
  otherHan: 0,
  punctuation: 0,
  suspect: 0,
  replacement: 0,
  foreign: 0,
  letters: 0,
  asciiAlphanumeric: 0,
};

/** True for the code points {@link TextProfile.suspect} counts, one at a time. */
export function isSuspectCodePoint(codePoint: number): boolean {
  if (codePoint > 0xffff) return supplementaryClass(codePoint) === Class.Suspect;
  const cls = (bmpClasses ??= buildBmpClasses())[codePoint];
  return cls === Class.Suspect || cls === Class.Replacement || cls === Class.Surrogate;
}

/** True for what a right reading of a Chinese report is made of: common ideographs, punctuation, ASCII, white space. */
export function isChineseTextCodePoint(codePoint: number): boolean {
  if (codePoint > 0xffff) return false;
  const cls = (bmpClasses ??= buildBmpClasses())[codePoint];
  return cls === Class.CommonHan || cls === Class.Punctuation || cls === Class.Ascii || cls === Class.AsciiLetter || cls === Class.Space;
}

function supplementaryClass(codePoint: number): Class {
  const plane = codePoint >> 16;
  if (plane === 2 || plane === 3) return Class.OtherHan;
  // Planes 4–13 are unassigned and 15–16 private use: GB18030 reaches them with four-byte
  // sequences from 0x90 up, which random bytes form easily and real text hardly ever needs.
  if ((plane >= 4 && plane <= 13) || plane >= 15 || (codePoint & 0xfffe) === 0xfffe) return Class.Suspect;
  return Class.Foreign;
}

function buildBmpClasses(): Uint8Array {
  const table = new Uint8Array(0x10000);
  const set = (from: number, to: number, cls: Class) => table.fill(cls, from, to + 1);

  // Other scripts and symbols by default; their letters are told apart for the letter count, and
  // unassigned code points, which a wrong decoding reaches and no text holds, are suspect.
  // (The big uniform blocks are set directly: testing each of their code points would make most of
  // the cost of building the table.)
  const letter = /[\p{L}\p{N}]/u;
  const unassigned = /\p{Cn}/u;
  for (let c = 0x80; c < 0x10000; c++) {
    if (c === 0x3400) c = 0x4dc0; // extension A: set below
    if (c === 0x4e00) c = 0xa000; // URO: set below
    if (c === 0xac00) c = 0xd7a4; // Hangul syllables: set below
    if (c === 0xd800) c = 0xf900; // surrogates, private use: set below
    const char = String.fromCharCode(c);
    table[c] = letter.test(char) ? Class.ForeignLetter : unassigned.test(char) ? Class.Suspect : Class.Foreign;
  }
  set(0xac00, 0xd7a3, Class.ForeignLetter);
  set(0x00, 0x1f, Class.Suspect);
  set(0x21, 0x7e, Class.Ascii);
  for (const [from, to] of [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]] as const) set(from, to, Class.AsciiLetter);
  for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x3000, 0xfeff]) table[c] = Class.Space;
  set(0x7f, 0x9f, Class.Suspect);

  for (const c of [0xa7, 0xb0, 0xb1, 0xb7, 0xd7, 0xf7]) table[c] = Class.Punctuation; // § ° ± · × ÷
  set(0x2010, 0x205e, Class.Punctuation); // – — ‘ ’ “ ” … ‰ ※
  set(0x2160, 0x217f, Class.Punctuation); // Ⅰ Ⅱ Ⅲ roman numerals
  set(0x2460, 0x249b, Class.Punctuation); // ① ⑴ ⒈ enumerations
  set(0x25a0, 0x25ff, Class.Punctuation); // ■ □ ▲ ○ ● ◆ bullets
  set(0x2605, 0x2606, Class.Punctuation); // ★ ☆
  // Only the CJK symbols Chinese text uses: a wrong decoding often lands on the rest of the block
  // (〆 々 〒), on vertical and small forms (︵ ﹍) and on half-width katakana.
  set(0x3001, 0x3003, Class.Punctuation); // 、。〃
  set(0x3007, 0x3011, Class.Punctuation); // 〇 〈〉《》「」『』【】
  set(0x3014, 0x3017, Class.Punctuation); // 〔〕〖〗
  set(0x301d, 0x301f, Class.Punctuation); // 〝〞〟
  set(0xff01, 0xff5e, Class.Punctuation); // full-width ASCII
  set(0xffe0, 0xffe6, Class.Punctuation); // ￥ ￡

  set(0x3400, 0x4dbf, Class.OtherHan);
  set(0x4e00, 0x9fff, Class.OtherHan);
  set(0xf900, 0xfaff, Class.OtherHan);
  for (const c of commonHan()) table[c] = Class.CommonHan;

  set(0xd800, 0xdfff, Class.Surrogate);
  set(0xe000, 0xf8ff, Class.Suspect);
  set(0xfdd0, 0xfdef, Class.Suspect);
  table[0xfffe] = table[0xffff] = Class.Suspect;
  table[0xfffd] = Class.Replacement;
  return table;
}

/**
 * The common ideographs, read from the character sets themselves rather than shipped as data:
 * GB2312 level 1 (rows 16–55, the 3,755 most used simplified characters) and Big5 level 1
 * (A440–C67E, the 5,401 常用字 of traditional text). Their union covers nearly all characters of
 * a report in either script, while a wrong decoding lands on them far less often.
 */
function commonHan(): number[] {
  const bytes: number[] = [];
  for (let lead = 0xb0; lead <= 0xd7; lead++) {
    for (let trail = 0xa1; trail <= 0xfe; trail++) bytes.push(lead, trail);
  }
  const simplified = new TextDecoder('gb18030').decode(new Uint8Array(bytes));
  bytes.length = 0;
  for (let lead = 0xa4; lead <= 0xc6; lead++) {
    for (const trail of [...range(0x40, 0x7e), ...range(0xa1, 0xfe)]) {
      if (lead === 0xc6 && trail > 0x7e) break;
      bytes.push(lead, trail);
    }
  }
  const traditional = new TextDecoder('big5').decode(new Uint8Array(bytes));
  return [...simplified, ...traditional]
    .map((c) => c.codePointAt(0)!)
    .filter((c) => c >= 0x4e00 && c <= 0x9fff);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
