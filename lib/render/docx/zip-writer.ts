/**
 * A zip writer for .docx packages that writes exactly what fflate's `zipSync` writes for the same
 * entries, level and time, while compressing each distinct shared part only once per process: of
 * a package's twenty-odd parts only the document body and the core properties change from one
 * report to the next (styles, theme, settings, footers … are the profile's).
 */
import { crc32 } from 'node:zlib';
import { deflateSync, strToU8 } from 'fflate';

/** One part of the package: its path and its content. */
export type ZipEntry = readonly [name: string, content: string | Uint8Array];

export interface ZipWriterOptions {
  /**
   * Modification time of every entry. Zip records a wall-clock time without a zone: the UTC fields
   * are written, so the bytes are the same in every time zone (and on every day of a DST change).
   */
  readonly mtime: Date;
  /** Entries whose compressed form is kept for later packages (the parts that repeat). */
  readonly reuse: (name: string) => boolean;
}

interface Compressed {
  readonly size: number;
  readonly crc: number;
  readonly data: Uint8Array;
}

/** Compression level of every entry: fflate's default, which the packages were always written with. */
const LEVEL = 6;
/** Enough for every shared part of a few profiles; past it the cache starts over. */
const MAX_CACHED = 256;
const cache = new Map<string, Compressed>();

function compress(bytes: Uint8Array): Compressed {
  return { size: bytes.length, crc: crc32(bytes) >>> 0, data: deflateSync(bytes, { level: LEVEL }) };
}

function compressedEntry(name: string, content: string | Uint8Array, reuse: boolean): Compressed {
  if (!reuse || typeof content !== 'string') return compress(typeof content === 'string' ? strToU8(content) : content);
  let entry = cache.get(content);
  if (!entry) {
    if (cache.size >= MAX_CACHED) cache.clear();
    entry = compress(strToU8(content));
    cache.set(content, entry);
  }
  return entry;
}

function dosTime(date: Date): number {
  const year = date.getUTCFullYear() - 1980;
  return (
    ((year << 25) |
      ((date.getUTCMonth() + 1) << 21) |
      (date.getUTCDate() << 16) |
      (date.getUTCHours() << 11) |
      (date.getUTCMinutes() << 5) |
      (date.getUTCSeconds() >> 1)) >>>
    0
  );
}

/**
 * The zip file of `entries`, in the order given, every entry deflated. Byte-for-byte the output of
 * fflate's `zipSync(files, { level: 6, mtime })` for the same entries (fflate reads `mtime`'s local
 * fields, this writer its UTC fields).
 */
export function writeZip(entries: readonly ZipEntry[], options: ZipWriterOptions): Uint8Array {
  const time = dosTime(options.mtime);
  const parts = entries.map(([name, content]) => {
    const fileName = strToU8(name);
    return { fileName, utf8: fileName.length !== name.length, ...compressedEntry(name, content, options.reuse(name)) };
  });
  const localSize = parts.reduce((sum, p) => sum + 30 + p.fileName.length + p.data.length, 0);
  const centralSize = parts.reduce((sum, p) => sum + 46 + p.fileName.length, 0);
  const out = new Uint8Array(localSize + centralSize + 22);
  const view = new DataView(out.buffer);

  const header = (at: number, part: (typeof parts)[number], centralOffset?: number): number => {
    let b = at;
    view.setUint32(b, centralOffset === undefined ? 0x04034b50 : 0x02014b50, true);
    b += 4;
    if (centralOffset !== undefined) {
      out[b++] = 20; // version made by
      out[b++] = 0;
    }
    out[b] = 20; // version needed
    b += 2;
    out[b++] = 0;
    out[b++] = part.utf8 ? 8 : 0; // general purpose flag, bit 11: UTF-8 name
    view.setUint16(b, 8, true); // deflate
    b += 2;
    view.setUint32(b, time, true);
    view.setUint32(b + 4, part.crc, true);
    view.setUint32(b + 8, part.data.length, true);
    view.setUint32(b + 12, part.size, true);
    view.setUint16(b + 16, part.fileName.length, true);
    b += 20; // extra field length: 0
    if (centralOffset !== undefined) {
      view.setUint32(b + 10, centralOffset, true); // comment length, disk, attributes: 0
      b += 14;
    }
    out.set(part.fileName, b);
    return b + part.fileName.length;
  };

  let local = 0;
  let central = localSize;
  for (const part of parts) {
    const dataAt = header(local, part);
    out.set(part.data, dataAt);
    central = header(central, part, local);
    local = dataAt + part.data.length;
  }
  view.setUint32(central, 0x06054b50, true);
  view.setUint16(central + 8, parts.length, true);
  view.setUint16(central + 10, parts.length, true);
  view.setUint32(central + 12, centralSize, true);
  view.setUint32(central + 16, localSize, true);
  return out;
}
