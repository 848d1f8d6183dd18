/**
 * A zlib stream (RFC 1950/1951) of literals only, Huffman-coded with a code fixed in advance, so
 * that pieces of data seen before are not coded again: each piece is coded once into bits, and a
 * stream is those bits put end to end. A PDF's font programs are mostly glyph charstrings, and the
 * reports of one run draw mostly the same glyphs, so a run codes each glyph once instead of zlib
 * coding every font program of every document from scratch. Literals only is what zlib's
 * Z_HUFFMAN_ONLY gives too: charstrings have little repetition for LZ77 to find.
 */

/** Longest code deflate allows for a literal/length symbol. */
const MAX_CODE_BITS = 15;
/** Literals 0–255 and end-of-block (256); no length symbols are ever used. */
const SYMBOLS = 257;
const END_OF_BLOCK = 256;
/** Order in which the code-length code's lengths are sent (RFC 1951 §3.2.7). */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15] as const;
const ADLER_BASE = 65521;
/** Whether a Uint32Array's bytes are in the order deflate packs them. */
const LITTLE_ENDIAN = new Uint8Array(Int32Array.of(1).buffer)[0] === 1;

/** Code lengths for `counts` (every count ≥ 1), none longer than `maxBits`. */
function codeLengths(counts: readonly number[], maxBits: number): number[] {
  let weights = counts.slice();
  for (;;) {
    const lengths = huffmanLengths(weights);
    if (Math.max(...lengths) <= maxBits) return lengths;
    // Too deep: flatten the distribution and build again (rare: only for very skewed counts).
    weights = weights.map((w) => Math.max(1, w >>> 1));
  }
}

/**
 * Plain Huffman code lengths (two or more symbols, every weight ≥ 1) by the two-queue method:
 * leaves sorted once, merged nodes come out in order. Ties go to the lower symbol: deterministic.
 */
function huffmanLengths(weights: readonly number[]): number[] {
  const n = weights.length;
  const leaves = Array.from({ length: n }, (_, symbol) => symbol).sort((a, b) => weights[a]! - weights[b]! || a - b);
  // Nodes 0..n-1 are leaves (in sorted order), n.. are merged nodes in creation order.
  const weight = new Float64Array(2 * n - 1);
  const parent = new Int32Array(2 * n - 1);
  leaves.forEach((symbol, i) => (weight[i] = weights[symbol]!));
  let leaf = 0;
  let merged = n;
  let made = n;
  const takeSmallest = (): number => (leaf < n && (merged >= made || weight[leaf]! <= weight[merged]!) ? leaf++ : merged++);
  while (made < 2 * n - 1) {
    const a = takeSmallest();
    const b = takeSmallest();
    weight[made] = weight[a]! + weight[b]!;
    parent[a] = made;
    parent[b] = made;
    made++;
  }
  const depth = new Int32Array(2 * n - 1);
  for (let node = 2 * n - 3; node >= 0; node--) depth[node] = depth[parent[node]!]! + 1;
  const lengths = new Array<number>(n).fill(0);
  leaves.forEach((symbol, i) => (lengths[symbol] = depth[i]!));
  return lengths;
}

/** Canonical codes (RFC 1951 §3.2.2) for `lengths`, bit-reversed for deflate's LSB-first packing. */
function canonicalCodes(lengths: readonly number[]): number[] {
  const maxBits = Math.max(...lengths);
  const perLength = new Array<number>(maxBits + 1).fill(0);
  for (const length of lengths) if (length > 0) perLength[length]! += 1;
  const next = new Array<number>(maxBits + 2).fill(0);
  for (let bits = 1, code = 0; bits <= maxBits; bits++) {
    code = (code + perLength[bits - 1]!) << 1;
    next[bits] = code;
  }
  return lengths.map((length) => {
    if (length === 0) return 0;
    const code = next[length]!++;
    let reversed = 0;
    for (let i = 0; i < length; i++) reversed |= ((code >>> i) & 1) << (length - 1 - i);
    return reversed;
  });
}

/** Bits written LSB first into 32-bit words, as deflate packs them. */
class BitWriter {
  private words: Int32Array;
  private count = 0;
  private accumulator = 0;
  private used = 0;

  constructor(capacityBits = 1 << 12) {
    this.words = new Int32Array(Math.max(4, (capacityBits >>> 5) + 2));
  }

  get bitLength(): number {
    return this.count * 32 + this.used;
  }

  private push(word: number): void {
    if (this.count === this.words.length) {
      const grown = new Int32Array(this.words.length * 2);
      grown.set(this.words);
      this.words = grown;
    }
    this.words[this.count++] = word;
  }

  /** Writes the low `bits` bits of `value` (bits ≤ 24). */
  write(value: number, bits: number): void {
    this.accumulator |= value << this.used;
    this.used += bits;
    if (this.used >= 32) {
      this.push(this.accumulator);
      this.used -= 32;
      this.accumulator = this.used === 0 ? 0 : value >>> (bits - this.used);
    }
  }

  /** The bits so far, with the last word zero-padded. */
  finish(): HuffmanBits {
    const bitLength = this.bitLength;
    const words = new Int32Array(this.count + (this.used > 0 ? 1 : 0));
    words.set(this.words.subarray(0, this.count));
    if (this.used > 0) words[this.count] = this.accumulator;
    return { words, bitLength };
  }
}

/** Coded bits of some bytes, with what the stream's checksum needs to know of them. */
export interface HuffmanBits {
  /** Bits packed LSB first; the last word is zero above `bitLength`. */
  readonly words: Int32Array;
  readonly bitLength: number;
}

/** A piece of a stream: its coded bits, its length and Adler-32 of its bytes. */
export interface CodedPiece extends HuffmanBits {
  readonly byteLength: number;
  readonly adler: number;
}

/** Adler-32 of `bytes` (RFC 1950 §9). */
export function adler32(bytes: Uint8Array, start = 1): number {
  let a = start & 0xffff;
  let b = start >>> 16;
  let i = 0;
  while (i < bytes.length) {
    // 5552 bytes is the most that can be summed before the 32-bit sums must be reduced.
    const end = Math.min(bytes.length, i + 5552);
    for (; i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= ADLER_BASE;
    b %= ADLER_BASE;
  }
  return ((b << 16) | a) >>> 0;
}

/** Adler-32 of two pieces one after the other, from theirs (zlib's adler32_combine). */
export function adler32Combine(first: number, second: number, secondLength: number): number {
  const remainder = secondLength % ADLER_BASE;
  let a = first & 0xffff;
  let b = (remainder * a) % ADLER_BASE;
  a += (second & 0xffff) + ADLER_BASE - 1;
  b += (first >>> 16) + (second >>> 16) + ADLER_BASE - remainder;
  if (a >= ADLER_BASE) a -= ADLER_BASE;
  if (a >= ADLER_BASE) a -= ADLER_BASE;
  if (b >= ADLER_BASE << 1) b -= ADLER_BASE << 1;
  if (b >= ADLER_BASE) b -= ADLER_BASE;
  return ((b << 16) | a) >>> 0;
}

/**
 * A fixed literal code: made once from a sample of the data it will code (every byte value gets a
 * code, so any bytes can be coded), then used for every stream. The same sample gives the same code
 * and so the same streams, whatever else the process coded before.
 */
export class HuffmanCode {
  private readonly lengths: number[];
  private readonly codes: number[];
  private readonly codeTable: Int32Array;
  private readonly lengthTable: Uint8Array;
  /** The block header: BFINAL, BTYPE = dynamic, and the code itself (RFC 1951 §3.2.7). */
  private readonly header: HuffmanBits;

  /** @param sample bytes like the ones to be coded; their byte frequencies shape the code. */
  constructor(sample: Iterable<Uint8Array>) {
    const counts = new Array<number>(SYMBOLS).fill(1);
    for (const bytes of sample) for (let i = 0; i < bytes.length; i++) counts[bytes[i]!]! += 1;
    this.lengths = codeLengths(counts, MAX_CODE_BITS);
    this.codes = canonicalCodes(this.lengths);
    this.codeTable = Int32Array.from(this.codes);
    this.lengthTable = Uint8Array.from(this.lengths);
    this.header = this.blockHeader();
  }

  private blockHeader(): HuffmanBits {
    // Two distance codes of one bit, never used: some inflaters want at least one (zlib sends two).
    const all = [...this.lengths, 1, 1];
    const lengthCounts = new Array<number>(19).fill(0);
    for (const length of all) lengthCounts[length]! += 1;
    // Lengths are sent as themselves (symbols 0–15, no run-length symbols). A Huffman code needs two
    // symbols: when only one length occurs, an unused one gets a code too.
    if (lengthCounts.filter((count) => count > 0).length < 2) lengthCounts[lengthCounts[0] === 0 ? 0 : 1]! += 1;
    const weights = lengthCounts;
    const lengthLengths = sparseLengths(weights, 7);
    const lengthCodes = canonicalCodes(lengthLengths);
    let sent = 19;
    while (sent > 4 && lengthLengths[CODE_LENGTH_ORDER[sent - 1]!] === 0) sent--;
    const writer = new BitWriter(1024);
    writer.write(1, 1); // BFINAL: the only block
    writer.write(2, 2); // BTYPE: dynamic Huffman codes
    writer.write(SYMBOLS - 257, 5);
    writer.write(2 - 1, 5);
    writer.write(sent - 4, 4);
    for (let i = 0; i < sent; i++) writer.write(lengthLengths[CODE_LENGTH_ORDER[i]!]!, 3);
    for (const length of all) writer.write(lengthCodes[length]!, lengthLengths[length]!);
    return writer.finish();
  }

  /** Codes `bytes` (a piece of a stream; see {@link deflateStream}). */
  code(bytes: Uint8Array): CodedPiece {
    const { codeTable, lengthTable } = this;
    // The hot loop of a first sight of a glyph: bits accumulate in locals, one word at a time.
    const words = new Int32Array(((bytes.length * MAX_CODE_BITS) >>> 5) + 2);
    let count = 0;
    let accumulator = 0;
    let used = 0;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i]!;
      const code = codeTable[byte]!;
      const length = lengthTable[byte]!;
      accumulator |= code << used;
      used += length;
      if (used >= 32) {
        words[count++] = accumulator;
        used -= 32;
        accumulator = used === 0 ? 0 : code >>> (length - used);
      }
    }
    if (used > 0) words[count++] = accumulator;
    return { words: words.slice(0, count), bitLength: (count - (used > 0 ? 1 : 0)) * 32 + used, byteLength: bytes.length, adler: adler32(bytes) };
  }

  /**
   * The zlib stream of the pieces' bytes one after the other: header, one block of literals coded
   * with this code, end-of-block, Adler-32. Pieces are bytes (coded now) or pieces coded before.
   */
  deflateStream(pieces: readonly (Uint8Array | CodedPiece)[]): Uint8Array {
    const coded = pieces.map((piece) => (piece instanceof Uint8Array ? this.code(piece) : piece));
    const totalBits = coded.reduce((n, piece) => n + piece.bitLength, this.header.bitLength + MAX_CODE_BITS);
    // The stream as 32-bit words: 2 header bytes (a half word), the block, the checksum after it.
    const words = new Int32Array((totalBits >>> 5) + 4);
    let count = 0;
    let accumulator = 0;
    let used = 0;
    let adler = 1;
    for (const piece of [this.header, ...coded]) {
      // The hot loop of every document: whole words shifted into place.
      const source = piece.words;
      const full = piece.bitLength >>> 5;
      for (let i = 0; i < full; i++) {
        const word = source[i]!;
        words[count++] = accumulator | (word << used);
        accumulator = used === 0 ? 0 : word >>> (32 - used);
      }
      const rest = piece.bitLength & 31;
      if (rest > 0) {
        const word = source[full]!;
        accumulator |= word << used;
        used += rest;
        if (used >= 32) {
          words[count++] = accumulator;
          used -= 32;
          accumulator = used === 0 ? 0 : word >>> (rest - used);
        }
      }
      if (piece !== this.header) adler = adler32Combine(adler, (piece as CodedPiece).adler, (piece as CodedPiece).byteLength);
    }
    const eob = this.codes[END_OF_BLOCK]!;
    const eobLength = this.lengths[END_OF_BLOCK]!;
    accumulator |= eob << used;
    used += eobLength;
    if (used >= 32) {
      words[count++] = accumulator;
      used -= 32;
      accumulator = used === 0 ? 0 : eob >>> (eobLength - used);
    }
    if (used > 0) words[count++] = accumulator;
    const dataBytes = (count - (used > 0 ? 1 : 0)) * 4 + ((used + 7) >>> 3);
    const out = new Uint8Array(2 + dataBytes + 4);
    // CMF/FLG: deflate, 32 KB window, "fastest" level; FLG makes the pair a multiple of 31.
    out[0] = 0x78;
    out[1] = 0x01;
    if (LITTLE_ENDIAN) out.set(new Uint8Array(words.buffer, 0, dataBytes), 2);
    else for (let i = 0; i < dataBytes; i++) out[2 + i] = (words[i >>> 2]! >>> ((i & 3) * 8)) & 0xff;
    const at = 2 + dataBytes;
    out[at] = adler >>> 24;
    out[at + 1] = (adler >>> 16) & 0xff;
    out[at + 2] = (adler >>> 8) & 0xff;
    out[at + 3] = adler & 0xff;
    return out;
  }
}

/** Code lengths for a few weighted symbols among many unused ones (weight 0: no code). */
function sparseLengths(weights: readonly number[], maxBits: number): number[] {
  const symbols = weights.flatMap((weight, symbol) => (weight > 0 ? [symbol] : []));
  const lengths = codeLengths(
    symbols.map((symbol) => weights[symbol]!),
    maxBits,
  );
  const all = new Array<number>(weights.length).fill(0);
  symbols.forEach((symbol, i) => (all[symbol] = lengths[i]!));
  return all;
}
