/**
 * Bytes of an uploaded `.txt` file to a string. Chinese text arrives as UTF-8 (with or without a
 * BOM), UTF-16 (with or without a BOM), legacy GB18030/GBK or Big5; line endings may be CRLF or CR.
 * A Western European text may come in Windows-1252 (ISO-8859-1).
 * What is not text — noise, binary files, a file in an encoding none of these read as Chinese —
 * is refused with a message that says what the file looks like and what to do.
 */
import { InputError, InputErrorCode } from '../errors.js';
import {
  assessEncodings,
  chineseShare,
  ENCODING_NAMES,
  explainRefusal,
  findImplausibleBlock,
  MAX_SUSPECT_SHARE,
  notTextReason,
  rankPlausible,
  restsOnFewCharacters,
  settlesUtf8,
  TextEncoding,
  type EncodingAssessment,
  type ImplausibleBlock,
  type SampleOptions,
} from './detect-encoding.js';
import { profileText, type TextProfile } from './text-profile.js';
import { readWestern, WINDOWS_1252 } from './western-text.js';

export { TextEncoding } from './detect-encoding.js';

export interface DecodeOptions {
  /** Largest accepted input in bytes (default 20 MB). */
  readonly maxBytes?: number;
  /**
   * How the reader can raise {@link maxBytes} (the CLI's `--max-size`), for the `TOO_LARGE` message
   * to name; unset where the reader cannot (an upload to the S3 chain or the web page), and then the
   * message only says to split the file.
   */
  readonly limitOption?: string;
  /** How a BOM-less legacy file is sampled to choose its encoding (defaults suit any size). */
  readonly sample?: SampleOptions;
}

/** Default size limit: 20 MB. */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** A decoded file and the encoding it was read in. */
export interface DecodedText {
  /** The text with `\n` line endings and no BOM. */
  readonly text: string;
  /** A candidate for Chinese text, or Windows-1252 for Western European text (see western-text.ts). */
  readonly encoding: TextEncoding | typeof WINDOWS_1252;
  /** The file started with a byte-order mark, which decided the encoding. */
  readonly bom: boolean;
}

/**
 * Decodes the bytes of a text file to a string with `\n` line endings and no BOM.
 *
 * @throws {InputError} `EMPTY`, `TOO_LARGE`, `BINARY` or `UNDECODABLE`, with a message that says
 * what to do about it.
 * @see decodeBytes, which also tells the encoding.
 */
export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): string {
  return decodeBytes(bytes, options).text;
}

/**
 * Decodes the bytes of a text file and tells which encoding they were in.
 *
 * A BOM decides (UTF-8, UTF-16LE, UTF-16BE). Otherwise strict UTF-8, which other encodings' Chinese
 * text never is. Otherwise GB18030, Big5, UTF-16LE and UTF-16BE are each decoded on samples of the
 * file and the one that reads best as Chinese text is taken, if any does; the whole decoding is then
 * checked once more, so that a part in another encoding is not passed off as text. When none does,
 * Western European text in Windows-1252 (ISO-8859-1) is the last reading tried.
 *
 * @throws {InputError} `EMPTY`, `TOO_LARGE`, `BINARY` (noise, control characters, NUL bytes) or
 * `UNDECODABLE` (invalid bytes, no plausible encoding, mixed encodings), with a message that says
 * what the file looks like and what to do about it.
 */
export function decodeBytes(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes) {
    throw new InputError(InputErrorCode.TooLarge, { size: bytes.length, limit: maxBytes, ...(options.limitOption ? { limitOption: options.limitOption } : {}) });
  }
  if (bytes.length === 0) throw new InputError(InputErrorCode.Empty, { size: 0 });

  const bom = detectBom(bytes);
  if (bom) {
    const body = bytes.subarray(bom.length);
    const text = decodeStrict(body, bom.encoding);
    if (text === undefined) {
      throw new InputError(InputErrorCode.Undecodable, {
        cause: 'bom',
        encoding: ENCODING_NAMES[bom.encoding],
        offset: bom.length + firstInvalidOffset(body, bom.encoding),
      });
    }
    refuseIfNotText(text, profileText(text));
    return finish(text, bom.encoding, true, bytes.length);
  }

  const utf8 = readUtf8(bytes);
  if (utf8.taken) return utf8.taken;

  const assessments = assessEncodings(bytes, options.sample);
  const ranked = rankPlausible(assessments);
  // French, German, Spanish … saved as Windows-1252 or ISO-8859-1 are converted as the same text in
  // UTF-8 is. Read so only when no Chinese reading has more than a few characters for it: a handful
  // of accents reads as a few Chinese characters too (`Noël` → `No雔`), a Chinese text as many.
  const contested = ranked.length > 0;
  const western = !contested || restsOnFewCharacters(ranked[0]!.profile) ? readWestern(bytes, { contested }) : undefined;
  if (western !== undefined) return finish(western, WINDOWS_1252, false, bytes.length);
  const failed = new Set<TextEncoding>();
  let mixed: InputError | undefined;
  for (const candidate of ranked) {
    const text = decodeStrict(bytes, candidate.encoding);
    if (text === undefined) {
      failed.add(candidate.encoding);
      continue;
    }
    const block = findImplausibleBlock(text);
    if (block === undefined) return finish(text, candidate.encoding, false, bytes.length);
    mixed ??= mixedEncodingsError(candidate.encoding, block, text);
  }

  // A short UTF-8 text of a few non-Chinese characters that no legacy encoding reads as Chinese.
  if (utf8.fallback !== undefined) return finish(utf8.fallback, TextEncoding.Utf8, false, bytes.length);
  throw mixed ?? utf8.refusal ?? refusal(bytes, assessments, failed);
}

/**
 * Strict UTF-8 is strong evidence by itself: GB18030, Big5 and UTF-16 Chinese are never valid UTF-8
 * beyond a few characters. So valid UTF-8 is taken, or refused as not text, unless it is a few odd
 * characters (then a legacy reading may be better) or has NULs (UTF-16 of ASCII is valid UTF-8).
 *
 * @returns the decoded text if that settles it; else, for valid UTF-8, the text to fall back on or
 * the error to give if no other encoding reads the file.
 */
function readUtf8(bytes: Uint8Array): { taken?: DecodedText; fallback?: string; refusal?: InputError } {
  const text = decodeStrict(bytes, TextEncoding.Utf8);
  if (text === undefined) return {};
  const profile = profileText(text);
  const reason = notText(profile, text);
  if (settlesUtf8(profile)) {
    if (reason === undefined) return { taken: finish(text, TextEncoding.Utf8, false, bytes.length) };
    if (reason !== 'nul') throw notTextError(reason, profile);
  }
  return reason === undefined ? { fallback: text } : { refusal: notTextError(reason, profile) };
}

/** `size`: the file's bytes, for the `EMPTY` message (more than 0: white space, or a BOM, only). */
function finish(text: string, encoding: DecodedText['encoding'], bom: boolean, size: number): DecodedText {
  const normalised = text.replace(/\r\n?/g, '\n');
  if (normalised.trim() === '') throw new InputError(InputErrorCode.Empty, { size });
  return { text: normalised, encoding, bom };
}

type NotText = 'nul' | 'suspect' | 'no-letters';

/** Why a valid decoding is not text, if it is not. */
function notText(profile: TextProfile, text: string): NotText | undefined {
  if (text.includes('\u0000')) return 'nul';
  return notTextReason(profile);
}

function refuseIfNotText(text: string, profile: TextProfile): void {
  const reason = notText(profile, text);
  if (reason !== undefined) throw notTextError(reason, profile);
}

/** The error for a file that no candidate encoding reads as Chinese text. */
function refusal(bytes: Uint8Array, assessments: readonly EncodingAssessment[], failed: ReadonlySet<TextEncoding>): InputError {
  const why = explainRefusal(assessments, failed);
  switch (why.kind) {
    case 'mixed':
      return new InputError(InputErrorCode.Undecodable, { cause: 'mixed', encoding: ENCODING_NAMES[why.encodings[0]], other: ENCODING_NAMES[why.encodings[1]] });
    case 'not-text': {
      const { profile } = why.closest;
      const suspect = profile.suspect / profile.characters > MAX_SUSPECT_SHARE;
      return notTextError(bytes.includes(0) ? 'nul' : suspect ? 'suspect' : 'no-letters', profile);
    }
    case 'invalid':
      return new InputError(InputErrorCode.Undecodable, {
        cause: 'invalid',
        encoding: ENCODING_NAMES[why.closest.encoding],
        offset: firstInvalidOffset(bytes, why.closest.encoding),
      });
    case 'not-chinese':
      return new InputError(InputErrorCode.Undecodable, {
        cause: 'not-chinese',
        encoding: ENCODING_NAMES[why.closest.encoding],
        fault: why.reason,
        ...(why.reason === 'rare-characters' ? { share: chineseShare(why.closest.profile) } : {}),
      });
  }
}

function notTextError(reason: NotText, profile: TextProfile): InputError {
  switch (reason) {
    case 'nul':
      return new InputError(InputErrorCode.Binary, { cause: 'nul' });
    case 'suspect':
      return new InputError(InputErrorCode.Binary, { cause: 'suspect', share: profile.suspect / profile.characters });
    case 'no-letters':
      return new InputError(InputErrorCode.Binary, { cause: 'no-letters', share: profile.letters / profile.characters });
  }
}

function mixedEncodingsError(encoding: TextEncoding, block: ImplausibleBlock, text: string): InputError {
  const { profile } = block;
  return new InputError(InputErrorCode.Undecodable, {
    cause: 'mixed-at',
    encoding: ENCODING_NAMES[encoding],
    line: lineAt(text, block.offset),
    fault: block.reason,
    share: block.reason === 'suspect' ? profile.suspect / profile.characters : chineseShare(profile),
  });
}

/** The 1-based line of `offset`, with any line endings (the text is not normalised yet). */
function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split(/\r\n?|\n/).length;
}

function detectBom(bytes: Uint8Array): { encoding: TextEncoding; length: number } | undefined {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: TextEncoding.Utf8, length: 3 };
  if (a === 0xff && b === 0xfe) return { encoding: TextEncoding.Utf16le, length: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: TextEncoding.Utf16be, length: 2 };
  return undefined;
}

function decodeStrict(bytes: Uint8Array, encoding: TextEncoding): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Bytes per step when looking for the first invalid sequence of a large file. */
const SCAN_CHUNK = 64 * 1024;

/**
 * Offset of the byte at which strict decoding fails, for the error message; the length of the file
 * if only its end is cut off inside a character.
 */
function firstInvalidOffset(bytes: Uint8Array, encoding: TextEncoding): number {
  // Find the failing chunk by streaming, then bisect from a character boundary shortly before it,
  // so that no probe decodes more than two chunks.
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  let chunk = 0;
  try {
    for (; chunk < bytes.length; chunk += SCAN_CHUNK) decoder.decode(bytes.subarray(chunk, chunk + SCAN_CHUNK), { stream: true });
    return truncatedTailOffset(bytes, encoding);
  } catch {
    // the invalid sequence ends in this chunk
  }
  const from = characterBoundaryBefore(bytes, chunk, encoding);
  const validUpTo = (end: number) => {
    try {
      new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(from, end), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let low = chunk;
  let high = Math.min(bytes.length, chunk + SCAN_CHUNK);
  while (high - low > 1) {
    const mid = (low + high) >>> 1;
    if (validUpTo(mid)) low = mid;
    else high = mid;
  }
  return low;
}

/** Where the character cut off by the end of the file begins (everything before it is valid). */
function truncatedTailOffset(bytes: Uint8Array, encoding: TextEncoding): number {
  const from = characterBoundaryBefore(bytes, Math.max(0, bytes.length - 4), encoding);
  for (let end = bytes.length - 1; end >= from && end > bytes.length - 4; end--) {
    if (decodeStrict(bytes.subarray(from, end), encoding) !== undefined) return end;
  }
  return bytes.length;
}

function characterBoundaryBefore(bytes: Uint8Array, offset: number, encoding: TextEncoding): number {
  switch (encoding) {
    case TextEncoding.Utf8: {
      let at = offset;
      while (at > 0 && offset - at < 4 && (bytes[at]! & 0xc0) === 0x80) at--;
      return at;
    }
    case TextEncoding.Utf16le:
    case TextEncoding.Utf16be: {
      const at = offset & ~1;
      const high = bytes[encoding === TextEncoding.Utf16le ? at + 1 : at] ?? 0;
      // A low surrogate belongs to the unit before it.
      return high >= 0xdc && high <= 0xdf && at >= 2 ? at - 2 : at;
    }
    case TextEncoding.Gb18030:
    case TextEncoding.Big5:
      // A byte below 0x30 is a character of its own in both; the next one starts a character.
      for (let at = offset - 1; at >= 0 && offset - at <= SCAN_CHUNK; at--) {
        if (bytes[at]! < 0x30) return at + 1;
      }
      return 0;
  }
}
