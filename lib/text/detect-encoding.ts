/**
 * Which encoding a BOM-less file is in. Strict acceptance is weak evidence for the legacy
 * encodings: GB18030 accepts almost any bytes, a GB2312 text is valid Big5 and the other way round,
 * and UTF-16 rejects only broken surrogates. So every candidate is decoded on samples of the file
 * and judged by what it yields: a right decoding of a Chinese report is nearly all common Chinese
 * characters, punctuation and ASCII, a wrong one is not (see text-profile.ts).
 */
import {
  addProfiles,
  EMPTY_PROFILE,
  isChineseTextCodePoint,
  isSuspectCodePoint,
  profileText,
  type TextProfile,
} from './text-profile.js';

/** The encodings report-press reads, as WHATWG `TextDecoder` labels. */
export const TextEncoding = {
  Utf8: 'utf-8',
  Utf16le: 'utf-16le',
  Utf16be: 'utf-16be',
  Gb18030: 'gb18030',
  Big5: 'big5',
} as const;
export type TextEncoding = (typeof TextEncoding)[keyof typeof TextEncoding];

/** How to name an encoding to a user. */
export const ENCODING_NAMES: Readonly<Record<TextEncoding, string>> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
  gb18030: 'GB18030',
  big5: 'Big5',
};

/**
 * Candidates for a file without a BOM in order of preference: when two decodings are equally
 * plausible (short or ASCII-only text) the earlier one wins. GB18030 comes before Big5 because the
 * reports come from mainland sites.
 */
const CANDIDATES: readonly TextEncoding[] = [
  TextEncoding.Utf8,
  TextEncoding.Gb18030,
  TextEncoding.Big5,
  TextEncoding.Utf16le,
  TextEncoding.Utf16be,
];

/** Most suspect characters (control, private-use, replacement, unassigned) a text may hold. */
export const MAX_SUSPECT_SHARE = 0.01;
/** Fewest letters and digits (of any script) among a text's characters: below, it is not prose. */
const MIN_LETTER_SHARE = 0.2;
/**
 * Least {@link chineseShare} of a legacy reading. Right readings of the fixtures score 0.99–1,
 * wrong ones (GB18030 read as Big5 and the other way round, UTF-8 or UTF-16 as either) 0.3–0.6.
 */
const MIN_CHINESE_SHARE = 0.8;
/** Below this many non-ASCII characters the share is noisy (a title of rare names), so less is asked. */
const FEW_CHARACTERS = 32;
const MIN_CHINESE_SHARE_FEW = 0.5;
/** Below this many, chance decides the share, so none is asked: the best valid reading is taken. */
const TINY_CHARACTERS = 8;

/** Bytes per sampled window, and windows spread over a file larger than all of them together. */
const DEFAULT_WINDOW_BYTES = 16 * 1024;
const DEFAULT_WINDOWS = 16;
/** Bytes per part of a window: the grain at which a file that mixes encodings shows. */
const PART_BYTES = 1024;
/** Least non-ASCII characters of a part for it to tell one encoding from another. */
const PART_MIN_JUDGED = 32;
/** Bytes of the excerpt that is segmented into words when two readings' profiles tie. */
const EXCERPT_BYTES = 2048;
/**
 * How far a GB18030 or Big5 window start may move to reach a byte that cannot be inside a
 * character of either (any byte below 0x30: controls, space, ASCII punctuation, every line end).
 */
const SYNC_SEARCH_BYTES = 1024;

/** How one part of the sampled bytes reads in one encoding. */
export interface PartReading {
  /** No invalid byte sequence in this part. */
  readonly valid: boolean;
  readonly profile: TextProfile;
}

/** How one candidate encoding decodes a file's samples. */
export interface EncodingAssessment extends PartReading {
  readonly encoding: TextEncoding;
  /** {@link quality} of the profile: 1 for a clean right reading. */
  readonly quality: number;
  /**
   * The samples in parts of about a kilobyte, in file order; the same index covers about the same
   * bytes in every assessment of a file. `valid` and `profile` are those of all parts together;
   * invalid sequences count as U+FFFD, i.e. as suspect.
   */
  readonly parts: readonly PartReading[];
  /** The file's first kilobytes in this encoding, to look for words when the profiles are close. */
  readonly excerpt: string;
}

export interface SampleOptions {
  /** Bytes per sampled window (default 16 KB). */
  readonly windowBytes?: number;
  /** Windows spread over a file larger than all of them together (default 16). */
  readonly windows?: number;
}

/**
 * Decodes samples of `bytes` in every candidate encoding and profiles them. A file up to
 * `windows × windowBytes` is decoded whole; a larger one in windows spread evenly from its first
 * to its last byte, so that each part of a file that mixes encodings has a chance to be seen.
 *
 * @returns one assessment per candidate, in order of preference (UTF-8, GB18030, Big5, UTF-16LE,
 * UTF-16BE); UTF-16 only for an even number of bytes: read from an odd number, any text looks like
 * UTF-16 with one broken byte at the end, and some of it like Chinese.
 */
export function assessEncodings(bytes: Uint8Array, options: SampleOptions = {}): EncodingAssessment[] {
  const windows = sampleWindows(bytes.length, options);
  return CANDIDATES.filter((encoding) => !isUtf16(encoding) || bytes.length % 2 === 0).map((encoding) => {
    const parts = windows.flatMap(([start, end]) => readWindow(bytes, start, end, encoding));
    const profile = sumProfiles(parts);
    const excerpt = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(0, EXCERPT_BYTES), { stream: true });
    return { encoding, valid: parts.every((part) => part.valid), profile, quality: quality(profile), parts, excerpt };
  });
}

/**
 * 1 less the reading's penalty per character: a rare ideograph costs ½ (reports have a few), a
 * character of another script or symbol 1, a suspect one 3. So 1 for a clean right reading, ½ or
 * less for a wrong one.
 */
export function quality(profile: TextProfile): number {
  if (profile.characters === 0) return 0;
  return 1 - penalty(profile) / profile.characters;
}

function penalty(profile: TextProfile): number {
  return 0.5 * profile.otherHan + profile.foreign + 3 * profile.suspect;
}

/**
 * Share of the non-ASCII characters that are common ideographs or punctuation: what tells a right
 * reading of Chinese text (0.9 and more) from a wrong one (0.6 and less). 1 when all is ASCII.
 */
export function chineseShare(profile: TextProfile): number {
  const nonAscii = profile.characters - profile.ascii;
  return nonAscii === 0 ? 1 : (profile.commonHan + profile.punctuation) / nonAscii;
}

/** Why a valid reading is not text: too many suspect characters, or too few letters. */
export function notTextReason(profile: TextProfile): 'suspect' | 'no-letters' | undefined {
  if (profile.characters === 0) return undefined;
  if (profile.suspect / profile.characters > MAX_SUSPECT_SHARE) return 'suspect';
  if (profile.letters / profile.characters < MIN_LETTER_SHARE) return 'no-letters';
  return undefined;
}

/**
 * True when a legacy reading (GB18030, Big5, BOM-less UTF-16) reads as a Chinese report: valid,
 * text rather than noise, and made of common Chinese characters, punctuation and ASCII.
 */
export function isPlausibleChinese(reading: PartReading, encoding?: TextEncoding): boolean {
  const { profile } = reading;
  if (!reading.valid || profile.characters === 0 || notTextReason(profile)) return false;
  // Letters of other scripts are what wrong readings are made of (ㄛ for a GB18030 comma in Big5).
  const chineseLetters = profile.commonHan + profile.otherHan + profile.asciiAlphanumeric;
  if (chineseLetters / profile.characters < MIN_LETTER_SHARE) return false;
  const nonAscii = profile.characters - profile.ascii;
  // UTF-16 turns any pair of bytes into a character, so even a few must read as Chinese.
  if (nonAscii < TINY_CHARACTERS && !(encoding && isUtf16(encoding))) return true;
  return chineseShare(profile) >= (nonAscii < FEW_CHARACTERS ? MIN_CHINESE_SHARE_FEW : MIN_CHINESE_SHARE);
}

/**
 * True when a reading has fewer than {@link FEW_CHARACTERS} non-ASCII characters, so that whether
 * they read as Chinese is weak evidence: a Western text with a handful of accents gives as much.
 */
export function restsOnFewCharacters(profile: TextProfile): boolean {
  return profile.characters - profile.ascii < FEW_CHARACTERS;
}

/**
 * Non-ASCII characters from which valid UTF-8 is no chance: GB18030 or Big5 text is valid UTF-8
 * only when a few characters happen to form UTF-8 sequences (`目 录` in GB18030 reads `Ŀ ¼`).
 */
const UTF8_BY_CHANCE_CHARACTERS = TINY_CHARACTERS;

/**
 * True when a valid UTF-8 reading settles the encoding: it is ASCII, or reads as Chinese, or is
 * too long to be valid by chance. Otherwise a legacy reading that is plausible Chinese is better.
 */
export function settlesUtf8(profile: TextProfile): boolean {
  const nonAscii = profile.characters - profile.ascii;
  return nonAscii === 0 || nonAscii >= UTF8_BY_CHANCE_CHARACTERS || chineseShare(profile) >= MIN_CHINESE_SHARE_FEW;
}

/**
 * Least share of a legacy reading's ideographs that form dictionary words, once its excerpt has
 * {@link WORDS_JUDGED} of them. Right readings of the fixtures score 0.4–0.85, wrong ones 0–0.01,
 * even where all their characters are common ones (Korean EUC-KR read as GB18030).
 */
const MIN_WORD_SHARE = 0.15;
const WORDS_JUDGED = 32;

/**
 * The plausible legacy readings, best first. A candidate later in the order of preference must
 * read better by at least one foreign character's penalty (2% on a long text); when neither reads
 * clearly better, as a few characters often do, the one whose characters form more dictionary
 * words wins: `習貫徹黨` (Big5) reads as `策砮过囊` in GB18030, all common characters but no words.
 */
export function rankPlausible(assessments: readonly EncodingAssessment[]): EncodingAssessment[] {
  const ranked: { assessment: EncodingAssessment; words: number }[] = [];
  for (const assessment of assessments) {
    if (assessment.encoding === TextEncoding.Utf8 || !isPlausibleChinese(assessment, assessment.encoding)) continue;
    const words = wordShare(assessment.excerpt);
    if (words.han >= WORDS_JUDGED && words.share < MIN_WORD_SHARE) continue;
    const candidate = { assessment, words: words.share };
    const at = ranked.findIndex((earlier) => readsBetter(candidate, earlier));
    if (at === -1) ranked.push(candidate);
    else ranked.splice(at, 0, candidate);
  }
  return ranked.map((r) => r.assessment);
}

function readsBetter(
  later: { assessment: EncodingAssessment; words: number },
  earlier: { assessment: EncodingAssessment; words: number },
): boolean {
  const characters = Math.min(later.assessment.profile.characters, earlier.assessment.profile.characters);
  const margin = Math.max(1 / characters, 0.02) - 1e-9;
  const gain = later.assessment.quality - earlier.assessment.quality;
  if (Math.abs(gain) >= margin) return gain > 0;
  // A word of two characters among eight outweighs one rare character.
  return gain + WORD_WEIGHT * (later.words - earlier.words) >= margin;
}

const WORD_WEIGHT = 0.5;

let segmenter: Intl.Segmenter | undefined;

/**
 * Share of the ideographs of `text` that ICU's dictionary (which `Intl.Segmenter` uses for Chinese
 * and Japanese) puts in words of two or more, and how many ideographs there are.
 */
function wordShare(text: string): { share: number; han: number } {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  let han = 0;
  let inWords = 0;
  for (const { segment, isWordLike } of segmenter.segment(text)) {
    const ideographs = segment.match(IDEOGRAPHS)?.length ?? 0;
    han += ideographs;
    if (isWordLike && ideographs >= 2) inWords += ideographs;
  }
  return { share: han === 0 ? 0 : inWords / han, han };
}

const IDEOGRAPHS = /\p{Script=Han}/gu;

/** Code units per block when a whole legacy decoding is checked; blocks overlap by half. */
const BLOCK_UNITS = 512;
/** Least non-ASCII characters for a block's Chinese share to be judged. */
const BLOCK_MIN_JUDGED = 128;
/** Least {@link chineseShare} of a block: wrong decodings stay under 0.6, right ones above 0.9. */
const BLOCK_MIN_CHINESE_SHARE = 0.7;
/** Most suspect characters in a block: a Big5 passage read as GB18030 has a fifth and more. */
const BLOCK_MAX_SUSPECT_SHARE = 0.05;

/** A stretch of a decoded text that does not read as Chinese. */
export interface ImplausibleBlock {
  /** Offset (UTF-16 code units) of the block in the text. */
  readonly offset: number;
  readonly profile: TextProfile;
  readonly reason: 'suspect' | 'not-chinese';
}

/**
 * The first stretch of a whole legacy decoding that does not read as Chinese text, if any: the
 * samples that chose the encoding may have missed a part in another encoding (a mixed file).
 */
export function findImplausibleBlock(text: string): ImplausibleBlock | undefined {
  // Each half-block is profiled once; a block is two neighbours.
  const step = BLOCK_UNITS / 2;
  let previous = EMPTY_PROFILE;
  for (let offset = 0; offset < text.length || offset === 0; offset += step) {
    const half = profileText(text, offset, Math.min(text.length, offset + step));
    const profile = addProfiles(previous, half);
    const start = Math.max(0, offset - step);
    previous = half;
    const reason = blockFault(profile);
    if (reason) return { offset: faultStart(text, start, reason), profile, reason };
  }
  return undefined;
}

function blockFault(profile: TextProfile): ImplausibleBlock['reason'] | undefined {
  if (profile.characters === 0) return undefined;
  if (profile.suspect / profile.characters > BLOCK_MAX_SUSPECT_SHARE) return 'suspect';
  const judged = profile.characters - profile.ascii >= BLOCK_MIN_JUDGED;
  return judged && chineseShare(profile) < BLOCK_MIN_CHINESE_SHARE ? 'not-chinese' : undefined;
}

/**
 * Where in a faulty block the fault begins, to name its line: the first suspect character, or the
 * first odd character of the first short stretch that does not read as Chinese.
 */
function faultStart(text: string, start: number, reason: ImplausibleBlock['reason']): number {
  const end = Math.min(text.length, start + BLOCK_UNITS);
  for (let at = start; at < end; at += FAULT_STEP) {
    const profile = profileText(text, at, Math.min(text.length, at + FAULT_UNITS));
    const bad =
      reason === 'suspect'
        ? profile.suspect > 0
        : profile.characters - profile.ascii >= FAULT_UNITS / 4 && chineseShare(profile) < BLOCK_MIN_CHINESE_SHARE;
    if (!bad) continue;
    for (let i = at; i < at + FAULT_UNITS && i < text.length; i++) {
      const codePoint = text.codePointAt(i)!;
      if (reason === 'suspect' ? isSuspectCodePoint(codePoint) : !isChineseTextCodePoint(codePoint)) return i;
    }
    return at;
  }
  return start;
}

const FAULT_UNITS = 32;
const FAULT_STEP = 8;

/**
 * Share of control, private-use and unassigned characters in the closest reading above which a
 * refused file is called noise rather than text in another encoding: random bytes give 10–30%,
 * Japanese EUC-JP read as GB18030 2%.
 */
const NOISE_SHARE = 0.05;
/** Characters from which the number of invalid sequences tells broken text from noise. */
const COUNTED_CHARACTERS = 64;

/** Why no candidate reads a file as Chinese text, with the reading that comes closest. */
export type Refusal =
  /** Parts of the file read well in one encoding, others in another. */
  | { readonly kind: 'mixed'; readonly encodings: readonly [TextEncoding, TextEncoding] }
  /** Nothing reads as text: control, private-use or unassigned characters, or no letters. */
  | { readonly kind: 'not-text'; readonly closest: EncodingAssessment }
  /** Text, but with byte sequences invalid in the encoding it reads best in. */
  | { readonly kind: 'invalid'; readonly closest: EncodingAssessment }
  /**
   * Valid, but not Chinese in any candidate (another language, or an encoding not read here):
   * too few common characters, or common characters that form no words.
   */
  | { readonly kind: 'not-chinese'; readonly closest: EncodingAssessment; readonly reason: 'rare-characters' | 'no-words' };

/**
 * Explains why none of `assessments` is taken. `failed` are encodings whose samples were valid but
 * whose whole decoding was not.
 */
export function explainRefusal(
  assessments: readonly EncodingAssessment[],
  failed: ReadonlySet<TextEncoding> = new Set(),
): Refusal {
  // Which encodings read each telling part well. A file that mixes encodings has parts that one
  // encoding reads well and parts that only another does.
  const partReaders: TextEncoding[][] = [];
  const partCount = Math.max(...assessments.map((a) => a.parts.length));
  for (let index = 0; index < partCount; index++) {
    const readers = assessments.filter((a) => isTellingPart(a.parts[index])).map((a) => a.encoding);
    if (readers.length > 0) partReaders.push(readers);
  }
  const coverage = (encoding: TextEncoding, parts: TextEncoding[][]) => parts.filter((r) => r.includes(encoding)).length;
  const byCoverage = [...CANDIDATES].sort((a, b) => coverage(b, partReaders) - coverage(a, partReaders));
  const widest = partReaders.length > 0 ? byCoverage[0] : undefined;
  if (widest !== undefined && coverage(widest, partReaders) < partReaders.length) {
    const rest = partReaders.filter((readers) => !readers.includes(widest));
    const second = [...CANDIDATES].sort((a, b) => coverage(b, rest) - coverage(a, rest))[0]!;
    return { kind: 'mixed', encodings: [widest, second] };
  }

  // Without a telling part, the closest reading is the best once invalid sequences are forgiven:
  // "一" and three broken bytes read better as broken UTF-8 than as GB18030 with a private-use one.
  const closest =
    assessments.find((a) => a.encoding === widest) ??
    [...assessments].sort((a, b) => quality(forgiving(b.profile)) - quality(forgiving(a.profile)))[0]!;
  const { profile } = closest;
  const decoded = forgiving(profile);
  const noisy =
    decoded.characters === 0 ||
    decoded.suspect / decoded.characters > NOISE_SHARE ||
    decoded.letters / decoded.characters < MIN_LETTER_SHARE;
  if (widest === undefined && noisy) return { kind: 'not-text', closest };
  if (!closest.valid || failed.has(closest.encoding)) return { kind: 'invalid', closest };
  const reason = isPlausibleChinese(closest, closest.encoding) ? 'no-words' : 'rare-characters';
  return { kind: 'not-chinese', closest, reason };
}

/**
 * A profile without the replacement characters that broken text may have: a few (a cut-off
 * character, a stray byte) where noise has them in number, and all of them in a text of a few
 * dozen characters, too short to tell one from the other by that count.
 */
function forgiving(profile: TextProfile): TextProfile {
  const forgiven =
    profile.characters < COUNTED_CHARACTERS
      ? profile.replacement
      : Math.min(profile.replacement, Math.max(2, Math.floor(profile.characters * MAX_SUSPECT_SHARE)));
  return {
    ...profile,
    characters: profile.characters - forgiven,
    suspect: profile.suspect - forgiven,
    replacement: profile.replacement - forgiven,
  };
}

function isTellingPart(part: PartReading | undefined): boolean {
  return part !== undefined && part.profile.characters - part.profile.ascii >= PART_MIN_JUDGED && isPlausibleChinese(part);
}

function isUtf16(encoding: TextEncoding): boolean {
  return encoding === TextEncoding.Utf16le || encoding === TextEncoding.Utf16be;
}

function sumProfiles(parts: readonly PartReading[]): TextProfile {
  return parts.reduce((sum, part) => addProfiles(sum, part.profile), EMPTY_PROFILE);
}

function sampleWindows(length: number, options: SampleOptions): [number, number][] {
  const windowBytes = options.windowBytes ?? DEFAULT_WINDOW_BYTES;
  const count = options.windows ?? DEFAULT_WINDOWS;
  if (length <= windowBytes * count || count < 2) return [[0, length]];
  const stride = (length - windowBytes) / (count - 1);
  return Array.from({ length: count }, (_, i) => {
    const start = Math.round(i * stride);
    return [start, Math.min(length, start + windowBytes)] as [number, number];
  });
}

/** Reads the window `[start, end)` from its first character boundary, part by part. */
function readWindow(bytes: Uint8Array, start: number, end: number, encoding: TextEncoding): PartReading[] {
  if (start === 0) return readParts(bytes, 0, end, encoding);
  switch (encoding) {
    case TextEncoding.Utf8: {
      let at = start;
      while (at < start + 3 && at < end && (bytes[at]! & 0xc0) === 0x80) at++;
      return readParts(bytes, at, end, encoding);
    }
    case TextEncoding.Utf16le:
    case TextEncoding.Utf16be: {
      let at = start & ~1;
      const high = bytes[encoding === TextEncoding.Utf16le ? at + 1 : at] ?? 0;
      if (high >= 0xdc && high <= 0xdf) at += 2; // a low surrogate: its pair began before the window
      return readParts(bytes, at, end, encoding);
    }
    case TextEncoding.Gb18030:
    case TextEncoding.Big5: {
      const limit = Math.min(end, start + SYNC_SEARCH_BYTES);
      for (let at = start; at < limit; at++) {
        if (bytes[at]! < 0x30) return readParts(bytes, at + 1, end, encoding);
      }
      // A long run of double-byte characters: the window may start on a trail byte, so both
      // alignments are tried and the one that reads better counts.
      const even = readParts(bytes, start, end, encoding);
      const odd = readParts(bytes, start + 1, end, encoding);
      return alignmentScore(odd) > alignmentScore(even) ? odd : even;
    }
  }
}

function alignmentScore(parts: readonly PartReading[]): number {
  return (parts.every((part) => part.valid) ? 1 : 0) + quality(sumProfiles(parts));
}

/**
 * Decodes `[start, end)` in parts of {@link PART_BYTES} through one streaming decoder, so that a
 * character across a part boundary is read whole. A window that ends inside a character is not
 * invalid: streaming keeps its tail undecoded, except at the end of the file, where a cut-off
 * character is.
 */
function readParts(bytes: Uint8Array, start: number, end: number, encoding: TextEncoding): PartReading[] {
  const decodeParts = (fatal: boolean) => {
    const decoder = new TextDecoder(encoding, { fatal, ignoreBOM: true });
    const texts: string[] = [];
    for (let from = start; from < end || texts.length === 0; from += PART_BYTES) {
      const to = Math.min(end, from + PART_BYTES);
      texts.push(decoder.decode(bytes.subarray(from, to), { stream: to < bytes.length }));
    }
    return texts;
  };
  try {
    return decodeParts(true).map((text) => ({ valid: true, profile: profileText(text) }));
  } catch {
    // Invalid sequences decode as U+FFFD: a part without one decoded cleanly.
    return decodeParts(false).map((text) => {
      const profile = profileText(text);
      return { valid: profile.replacement === 0, profile };
    });
  }
}
