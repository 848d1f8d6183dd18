/**
 * What the API accepts as an upload, checked before it signs anything: a `.txt` or `.docx` name, a
 * size within the chain's input limit, a content type that fits the name. The signature then fixes
 * the size and the type, so what is uploaded is what was checked.
 */
import { DEFAULT_MAX_BYTES } from '../text/decode.js';
import { DOCX_CONTENT_TYPE, WebErrorCode, type UploadRequest } from './api-contract.js';
import { refusal, type Refusal } from './web-api-error.js';

export interface UploadCheckOptions {
  /** The chain's input limit in bytes. Default {@link DEFAULT_MAX_BYTES}, the limit of the clean stage. */
  readonly maxBytes?: number;
}

/** An accepted upload: the request with its name made a safe last key segment ending in `.txt` or `.docx`. */
export type UploadCheck = { readonly ok: true; readonly request: UploadRequest } | ({ readonly ok: false } & Refusal);

/** S3 keys are at most 1024 bytes; a name this long leaves room for the user and job prefix. */
const MAX_NAME_BYTES = 255;

const PLAIN_TEXT = /^text\/plain\s*(;.*)?$/i;
/** What browsers call a .docx: Word's own type, or a generic one when the system does not know it. */
const WORD_DOCUMENT = new RegExp(`^(?:${DOCX_CONTENT_TYPE.replace(/[.]/g, '\\.')}|application/octet-stream|application/zip)\\s*(;.*)?$`, 'i');

/** The extensions an upload may have, lower case as the chain's event filters want them. */
const EXTENSION = /\.(txt|docx)$/i;

/** The last segment of a path as a browser or a script might send it, trimmed. */
function baseName(name: string): string {
  return (name.split(/[\\/]/).pop() ?? '').trim();
}

/**
 * Checks a `POST /api/uploads` body. The name loses any folders and gets its extension written
 * `.txt` or `.docx` (the chain converts keys ending so; `REPORT.TXT` from Windows is the same file).
 */
export function checkUploadRequest(body: unknown, options: UploadCheckOptions = {}): UploadCheck {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const { name, bytes, contentType } = fields;
  const bad = { ok: false, ...refusal(400, WebErrorCode.BadRequest) } as const;
  if (typeof name !== 'string' || typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes < 0) return bad;
  if (contentType !== undefined && typeof contentType !== 'string') return bad;
  const base = baseName(name);
  const extension = EXTENSION.exec(base)?.[1]?.toLowerCase();
  if (!extension) return { ok: false, ...refusal(400, WebErrorCode.NotTxt, { name: base || name }) };
  const stem = base.slice(0, -(extension.length + 1));
  // The chain would refuse the key (lib/pipeline/keys.ts checkInputKey): say so before the upload.
  if (/^\.*$/.test(stem)) return { ok: false, ...refusal(400, WebErrorCode.NoName, { name: base }) };
  // Control characters would make keys and Content-Disposition headers ambiguous.
  if (/[\u0000-\u001f\u007f]/.test(base) || new TextEncoder().encode(base).length > MAX_NAME_BYTES) return bad;
  if (bytes === 0) return { ok: false, ...refusal(400, WebErrorCode.UploadEmpty, { name: base }) };
  if (bytes > maxBytes) return { ok: false, ...refusal(413, WebErrorCode.UploadTooLarge, { name: base, size: bytes, limit: maxBytes }) };
  const type = (contentType ?? '').trim();
  if (type !== '' && !(extension === 'docx' ? WORD_DOCUMENT : PLAIN_TEXT).test(type)) return { ok: false, ...refusal(415, WebErrorCode.NotPlainText, { name: base, contentType: type }) };
  return { ok: true, request: { name: `${stem}.${extension}`, bytes, contentType: type } };
}
