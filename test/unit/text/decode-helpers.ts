/**
 * Helpers for the tests of decoding. Node has no GB18030 or Big5 encoder, so the encoders here build
 * their tables by running Node's decoders over every code sequence: a text encoded with them
 * decodes back to itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../../lib/errors.js';
import { decodeBytes, type DecodeOptions, type TextEncoding } from '../../../lib/text/decode.js';

const FIXTURES = join(process.cwd(), 'test', 'fixtures');

/** The seed fixtures (UTF-8), by file name. */
export function seedTexts(): { name: string; bytes: Uint8Array; text: string }[] {
  const folder = join(FIXTURES, 'seeds');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(folder, name));
      return { name, bytes, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    });
}

/** A seed fixture in traditional characters (see test/fixtures/traditional/README.md). */
export function traditionalText(): string {
  return readFileSync(join(FIXTURES, 'traditional', '000_51d4175613d3e64f.txt'), 'utf8');
}

/** `length` bytes from a seeded generator (mulberry32), each in `[min, max]`. */
export function randomBytes(seed: number, length: number, min = 0, max = 255): Uint8Array {
  let state = seed >>> 0;
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const unit = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    bytes[i] = min + Math.floor(unit * (max - min + 1));
  }
  return bytes;
}

/** The error `decodeBytes` throws for `bytes`; fails the test if it does not throw one. */
export function decodeError(bytes: Uint8Array, options: DecodeOptions = {}): InputError {
  try {
    decodeBytes(bytes, options);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected decoding to be refused');
}

/** True for a U+FFFD replacement character or a private-use code point. */
export function isReplacementOrPrivateUse(char: string): boolean {
  const c = char.codePointAt(0)!;
  return c === 0xfffd || (c >= 0xe000 && c <= 0xf8ff) || c >= 0xf0000;
}

type Table = Map<number, readonly number[]>;

let gb18030: Table | undefined;
let big5: Table | undefined;

/** Encodes `text` in `encoding`, without a BOM; throws for a character the encoding lacks. */
export function encode(text: string, encoding: TextEncoding): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return new TextEncoder().encode(text);
    case 'utf-16le':
    case 'utf-16be':
      return utf16(text, encoding === 'utf-16le');
    case 'gb18030':
      return withTable(text, (gb18030 ??= gb18030Table()), encoding, gb18030FourBytes);
    case 'big5':
      return withTable(text, (big5 ??= big5Table()), encoding);
  }
}

/** True when `encoding` has every character of `text`. */
export function canEncode(text: string, encoding: TextEncoding): boolean {
  try {
    encode(text, encoding);
    return true;
  } catch {
    return false;
  }
}

/** `text` without the characters `encoding` lacks, as `iconv -c` does. */
export function dropUnencodable(text: string, encoding: TextEncoding): string {
  return [...text].filter((c) => canEncode(c, encoding)).join('');
}

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[2 * i + (littleEndian ? 0 : 1)] = unit & 0xff;
    bytes[2 * i + (littleEndian ? 1 : 0)] = unit >> 8;
  }
  return bytes;
}

function withTable(text: string, table: Table, encoding: string, fallback?: (codePoint: number) => number[] | undefined): Uint8Array {
  const bytes: number[] = [];
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    const sequence = codePoint < 0x80 ? [codePoint] : (table.get(codePoint) ?? fallback?.(codePoint));
    if (!sequence) throw new Error(`${encoding} has no U+${codePoint.toString(16).toUpperCase()}`);
    bytes.push(...sequence);
  }
  return new Uint8Array(bytes);
}

/** Every sequence of `sequences` that decodes strictly to one code point, keyed by it (first wins). */
function tableOf(encoding: string, sequences: readonly (readonly number[])[]): Table {
  const table: Table = new Map();
  const strict = new TextDecoder(encoding, { fatal: true });
  for (const sequence of sequences) {
    let text: string;
    try {
      text = strict.decode(new Uint8Array(sequence));
    } catch {
      continue;
    }
    const codePoint = text.codePointAt(0)!;
    if (text.length === String.fromCodePoint(codePoint).length && !table.has(codePoint)) table.set(codePoint, sequence);
  }
  return table;
}

function gb18030Table(): Table {
  const sequences: number[][] = [];
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) sequences.push([lead, trail]);
  }
  // Four-byte sequences of the BMP: 81 30 81 30 to 84 31 A4 39.
  for (let b1 = 0x81; b1 <= 0x84; b1++) {
    for (let b2 = 0x30; b2 <= 0x39; b2++) {
      for (let b3 = 0x81; b3 <= 0xfe; b3++) for (let b4 = 0x30; b4 <= 0x39; b4++) sequences.push([b1, b2, b3, b4]);
    }
  }
  return tableOf('gb18030', sequences);
}

/** Supplementary planes are linear in GB18030, from 90 30 81 30 (U+10000). */
function gb18030FourBytes(codePoint: number): number[] | undefined {
  if (codePoint < 0x10000) return undefined;
  let n = codePoint - 0x10000;
  const b4 = n % 10;
  n = Math.floor(n / 10);
  const b3 = n % 126;
  n = Math.floor(n / 126);
  const b2 = n % 10;
  const b1 = Math.floor(n / 10);
  return [0x90 + b1, 0x30 + b2, 0x81 + b3, 0x30 + b4];
}

function big5Table(): Table {
  const sequences: number[][] = [];
  // From A1: the HKSCS rows below it decode too, but no Big5 encoder writes them.
  for (let lead = 0xa1; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) if (trail <= 0x7e || trail >= 0xa1) sequences.push([lead, trail]);
  }
  return tableOf('big5', sequences);
}
