// CONTRACT PLACEHOLDER — replaced by the text-core work (issue 2).
export interface DecodeOptions {
  /** Largest accepted input in bytes (default 20 MB). */
  readonly maxBytes?: number;
}
/** Bytes of a `.txt` upload to a string with `\n` line endings. Throws InputError. */
export function decodeText(bytes: Uint8Array, _options: DecodeOptions = {}): string {
  return new TextDecoder('utf-8').decode(bytes).replace(/\r\n?/g, '\n');
}
