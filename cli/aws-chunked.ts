/**
 * The aws-chunked content encoding (S3 SigV4 streaming uploads): the payload travels as
 * `<hex size>[;chunk-signature=<sig>]\r\n<bytes>\r\n` chunks, a zero-size chunk, then optional
 * trailing headers (`x-amz-checksum-crc32:…\r\n`) and an empty line. AWS SDKs and the AWS CLI use
 * it by default for streamed uploads; s3rver does not know it and would store the framing.
 */
import { createHash, type Hash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { crc32 } from 'node:zlib';
import { ReportPressError } from '../lib/errors.js';

/** Why an aws-chunked body was refused. */
export const AwsChunkedErrorCode = {
  /** The framing is not aws-chunked (bad size line, missing CRLF, bytes after the end). */
  Malformed: 'MALFORMED',
  /** The body ended before the final zero-size chunk and its trailers. */
  Truncated: 'TRUNCATED',
  /** The decoded payload is not as long as `x-amz-decoded-content-length` says. */
  LengthMismatch: 'LENGTH_MISMATCH',
  /** A trailing checksum does not match the decoded payload. */
  ChecksumMismatch: 'CHECKSUM_MISMATCH',
} as const;
export type AwsChunkedErrorCode = (typeof AwsChunkedErrorCode)[keyof typeof AwsChunkedErrorCode];

/** An upload whose aws-chunked body cannot be accepted; the client sent a broken request. */
export class AwsChunkedError extends ReportPressError {
  override readonly name = 'AwsChunkedError';
  constructor(
    readonly code: AwsChunkedErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Trailing headers sent after the last chunk, names in lower case (e.g. `x-amz-checksum-crc32`). */
export type AwsChunkedTrailers = Readonly<Record<string, string>>;

/** One chunk as it arrived: the signature on its size line (if any) and the SHA-256 (hex) of its data. */
export interface AwsChunk {
  readonly signature?: string;
  readonly sha256: string;
}

export interface AwsChunkedBody {
  readonly payload: Buffer;
  readonly trailers: AwsChunkedTrailers;
  /** Every chunk, the final zero-size one included, when the decoder was asked to record them. */
  readonly chunks: readonly AwsChunk[];
}

export interface DecodeAwsChunkedOptions {
  /** The `x-amz-decoded-content-length` the client announced; checked when given. */
  readonly decodedContentLength?: number;
}

export interface AwsChunkedDecoderOptions {
  /** Record each chunk's signature and data hash, for a caller that checks the chain of chunk signatures. Default false. */
  readonly recordChunks?: boolean;
}

/** A size line is a few hex digits and at most one signature; anything longer is not aws-chunked. */
const MAX_LINE_BYTES = 4096;
const CR = 0x0d;
const LF = 0x0a;

const State = {
  SizeLine: 'size-line',
  Data: 'data',
  DataEnd: 'data-end',
  Trailers: 'trailers',
  Done: 'done',
} as const;
type State = (typeof State)[keyof typeof State];

/**
 * True when a request's body is aws-chunked: announced by `Content-Encoding` or, for clients that
 * leave the encoding out, by a `STREAMING-…` payload hash.
 */
export function isAwsChunked(headers: IncomingHttpHeaders): boolean {
  const encodings = (headers['content-encoding'] ?? '').split(',').map((e) => e.trim().toLowerCase());
  const payloadHash = headers['x-amz-content-sha256'];
  return encodings.includes('aws-chunked') || (typeof payloadHash === 'string' && payloadHash.startsWith('STREAMING-'));
}

/**
 * Decodes aws-chunked framing piece by piece, so a body can be decoded as it arrives without
 * holding the framed bytes. Chunk signatures are not checked here; with `recordChunks` the decoder
 * keeps what a signature check needs (see sigv4-verifier.ts).
 */
export class AwsChunkedDecoder {
  private state: State = State.SizeLine;
  /** Bytes of an unfinished line (size line, CRLF after data, or trailer line). */
  private line: Buffer = Buffer.alloc(0);
  private remaining = 0;
  private decodedLength = 0;
  private readonly trailers: Record<string, string> = {};
  private readonly recorded: AwsChunk[] = [];
  /** The chunk being read, while chunks are recorded. */
  private current?: { readonly signature?: string; readonly hash: Hash };

  constructor(private readonly options: AwsChunkedDecoderOptions = {}) {}

  /** Every chunk read so far (empty unless `recordChunks`). */
  get chunks(): readonly AwsChunk[] {
    return this.recorded;
  }

  /**
   * Takes the next bytes of the framed body and returns the payload bytes they complete (views
   * into `bytes`, no copies). Throws {@link AwsChunkedError} as soon as the framing is wrong.
   */
  write(bytes: Uint8Array): Buffer[] {
    const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const out: Buffer[] = [];
    let at = 0;
    while (at < input.length) {
      if (this.state === State.Data) {
        const take = Math.min(this.remaining, input.length - at);
        out.push(input.subarray(at, at + take));
        this.current?.hash.update(input.subarray(at, at + take));
        this.remaining -= take;
        this.decodedLength += take;
        at += take;
        if (this.remaining === 0) {
          this.finishChunk();
          this.state = State.DataEnd;
        }
        continue;
      }
      if (this.state === State.Done) {
        throw new AwsChunkedError(AwsChunkedErrorCode.Malformed, `aws-chunked body has ${input.length - at} bytes after its final chunk and trailers; send exactly one zero-size chunk to end the body`);
      }
      const end = input.indexOf(LF, at);
      const stop = end === -1 ? input.length : end + 1;
      this.line = Buffer.concat([this.line, input.subarray(at, stop)]);
      at = stop;
      if (this.line.length > MAX_LINE_BYTES) {
        throw new AwsChunkedError(AwsChunkedErrorCode.Malformed, `aws-chunked body has a line longer than ${MAX_LINE_BYTES} bytes; each chunk must start with "<hex size>[;chunk-signature=…]\\r\\n"`);
      }
      if (end === -1) continue;
      const line = this.takeLine();
      this.onLine(line);
    }
    return out;
  }

  /**
   * Declares the body complete and returns its trailing headers. Throws {@link AwsChunkedError}
   * when the final zero-size chunk never came or `decodedContentLength` does not match.
   */
  end(options: DecodeAwsChunkedOptions = {}): AwsChunkedTrailers {
    // The JS SDK ends a body without trailers right after "0\r\n", leaving out the closing empty line.
    const finished = this.state === State.Done || (this.state === State.Trailers && this.line.length === 0);
    if (!finished) {
      throw new AwsChunkedError(AwsChunkedErrorCode.Truncated, `aws-chunked body ended after ${this.decodedLength} payload bytes without its final zero-size chunk; the upload was cut off, send it again`);
    }
    const expected = options.decodedContentLength;
    if (expected !== undefined && expected !== this.decodedLength) {
      throw new AwsChunkedError(AwsChunkedErrorCode.LengthMismatch, `aws-chunked body decodes to ${this.decodedLength} bytes but x-amz-decoded-content-length says ${expected}; send the payload's true length`);
    }
    return { ...this.trailers };
  }

  private finishChunk(): void {
    if (!this.current) return;
    this.recorded.push({ ...(this.current.signature !== undefined ? { signature: this.current.signature } : {}), sha256: this.current.hash.digest('hex') });
    this.current = undefined;
  }

  /** The line without its CRLF; a bare LF is refused because the format requires CRLF. */
  private takeLine(): string {
    const line = this.line;
    this.line = Buffer.alloc(0);
    if (line.length < 2 || line[line.length - 2] !== CR) {
      throw new AwsChunkedError(AwsChunkedErrorCode.Malformed, `aws-chunked body has a line ending in a bare LF (${JSON.stringify(line.toString('latin1').slice(0, 40))}); lines must end in CRLF`);
    }
    return line.subarray(0, line.length - 2).toString('latin1');
  }

  private onLine(line: string): void {
    switch (this.state) {
      case State.SizeLine: {
        const sizeField = line.split(';', 1)[0]?.trim() ?? '';
        if (!/^[0-9a-fA-F]{1,12}$/.test(sizeField)) {
          throw new AwsChunkedError(AwsChunkedErrorCode.Malformed, `aws-chunked body has ${JSON.stringify(line.slice(0, 40))} where a chunk size in hex was expected; each chunk must start with "<hex size>[;chunk-signature=…]\\r\\n"`);
        }
        this.remaining = Number.parseInt(sizeField, 16);
        if (this.options.recordChunks) {
          const signature = /;\s*chunk-signature=([^;\s]*)/.exec(line)?.[1];
          this.current = { ...(signature !== undefined ? { signature } : {}), hash: createHash('sha256') };
        }
        if (this.remaining === 0) {
          this.finishChunk();
          this.state = State.Trailers;
        } else {
          this.state = State.Data;
        }
        return;
      }
      case State.DataEnd:
        if (line !== '') {
          throw new AwsChunkedError(AwsChunkedErrorCode.Malformed, `aws-chunked chunk is longer than its size line says (${JSON.stringify(line.slice(0, 40))} follows its data); the size must count every byte of the chunk`);
        }
        this.state = State.SizeLine;
        return;
      case State.Trailers: {
        if (line === '') {
          this.state = State.Done;
          return;
        }
        const colon = line.indexOf(':');
        if (colon <= 0) {
          throw new AwsChunkedError(AwsChunkedErrorCode.Malformed, `aws-chunked trailer ${JSON.stringify(line.slice(0, 40))} is not "name:value"; trailers follow the zero-size chunk, one per line`);
        }
        this.trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
        return;
      }
      default:
        return;
    }
  }
}

/** Decodes a whole aws-chunked body at once. Throws {@link AwsChunkedError} when it is not valid. */
export function decodeAwsChunked(body: Uint8Array, options: DecodeAwsChunkedOptions & AwsChunkedDecoderOptions = {}): AwsChunkedBody {
  const decoder = new AwsChunkedDecoder(options);
  const pieces = decoder.write(body);
  const trailers = decoder.end(options);
  return { payload: Buffer.concat(pieces), trailers, chunks: decoder.chunks };
}

/** How to compute each trailing checksum Node can compute itself, as S3 encodes it (base64). */
const CHECKSUMS: Readonly<Record<string, { readonly name: string; readonly digest: (payload: Buffer) => string }>> = {
  'x-amz-checksum-crc32': {
    name: 'CRC32',
    digest: (payload) => {
      const value = Buffer.alloc(4);
      value.writeUInt32BE(crc32(payload) >>> 0);
      return value.toString('base64');
    },
  },
  'x-amz-checksum-sha1': { name: 'SHA1', digest: (payload) => createHash('sha1').update(payload).digest('base64') },
  'x-amz-checksum-sha256': { name: 'SHA256', digest: (payload) => createHash('sha256').update(payload).digest('base64') },
};

/**
 * Checks the trailing CRC32, SHA1 and SHA256 checksums against the payload, as S3 does, so that a
 * corrupted upload fails here rather than later in the chain. Checksums Node has no built-in for
 * (CRC32C, CRC64NVME) are accepted unchecked.
 */
export function verifyTrailingChecksums(payload: Buffer, trailers: AwsChunkedTrailers): void {
  for (const [header, value] of Object.entries(trailers)) {
    const checksum = CHECKSUMS[header];
    if (!checksum) continue;
    const actual = checksum.digest(payload);
    if (actual !== value) {
      throw new AwsChunkedError(AwsChunkedErrorCode.ChecksumMismatch, `the ${checksum.name} checksum sent in ${header} (${value}) does not match the ${payload.length} bytes received (${actual}); the upload was corrupted, send it again`);
    }
  }
}
