/**
 * What the corrections and the user rules documents share: JSON read only under a size limit (a
 * document from a user is checked before it is parsed) and the ids their entries carry.
 */

/** An entry's id: 1–40 letters, digits, `-` or `_`. */
export const ENTRY_ID = /^[A-Za-z0-9_-]{1,40}$/;

/** How a document that cannot be read is refused, by the document's own error class. */
export interface LimitedJsonRefusals {
  readonly tooLarge: (bytes: number) => Error;
  readonly notJson: () => Error;
}

/** Parses `source` as JSON when it is at most `limit` bytes of UTF-8; throws `refuse`'s error otherwise. */
export function parseLimitedJson(source: Uint8Array | string, limit: number, refuse: LimitedJsonRefusals): unknown {
  const bytes = typeof source === 'string' ? new TextEncoder().encode(source).length : source.byteLength;
  if (bytes > limit) throw refuse.tooLarge(bytes);
  try {
    return JSON.parse(typeof source === 'string' ? source : new TextDecoder('utf-8', { fatal: true }).decode(source)) as unknown;
  } catch {
    throw refuse.notJson();
  }
}
