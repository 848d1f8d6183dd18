import { describe, expect, it } from 'vitest';
import { InputError, InputErrorCode } from '../../../lib/errors.js';
import { decodeText } from '../../../lib/text/decode.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const bytes: number[] = bom ? (littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const [high, low] = [unit >> 8, unit & 0xff];
    bytes.push(...(littleEndian ? [low, high] : [high, low]));
  }
  return new Uint8Array(bytes);
}

function decodeError(bytes: Uint8Array, maxBytes?: number, limitOption?: string): InputError {
  try {
    decodeText(bytes, { ...(maxBytes === undefined ? {} : { maxBytes }), ...(limitOption === undefined ? {} : { limitOption }) });
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected decodeText to throw');
}

describe('decodeText', () => {
  it('decodes UTF-8 without a BOM', () => {
    const text = decodeText(utf8('述职报告\n一、成绩'));

    expect(text).toBe('述职报告\n一、成绩');
  });

  it('drops a UTF-8 BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('中文')]);

    expect(decodeText(bytes)).toBe('中文');
  });

  it('decodes UTF-16LE and UTF-16BE by their BOM', () => {
    const text = '党建工作\n总结';

    expect(decodeText(utf16(text, true, true))).toBe(text);
    expect(decodeText(utf16(text, false, true))).toBe(text);
  });

  it('recognises BOM-less UTF-16 by its zero bytes instead of calling it binary', () => {
    const text = '2023年工作总结\n一、成绩 1.5%\n';

    expect(decodeText(utf16(text, true, false))).toBe(text);
  });

  it('falls back to GB18030 when the bytes are not UTF-8', () => {
    // '中文' in GB18030 (and GBK) is D6 D0 CE C4.
    const bytes = new Uint8Array([0xd6, 0xd0, 0xce, 0xc4, 0x0a, 0x31]);

    expect(decodeText(bytes)).toBe('中文\n1');
  });

  it('decodes GB18030 four-byte sequences that GBK decoders get wrong', () => {
    // U+00A5 (¥) is 81 30 84 36 in GB18030; it has no two-byte GBK code.
    const bytes = new Uint8Array([0xd6, 0xd0, 0x81, 0x30, 0x84, 0x36]);

    expect(decodeText(bytes)).toBe('中\u00a5');
  });

  it('turns CRLF and lone CR line endings into \\n', () => {
    const text = decodeText(utf8('标题\r\n正文一\r正文二\n'));

    expect(text).toBe('标题\n正文一\n正文二\n');
  });

  it('rejects an empty file as EMPTY', () => {
    const error = decodeError(new Uint8Array());

    expect(error.code).toBe(InputErrorCode.Empty);
    expect(error.message).toMatch(/empty/);
  });

  it('rejects a file of only white space as EMPTY', () => {
    expect(decodeError(utf8(' \r\n\t\n')).code).toBe(InputErrorCode.Empty);
  });

  it('rejects an over-size file as TOO_LARGE, saying the size, the limit and to split it (an uploader cannot raise the limit)', () => {
    const error = decodeError(new Uint8Array(2 * 1024 * 1024 + 300 * 1024).fill(0x41), 2 * 1024 * 1024);

    expect(error.code).toBe(InputErrorCode.TooLarge);
    expect(error.message).toBe('the file is 2.3 MB, over the 2 MB limit; split it into smaller files');
  });

  it('names the option that raises the limit where the caller has one (the CLI’s --max-size)', () => {
    const error = decodeError(new Uint8Array(2 * 1024 * 1024 + 300 * 1024).fill(0x41), 2 * 1024 * 1024, '--max-size');

    expect(error.message).toBe('the file is 2.3 MB, over the 2 MB limit; split it or raise --max-size');
  });

  it('rejects bytes with NUL bytes as BINARY', () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a, 0x00, 0x01, 0x02]);

    const error = decodeError(bytes);

    expect(error.code).toBe(InputErrorCode.Binary);
    expect(error.message).toMatch(/plain \.txt/);
  });

  it('rejects text dense with control characters as BINARY', () => {
    const bytes = utf8('abc\u0001\u0002\u0003\u0004def\u0005\u0006\u0007\u0008');

    expect(decodeError(bytes).code).toBe(InputErrorCode.Binary);
  });

  it('rejects bytes that no encoding reads as UNDECODABLE, naming the closest reading and where it breaks', () => {
    // 0xFF never starts a GB18030 sequence and is invalid in UTF-8 and Big5.
    const error = decodeError(new Uint8Array([0xe4, 0xb8, 0xad, 0xff, 0xff]));

    expect(error.code).toBe(InputErrorCode.Undecodable);
    expect(error.message).toBe('the text looks like UTF-8 but has an invalid byte sequence near byte 3; re-save it as UTF-8');
  });
});
