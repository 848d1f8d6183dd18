import { describe, expect, it } from 'vitest';
import { InputErrorCode } from '../../../lib/errors.js';
import { decodeBytes, TextEncoding } from '../../../lib/text/decode.js';
import { decodeError, encode, randomBytes, seedTexts, traditionalText } from './decode-helpers.js';

const NOT_TEXT =
  /^the file does not look like text \(\d+% of its characters are control, private-use or replacement characters\); upload the report as a plain \.txt file$/;

const report = seedTexts()[1]!.text;
const concat = (...parts: Uint8Array[]) => new Uint8Array(parts.flatMap((part) => [...part]));

/** The 1-based line of `text` on which `offset` falls. */
const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

describe('decoding refuses what is not a Chinese text', () => {
  it('refuses 200 KB of random bytes without a NUL byte as not text, saying how much of it is control or private-use', () => {
    const error = decodeError(randomBytes(1, 200_000, 1, 255));

    expect(error.code).toBe(InputErrorCode.Binary);
    expect(error.message).toMatch(NOT_TEXT);
  });

  it('refuses 200 KB of random bytes without NUL or control bytes as not text', () => {
    const error = decodeError(randomBytes(2, 200_000, 0x20, 0xff));

    expect(error.code).toBe(InputErrorCode.Binary);
    expect(error.message).toMatch(NOT_TEXT);
  });

  it('refuses 200 KB of random bytes from the upper half, where every legacy reading is valid-looking, as not text', () => {
    const error = decodeError(randomBytes(3, 200_000, 0x80, 0xff));

    expect(error.code).toBe(InputErrorCode.Binary);
    expect(error.message).toMatch(NOT_TEXT);
  });

  it('refuses 200,000 copies of one symbol as text without letters', () => {
    const error = decodeError(new Uint8Array(200_000).fill(0x23));

    expect(error.code).toBe(InputErrorCode.Binary);
    expect(error.message).toBe(
      'the file does not look like text (none of its characters are letters or digits); upload the report as a plain .txt file',
    );
  });

  it('refuses UTF-8 text in which one character in twenty is private-use as not text', () => {
    // prepare
    const text = [...report.slice(0, 2000)].map((c, i) => (i % 20 === 0 ? '\ue000' : c)).join('');
    // act
    const error = decodeError(new TextEncoder().encode(text));
    // assert
    expect(error.code).toBe(InputErrorCode.Binary);
    expect(error.message).toMatch(NOT_TEXT);
  });

  it('keeps the few replacement and private-use characters a long UTF-8 text holds', () => {
    const text = `${report.slice(0, 1000)}\ufffd${report.slice(1000, 2000)}\ue000${report.slice(2000, 3000)}`;

    expect(decodeBytes(new TextEncoder().encode(text)).text).toBe(text);
  });

  it('refuses a GB18030 text with a Big5 passage as mixing encodings, naming both', () => {
    // prepare
    const bytes = concat(
      encode(report.slice(0, 4000) + '\n', TextEncoding.Gb18030),
      encode(traditionalText() + '\n', TextEncoding.Big5),
      encode(report.slice(4000, 8000), TextEncoding.Gb18030),
    );
    // act
    const error = decodeError(bytes);
    // assert
    expect(error.code).toBe(InputErrorCode.Undecodable);
    expect(error.message).toBe('the file mixes encodings (parts read as GB18030, others as Big5); re-save it in one encoding, UTF-8');
  });

  it('refuses a GB18030 text with a UTF-8 passage as mixing encodings, naming both', () => {
    // prepare
    const bytes = concat(
      encode(report.slice(0, 4000) + '\n', TextEncoding.Gb18030),
      encode(report.slice(4000, 8000) + '\n', TextEncoding.Utf8),
      encode(report.slice(8000), TextEncoding.Gb18030),
    );
    // act
    const error = decodeError(bytes);
    // assert
    expect(error.code).toBe(InputErrorCode.Undecodable);
    expect(error.message).toMatch(/^the file mixes encodings \(parts read as (GB18030|UTF-8), others as (GB18030|UTF-8)\)/);
    expect(error.message).toContain('GB18030');
    expect(error.message).toContain('UTF-8');
  });

  it('refuses a large GB18030 file with one Big5 paragraph the samples miss, naming the line it is on', () => {
    // prepare: two small samples at the ends, so that only the whole-text check can see the middle
    const before = Array.from({ length: 20 }, () => report).join('\n') + '\n';
    const passage = traditionalText().split('\n').find((line) => line.length > 100)!;
    const after = '\n' + Array.from({ length: 20 }, () => report).join('\n');
    const bytes = concat(encode(before, TextEncoding.Gb18030), encode(passage, TextEncoding.Big5), encode(after, TextEncoding.Gb18030));
    // act
    const error = decodeError(bytes, { sample: { windows: 2, windowBytes: 4096 } });
    // assert
    expect(error.code).toBe(InputErrorCode.Undecodable);
    const line = Number(/^the text reads as GB18030 except near line (\d+) \(/.exec(error.message)?.[1]);
    expect(Math.abs(line - lineOf(before, before.length))).toBeLessThanOrEqual(1);
    expect(error.message).toMatch(/so the file may mix encodings; re-save it in one encoding, UTF-8$/);
  });

  it('refuses a GB18030 text with one invalid byte, naming GB18030 and where the byte is', () => {
    // prepare: 0xFF never occurs in GB18030; put it after an ASCII byte far into the file
    const bytes = encode(Array.from({ length: 30 }, () => report).join('\n'), TextEncoding.Gb18030);
    let at = 700_000;
    while (bytes[at - 1]! >= 0x80) at++;
    const broken = concat(bytes.subarray(0, at), new Uint8Array([0xff]), bytes.subarray(at));
    // act
    const error = decodeError(broken);
    // assert
    expect(error.code).toBe(InputErrorCode.Undecodable);
    expect(error.message).toBe(`the text looks like GB18030 but has an invalid byte sequence near byte ${at}; re-save it as UTF-8`);
  });

  it('refuses valid GB18030 made of rare characters only as not reading as Chinese, naming GB18030', () => {
    // prepare: the GBK extension rows 81–A0 hold no common characters
    const pairs = Array.from({ length: 600 }, (_, i) => [0x81 + (i % 32), 0x40 + ((i * 7) % 63)]);
    const text = new TextDecoder('gb18030').decode(new Uint8Array(pairs.flat())).replace(/(.{40})/gu, '$1\n');
    // act
    const error = decodeError(encode(text, TextEncoding.Gb18030));
    // assert
    expect(error.code).toBe(InputErrorCode.Undecodable);
    expect(error.message).toMatch(
      /^the text does not read as Chinese in UTF-8, GB18030, Big5 or UTF-16 \(read as GB18030, the closest, only \d+% of its non-ASCII characters are common Chinese ones\); open it in an editor that shows it correctly and re-save it as UTF-8$/,
    );
  });

  it('refuses common characters in random order, which form no words (as Korean EUC-KR read as GB18030 does)', () => {
    // prepare: GB2312 level 1 characters picked at random
    const random = randomBytes(4, 4000);
    const pairs = Array.from({ length: 2000 }, (_, i) => [0xb0 + (random[2 * i]! % 40), 0xa1 + (random[2 * i + 1]! % 89)]);
    const text = new TextDecoder('gb18030').decode(new Uint8Array(pairs.flat())).replace(/(.{40})/gu, '$1\n');
    // act
    const error = decodeError(encode(text, TextEncoding.Gb18030));
    // assert
    expect(error.code).toBe(InputErrorCode.Undecodable);
    expect(error.message).toContain('(read as GB18030, the closest, its characters form almost no Chinese words)');
  });

  it('refuses a file with a UTF-16LE byte-order mark and an odd number of bytes, naming the mark', () => {
    const bytes = concat(new Uint8Array([0xff, 0xfe]), encode('述职报告', TextEncoding.Utf16le), new Uint8Array([0x41]));

    expect(decodeError(bytes).message).toBe(
      'the file starts with a UTF-16LE byte-order mark but has an invalid byte sequence near byte 10; re-save it as UTF-8',
    );
  });
});
