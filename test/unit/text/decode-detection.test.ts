import { describe, expect, it } from 'vitest';
import { decodeBytes, decodeText, TextEncoding } from '../../../lib/text/decode.js';
import { dropUnencodable, encode, seedTexts, traditionalText } from './decode-helpers.js';

const seeds = seedTexts();
const LEGACY = [TextEncoding.Gb18030, TextEncoding.Utf16le, TextEncoding.Utf16be] as const;
const normalise = (text: string) => text.replace(/\r\n?/g, '\n').replace(/^\ufeff/, '');

/** A text without white space cut into pieces of `length` characters, those with some Chinese. */
function piecesOf(text: string, length: number): string[] {
  const characters = [...text.replace(/\s+/g, '')];
  return Array.from({ length: Math.floor(characters.length / length) }, (_, i) =>
    characters.slice(length * i, length * (i + 1)).join(''),
  ).filter((piece) => /[^\x00-\x7f]/.test(piece));
}

describe('decoding picks the encoding a file was written in', () => {
  it.each(seeds)('reads the seed $name exactly as strict UTF-8 reads it', ({ bytes, text }) => {
    // act
    const decoded = decodeBytes(bytes);
    // assert
    expect(decoded.encoding).toBe(TextEncoding.Utf8);
    expect(decoded.text).toBe(normalise(text));
  });

  it.each(LEGACY.flatMap((encoding) => seeds.map((seed) => ({ encoding, ...seed }))))(
    'reads the seed $name in $encoding without a BOM as $encoding, character for character',
    ({ encoding, text }) => {
      // prepare
      const bytes = encode(text, encoding);
      // act
      const decoded = decodeBytes(bytes);
      // assert
      expect(decoded).toEqual({ text: normalise(text), encoding, bom: false });
    },
  );

  it('reads a Big5 file of traditional text as Big5 and keeps the traditional characters', () => {
    // prepare
    const text = traditionalText();
    // act
    const decoded = decodeBytes(encode(text, TextEncoding.Big5));
    // assert
    expect(decoded.encoding).toBe(TextEncoding.Big5);
    expect(decoded.text).toBe(normalise(text));
  });

  it.each(seeds)('reads $name written as Big5 with the characters Big5 lacks dropped (iconv -c) as Big5', ({ text }) => {
    // prepare
    const kept = dropUnencodable(text, TextEncoding.Big5);
    // act
    const decoded = decodeBytes(encode(kept, TextEncoding.Big5));
    // assert
    expect(decoded.encoding).toBe(TextEncoding.Big5);
    expect(decoded.text).toBe(normalise(kept));
  });

  it('reads a single line of ten Chinese characters in GB18030 as GB18030', () => {
    const line = '党委书记抓党建述职报告';

    expect(decodeBytes(encode(line, TextEncoding.Gb18030))).toMatchObject({ text: line, encoding: TextEncoding.Gb18030 });
  });

  it('reads a single line of ten traditional characters in Big5 as Big5', () => {
    const line = '黨委書記抓黨建述職報告';

    expect(decodeBytes(encode(line, TextEncoding.Big5))).toMatchObject({ text: line, encoding: TextEncoding.Big5 });
  });

  it('reads every five-character piece of the seeds in the GB18030 it was written in', () => {
    // prepare
    const pieces = seeds.flatMap(({ text }) => piecesOf(text, 5));
    // act
    const misread = pieces.filter((piece) => decodeText(encode(piece, TextEncoding.Gb18030)) !== piece);
    // assert
    expect(pieces.length).toBeGreaterThan(4000);
    expect(misread).toEqual([]);
  });

  it('reads every five-character piece of the traditional fixture in the Big5 it was written in', () => {
    // prepare
    const pieces = piecesOf(traditionalText(), 5);
    // act
    const misread = pieces.filter((piece) => decodeText(encode(piece, TextEncoding.Big5)) !== piece);
    // assert
    expect(pieces.length).toBeGreaterThan(400);
    expect(misread).toEqual([]);
  });

  it('takes ASCII-only text as UTF-8', () => {
    const text = 'Annual report 2023\nSection 1. Results: +12.5%\n';

    expect(decodeBytes(new TextEncoder().encode(text))).toEqual({ text, encoding: TextEncoding.Utf8, bom: false });
  });

  it('prefers GB18030 when a couple of its characters happen to be valid UTF-8', () => {
    // 目录 in GB18030 is C4 BF C2 BC, which is also UTF-8 for "Ŀ¼".
    const bytes = encode('目录', TextEncoding.Gb18030);

    expect(decodeBytes(bytes)).toMatchObject({ text: '目录', encoding: TextEncoding.Gb18030 });
  });

  it('reads a 3 MB GB18030 compilation, sampled rather than read whole to choose, as GB18030', () => {
    // prepare
    const text = seeds.map((seed) => seed.text).join('\n');
    const copies = Math.ceil((3 * 1024 * 1024) / encode(text, TextEncoding.Gb18030).length);
    const large = Array.from({ length: copies }, () => text).join('\n');
    // act
    const decoded = decodeBytes(encode(large, TextEncoding.Gb18030));
    // assert
    expect(decoded.encoding).toBe(TextEncoding.Gb18030);
    expect(decoded.text).toBe(normalise(large));
  });

  it('reads a 3 MB Big5 file as Big5', () => {
    // prepare
    const text = traditionalText();
    const large = Array.from({ length: Math.ceil((3 * 1024 * 1024) / encode(text, TextEncoding.Big5).length) }, () => text).join('\n');
    // act
    const decoded = decodeBytes(encode(large, TextEncoding.Big5));
    // assert
    expect(decoded.encoding).toBe(TextEncoding.Big5);
    expect(decoded.text).toBe(normalise(large));
  });

  it('reads a large GB18030 file that is one long line, so that samples start inside characters', () => {
    // prepare: no byte below 0x30 for the samples to synchronise on, and an odd offset before the
    // Chinese text, so that half the sample windows begin on a trail byte.
    const chinese = [...seeds[1]!.text].filter((c) => c.charCodeAt(0) >= 0x4e00 && c.charCodeAt(0) <= 0x9fff).join('');
    const line = 'A' + Array.from({ length: 60 }, () => chinese).join('');
    // act
    const decoded = decodeBytes(encode(line, TextEncoding.Gb18030));
    // assert
    expect(decoded.encoding).toBe(TextEncoding.Gb18030);
    expect(decoded.text).toBe(line);
  });

  it('decides by a BOM when there is one, and says so', () => {
    const text = '述职报告';

    expect(decodeBytes(new Uint8Array([0xfe, 0xff, ...encode(text, TextEncoding.Utf16be)]))).toEqual({
      text,
      encoding: TextEncoding.Utf16be,
      bom: true,
    });
  });
});
