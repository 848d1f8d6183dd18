/**
 * Bytes of an uploaded `.txt` file to a string. Chinese text arrives as UTF-8 (with or without a
 * BOM), UTF-16 with a BOM, or legacy GB18030/GBK; line endings may be CRLF or CR.
 */
import { InputError, InputErrorCode } from '../errors.js';

export interface DecodeOptions {
  /** Largest accepted input in bytes (default 20 MB). */
  readonly maxBytes?: number;
}

/** Default size limit: 20 MB. */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** Share of control characters above which decoded text is treated as binary data. */
const MAX_CONTROL_RATIO = 0.01;

const MEGABYTE = 1024 * 1024;

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/**
 * Decodes the bytes of a text file to a string with `\n` line endings and no BOM.
 *
 * Order: a BOM decides (UTF-8, UTF-16LE, UTF-16BE); otherwise strict UTF-8; otherwise strict
 * GB18030 (a superset of GBK and GB2312 that also decodes their 4-byte sequences correctly).
 *
 * @throws {InputError} `EMPTY`, `TOO_LARGE`, `BINARY` or `UNDECODABLE`, with a message that says
 * what to do about it.
 */
export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): string {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes) {
    throw new InputError(
      InputErrorCode.TooLarge,
      `the file is ${formatMegabytes(bytes.length)}, over the ${formatMegabytes(maxBytes)} limit; split it or raise --max-size`,
    );
  }
  if (bytes.length === 0) {
    throw new InputError(InputErrorCode.Empty, 'the file is empty (0 bytes); export the report text again');
  }

  const bom = detectBom(bytes);
  const body = bytes.subarray(bom?.length ?? 0);
  const text = bom ? decodeStrict(body, bom.encoding) : decodeWithoutBom(body);

  if (text === undefined) {
    throw new InputError(
      InputErrorCode.Undecodable,
      `the text is neither UTF-8 nor GB18030 (invalid byte sequence near byte ${firstInvalidUtf8Offset(body)}); re-save it as UTF-8`,
    );
  }
  if (text.includes('\u0000')) {
    throw new InputError(
      InputErrorCode.Binary,
      'the file contains NUL bytes, so it is binary data rather than text; upload the report as a plain .txt file',
    );
  }
  if (controlRatio(text) > MAX_CONTROL_RATIO) {
    throw new InputError(
      InputErrorCode.Binary,
      'the file is mostly control characters, so it is binary data rather than text; upload the report as a plain .txt file',
    );
  }
  const normalised = text.replace(/\r\n?/g, '\n');
  if (normalised.trim() === '') {
    throw new InputError(InputErrorCode.Empty, 'the file contains only white space; export the report text again');
  }
  return normalised;
}

function formatMegabytes(bytes: number): string {
  const mb = bytes / MEGABYTE;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

function detectBom(bytes: Uint8Array): { encoding: Encoding; length: number } | undefined {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

function decodeWithoutBom(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) {
    // NUL bytes are binary data, unless the file is BOM-less UTF-16: ASCII-range characters then
    // put a zero in every other byte.
    const utf16 = guessUtf16(bytes);
    if (!utf16) binaryError();
    return decodeStrict(bytes, utf16);
  }
  return decodeStrict(bytes, 'utf-8') ?? decodeStrict(bytes, 'gb18030');
}

function binaryError(): never {
  throw new InputError(
    InputErrorCode.Binary,
    'the file contains NUL bytes, so it is binary data rather than text; upload the report as a plain .txt file',
  );
}

function guessUtf16(bytes: Uint8Array): Encoding | undefined {
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096) & ~1);
  if (sample.length < 2) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const pairs = sample.length / 2;
  // Newlines and digits alone give a UTF-16 Chinese text a fair share of zero high bytes; a few
  // characters (一 is U+4E00) have a zero low byte, so the other side need only be much rarer.
  if (oddZeros >= pairs * 0.1 && evenZeros < oddZeros / 4) return 'utf-16le';
  if (evenZeros >= pairs * 0.1 && oddZeros < evenZeros / 4) return 'utf-16be';
  return undefined;
}

function decodeStrict(bytes: Uint8Array, encoding: Encoding): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Offset of the first byte that breaks UTF-8, for the error message. */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let low = 0;
  let high = bytes.length;
  // Binary search on prefixes: a valid prefix may end inside a multi-byte sequence, so allow 3 bytes.
  while (high - low > 4) {
    const mid = (low + high) >>> 1;
    if (decodeStrict(bytes.subarray(0, mid), 'utf-8') !== undefined || validUpToTruncation(bytes, mid)) low = mid;
    else high = mid;
  }
  return low;
}

function validUpToTruncation(bytes: Uint8Array, end: number): boolean {
  for (let cut = 1; cut <= 3 && end - cut > 0; cut++) {
    if (decodeStrict(bytes.subarray(0, end - cut), 'utf-8') !== undefined) return true;
  }
  return false;
}

function controlRatio(text: string): number {
  const sampleLength = Math.min(text.length, 65_536);
  let controls = 0;
  for (let i = 0; i < sampleLength; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) || code === 0x7f) {
      controls++;
    }
  }
  return sampleLength === 0 ? 0 : controls / sampleLength;
}
