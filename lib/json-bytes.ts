/**
 * `JSON.stringify(value, null, 2)` as UTF-8 bytes, without the string. A removal log of a million
 * cuts or a report of a million paragraphs is a JSON text of hundreds of megabytes; as one string
 * it is held as UTF-16 (two bytes a character once any Chinese is in it) next to its UTF-8 copy.
 * Here the text is produced in pieces twice: once to count its bytes, once to write them into a
 * buffer of exactly that size, so the largest thing alive is the result.
 */

/** Arrays longer than this are written in slices of BATCH elements, each slice by one JSON.stringify call. */
const BATCH = 1024;
/** Pieces are joined and handed to the sink once they add up to this many characters. */
const FLUSH_CHARACTERS = 1 << 16;

/** Below this size (estimated in characters) the JSON is built as one string: faster, and small. */
const ONE_STRING_LIMIT = 1 << 20;

export interface EncodeJsonOptions {
  /** Estimated JSON size (characters) below which one string is built; 0 always writes in pieces. */
  readonly oneStringLimit?: number;
}

/** The bytes of `JSON.stringify(value, null, 2) + suffix`, identical to encoding that string. */
export function encodeJsonBytes(value: unknown, suffix = '', options: EncodeJsonOptions = {}): Uint8Array {
  if (smallerThan(value, options.oneStringLimit ?? ONE_STRING_LIMIT)) return new TextEncoder().encode(`${JSON.stringify(value, null, 2)}${suffix}`);
  return encodeJsonLines('', (piece) => write(value, piece, suffix), '');
}

function write(value: unknown, sink: (piece: string) => void, suffix: string): void {
  const pending: string[] = [];
  let pendingLength = 0;
  const out = (piece: string) => {
    if (piece.length >= FLUSH_CHARACTERS) {
      flush();
      sink(piece);
      return;
    }
    pending.push(piece);
    pendingLength += piece.length;
    if (pendingLength >= FLUSH_CHARACTERS) flush();
  };
  const flush = () => {
    if (pending.length > 0) sink(pending.join(''));
    pending.length = 0;
    pendingLength = 0;
  };
  const top = serializable(value, '');
  if (isContainer(top)) writeContainer(top, '', out);
  else out(String(JSON.stringify(top, null, 2)));
  out(suffix);
  flush();
}

/**
 * Whether `value`'s JSON stays under about `limit` characters, judged from its strings and its
 * number of members (a generous 24 characters each for keys, punctuation and indentation). Stops
 * at the limit, so a large value costs no more to judge than a small one.
 */
function smallerThan(value: unknown, limit: number): boolean {
  let size = 0;
  const stack: unknown[] = [serializable(value, '')];
  while (stack.length > 0) {
    const item = stack.pop();
    size += typeof item === 'string' ? item.length + 24 : 24;
    if (Array.isArray(item)) {
      // Element by element, never Object.entries: an array of millions must not be copied to be judged.
      for (let i = 0; i < item.length && size < limit; i++) {
        stack.push(serializable(item[i], i));
        size += 24;
      }
    } else if (isContainer(item)) {
      for (const key of Object.keys(item)) {
        if (size >= limit) break;
        stack.push(serializable((item as Record<string, unknown>)[key], key));
        size += key.length + 24;
      }
    }
    if (size >= limit) return false;
  }
  return true;
}

type Container = readonly unknown[] | Readonly<Record<string, unknown>>;

function isContainer(value: unknown): value is Container {
  // Boxed primitives are written as the primitive, which JSON.stringify does for us.
  return typeof value === 'object' && value !== null && !(value instanceof Number || value instanceof String || value instanceof Boolean);
}

/** What JSON.stringify serialises in place of `value` (its toJSON result, if it has one). */
function serializable(value: unknown, key: string | number): unknown {
  if (typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return (value as { toJSON: (key: string) => unknown }).toJSON(String(key));
  }
  return value;
}

/** JSON.stringify leaves these out of objects and writes them as `null` in arrays. */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

function writeContainer(value: Container, indent: string, out: (piece: string) => void): void {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out('[]');
      return;
    }
    out('[\n');
    if (value.length > BATCH) {
      // Elements of long arrays (removals, blocks, manifest entries) are small: one call per slice.
      // The slice is stringified nested as deep as this array, so that its lines come out already
      // indented; the wrapping brackets are cut off again. (An element's toJSON, if any, is passed
      // its index within the slice.)
      const depth = indent.length / 2;
      const wrapping = (depth + 1) * (depth + 2);
      for (let i = 0; i < value.length; i += BATCH) {
        let nested: unknown = value.slice(i, i + BATCH);
        for (let d = 0; d < depth; d++) nested = [nested];
        const text = JSON.stringify(nested, null, 2);
        out(text.slice(wrapping, text.length - wrapping));
        out(i + BATCH < value.length ? ',\n' : '\n');
      }
    } else {
      value.forEach((element, i) => {
        out(inner);
        writeValue(serializable(element, i), inner, out, 'null');
        out(i < value.length - 1 ? ',\n' : '\n');
      });
    }
    out(`${indent}]`);
    return;
  }
  const entries: [string, unknown][] = [];
  for (const key of Object.keys(value)) {
    const member = serializable((value as Record<string, unknown>)[key], key);
    if (!omitted(member)) entries.push([key, member]);
  }
  if (entries.length === 0) {
    out('{}');
    return;
  }
  out('{\n');
  entries.forEach(([key, member], i) => {
    out(`${inner}${JSON.stringify(key)}: `);
    writeValue(member, inner, out, 'null');
    out(i < entries.length - 1 ? ',\n' : '\n');
  });
  out(`${indent}}`);
}

function writeValue(value: unknown, indent: string, out: (piece: string) => void, whenOmitted: string): void {
  if (omitted(value)) out(whenOmitted);
  else if (isContainer(value)) writeContainer(value, indent, out);
  else out(JSON.stringify(value));
}

/**
 * UTF-8 bytes of `head`, every line `lines` emits, then `tail`: for JSON whose bulk is a long list
 * produced on demand (the removal log). `lines` is called twice, once to count the bytes and once
 * to write them, and must emit the same lines both times.
 */
export function encodeJsonLines(head: string, lines: (line: (text: string) => void) => void, tail: string): Uint8Array {
  let length = utf8Length(head) + utf8Length(tail);
  lines((text) => {
    length += utf8Length(text);
  });
  const bytes = new Uint8Array(length);
  const encoder = new TextEncoder();
  let offset = encoder.encodeInto(head, bytes).written;
  lines((text) => {
    offset += encoder.encodeInto(text, bytes.subarray(offset)).written;
  });
  encoder.encodeInto(tail, bytes.subarray(offset));
  return bytes;
}

/** Bytes of `text` in UTF-8 as TextEncoder writes it (a lone surrogate becomes U+FFFD, 3 bytes). */
function utf8Length(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) {
      length += 1;
    } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair: 2 units, 4 bytes.
      length += 2;
      i++;
    } else {
      length += 2;
    }
  }
  return length;
}
