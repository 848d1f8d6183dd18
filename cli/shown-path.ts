/**
 * Paths as the command line prints them. A file name may hold any character but `/` and NUL, so a
 * name with a newline would split the one line the CLI promises per input (and let a name forge a
 * line of its own), and a bidirectional override would show the line in another order than it is.
 */
import type { MessageParams } from '../lib/messages/index.js';

/**
 * Control characters (C0, DEL, C1), the Unicode line and paragraph separators, and the
 * bidirectional marks, embeddings, overrides and isolates: what breaks or disguises a line.
 */
const UNSHOWABLE = /[\p{Cc}\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** The short escapes of bash's `$'…'` quoting. */
const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '\u0007': '\\a',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\v': '\\v',
  '\f': '\\f',
  '\r': '\\r',
  '\u001b': '\\e',
  '\\': '\\\\',
  "'": "\\'",
};

/**
 * A path as one line of output shows it: unchanged when every character in it can be shown, else
 * in the shell's ANSI-C quoting (`$'out/a\nb.txt'`), which bash, zsh and ksh read back as the same
 * path, so a user can paste it. Only such paths are quoted: the lines of ordinary paths stay as
 * they always were.
 */
export function shownPath(path: string): string {
  if (!UNSHOWABLE.test(path)) return path;
  let quoted = '';
  for (const char of path) {
    const short = SHORT_ESCAPES[char];
    if (short !== undefined) quoted += short;
    else if (UNSHOWABLE.test(char)) quoted += escapeCodePoint(char.codePointAt(0)!);
    else quoted += char;
  }
  return `$'${quoted}'`;
}

function escapeCodePoint(codePoint: number): string {
  const hex = codePoint.toString(16).toUpperCase();
  // \x is a byte, so only ASCII: U+0085 is two bytes in a UTF-8 file name, which \u writes. \x takes
  // at most two hex digits and \u at most four, so what follows is never read into them.
  return codePoint < 0x80 ? `\\x${hex.padStart(2, '0')}` : `\\u${hex.padStart(4, '0')}`;
}

/**
 * The facts of a message as a printed line shows them: every text fact through {@link shownPath}
 * (paths, and any other text that came from a file name). Numbers and flags are left as they are.
 */
export function shownParams<P extends MessageParams>(params: P): P {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, typeof value === 'string' ? shownPath(value) : value])) as P;
}
