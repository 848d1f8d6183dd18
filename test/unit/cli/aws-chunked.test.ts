import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AwsChunkedDecoder, AwsChunkedError, AwsChunkedErrorCode, decodeAwsChunked, isAwsChunked, verifyTrailingChecksums } from '../../../cli/aws-chunked.js';

const text = '述职报告\n一、工作回顾\n（一）强化理论武装。认真学习…\n';
const utf8 = (s: string) => Buffer.from(s, 'utf8');
const signature = (n: number) => n.toString(16).padStart(64, 'a');

function crc32Base64(payload: Buffer): string {
  const value = Buffer.alloc(4);
  value.writeUInt32BE(crc32(payload) >>> 0);
  return value.toString('base64');
}

interface FrameOptions {
  readonly signed?: boolean;
  readonly trailers?: Readonly<Record<string, string>>;
}

/** Frames `pieces` as an SDK or the AWS CLI would: one chunk per piece, a zero-size chunk, then trailers. */
function frame(pieces: readonly Buffer[], options: FrameOptions = {}): Buffer {
  const ext = (i: number) => (options.signed ? `;chunk-signature=${signature(i)}` : '');
  const parts = pieces.flatMap((piece, i) => [utf8(`${piece.length.toString(16)}${ext(i)}\r\n`), piece, utf8('\r\n')]);
  parts.push(utf8(`0${ext(pieces.length)}\r\n`));
  for (const [name, value] of Object.entries(options.trailers ?? {})) parts.push(utf8(`${name}:${value}\r\n`));
  parts.push(utf8('\r\n'));
  return Buffer.concat(parts);
}

/** Runs `body` through the decoder `size` bytes at a time, as a socket might deliver it. */
function decodeInSlices(body: Buffer, size: number) {
  const decoder = new AwsChunkedDecoder();
  const pieces: Buffer[] = [];
  for (let at = 0; at < body.length; at += size) pieces.push(...decoder.write(body.subarray(at, at + size)));
  return { payload: Buffer.concat(pieces), trailers: decoder.end() };
}

function decodeError(body: Buffer | string, decodedContentLength?: number): AwsChunkedError {
  try {
    decodeAwsChunked(typeof body === 'string' ? utf8(body) : body, { decodedContentLength });
  } catch (error) {
    if (error instanceof AwsChunkedError) return error;
    throw error;
  }
  throw new Error('the body was accepted');
}

describe('decoding an aws-chunked body', () => {
  it('decodes the unsigned single chunk with a CRC32 trailer that the JS SDK sends by default', () => {
    const payload = utf8(text);
    const body = utf8(`${payload.length.toString(16)}\r\n${text}\r\n0\r\nx-amz-checksum-crc32:${crc32Base64(payload)}\r\n\r\n`);

    const decoded = decodeAwsChunked(body, { decodedContentLength: payload.length });

    expect(decoded.payload.toString('utf8')).toBe(text);
    expect(decoded.trailers).toEqual({ 'x-amz-checksum-crc32': crc32Base64(payload) });
  });

  it('joins several chunks, even when one ends in the middle of a Chinese character', () => {
    const payload = utf8(text);
    const pieces = [payload.subarray(0, 4), payload.subarray(4, 11), payload.subarray(11)];

    const decoded = decodeAwsChunked(frame(pieces));

    expect(decoded.payload.equals(payload)).toBe(true);
  });

  it('skips chunk signatures of a STREAMING-AWS4-HMAC-SHA256-PAYLOAD body', () => {
    const payload = utf8(text.repeat(50));
    const body = frame([payload.subarray(0, 1000), payload.subarray(1000)], { signed: true });

    const decoded = decodeAwsChunked(body, { decodedContentLength: payload.length });

    expect(decoded.payload.equals(payload)).toBe(true);
    expect(decoded.trailers).toEqual({});
  });

  it('reads the checksum and trailer signature of a signed body with trailers', () => {
    const payload = utf8(text);
    const trailers = { 'x-amz-checksum-sha256': createHash('sha256').update(payload).digest('base64'), 'x-amz-trailer-signature': signature(9) };

    const decoded = decodeAwsChunked(frame([payload], { signed: true, trailers }));

    expect(decoded.payload.equals(payload)).toBe(true);
    expect(decoded.trailers).toEqual(trailers);
  });

  it('accepts a body that ends right after the zero-size chunk, as the JS SDK sends one without a checksum', () => {
    const decoded = decodeAwsChunked(utf8(`3\r\nabc\r\n0\r\n`));

    expect(decoded.payload.toString()).toBe('abc');
    expect(decoded.trailers).toEqual({});
  });

  it('decodes an empty object', () => {
    const decoded = decodeAwsChunked(utf8('0\r\n\r\n'), { decodedContentLength: 0 });

    expect(decoded.payload.length).toBe(0);
  });

  it('gives the same bytes whether the body arrives whole or a few bytes at a time', () => {
    const payload = utf8(text.repeat(20));
    const trailers = { 'x-amz-checksum-crc32': crc32Base64(payload) };
    const body = frame([payload.subarray(0, 333), payload.subarray(333, 334), payload.subarray(334)], { signed: true, trailers });

    const whole = decodeAwsChunked(body);
    const sliced = [1, 2, 7, 64].map((size) => decodeInSlices(body, size));

    for (const result of sliced) {
      expect(result.payload.equals(whole.payload)).toBe(true);
      expect(result.trailers).toEqual(whole.trailers);
    }
    expect(whole.payload.equals(payload)).toBe(true);
  });
});

describe('refusing a broken aws-chunked body', () => {
  it.each([
    ['a size that is not hex', 'zz\r\nabc\r\n0\r\n\r\n', AwsChunkedErrorCode.Malformed],
    ['a chunk longer than its size', '2\r\nabc\r\n0\r\n\r\n', AwsChunkedErrorCode.Malformed],
    ['lines ending in a bare LF', '3\nabc\n0\n\n', AwsChunkedErrorCode.Malformed],
    ['a trailer that is not name:value', '3\r\nabc\r\n0\r\nchecksum\r\n\r\n', AwsChunkedErrorCode.Malformed],
    ['bytes after the end of the body', '3\r\nabc\r\n0\r\n\r\nextra', AwsChunkedErrorCode.Malformed],
    ['a body cut off inside a chunk', '10\r\nabc', AwsChunkedErrorCode.Truncated],
    ['a body without its zero-size chunk', '3\r\nabc\r\n', AwsChunkedErrorCode.Truncated],
    ['a body cut off inside a trailer', '3\r\nabc\r\n0\r\nx-amz-checksum-crc32:AAA', AwsChunkedErrorCode.Truncated],
    ['a plain body sent as aws-chunked', text, AwsChunkedErrorCode.Malformed],
  ])('refuses %s', (_what, body, code) => {
    const error = decodeError(body);

    expect(error.code).toBe(code);
    expect(error.message).toMatch(/aws-chunked/);
  });

  it('refuses a size line that never ends instead of buffering it without limit', () => {
    const error = decodeError(Buffer.alloc(10_000, 0x61));

    expect(error.code).toBe(AwsChunkedErrorCode.Malformed);
  });

  it('refuses a body whose length differs from x-amz-decoded-content-length', () => {
    const error = decodeError(frame([utf8('abc')]), 4);

    expect(error.code).toBe(AwsChunkedErrorCode.LengthMismatch);
    expect(error.message).toContain('x-amz-decoded-content-length says 4');
  });
});

describe('checking trailing checksums', () => {
  const payload = utf8(text);

  it('accepts matching CRC32, SHA1 and SHA256 checksums', () => {
    const trailers = {
      'x-amz-checksum-crc32': crc32Base64(payload),
      'x-amz-checksum-sha1': createHash('sha1').update(payload).digest('base64'),
      'x-amz-checksum-sha256': createHash('sha256').update(payload).digest('base64'),
    };

    expect(() => verifyTrailingChecksums(payload, trailers)).not.toThrow();
  });

  it('refuses a payload whose CRC32 does not match, naming both values', () => {
    const other = crc32Base64(utf8('something else'));

    let error: unknown;
    try {
      verifyTrailingChecksums(payload, { 'x-amz-checksum-crc32': other });
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(AwsChunkedError);
    expect((error as AwsChunkedError).code).toBe(AwsChunkedErrorCode.ChecksumMismatch);
    expect((error as AwsChunkedError).message).toContain(crc32Base64(payload));
    expect((error as AwsChunkedError).message).toContain(other);
  });

  it('leaves checksums Node cannot compute, such as CRC32C, unchecked', () => {
    expect(() => verifyTrailingChecksums(payload, { 'x-amz-checksum-crc32c': 'AAAAAA==' })).not.toThrow();
  });
});

describe('recognising an aws-chunked upload', () => {
  it.each([
    [{ 'content-encoding': 'aws-chunked' }, true],
    [{ 'content-encoding': 'gzip, aws-chunked' }, true],
    [{ 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER' }, true],
    [{ 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD' }, true],
    [{ 'content-encoding': 'gzip', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }, false],
    [{}, false],
  ])('says whether %j announces aws-chunked (%s)', (headers, expected) => {
    expect(isAwsChunked(headers)).toBe(expected);
  });
});
