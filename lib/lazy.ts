/**
 * A value computed on first use and kept: decision contexts hold the lines around the one decided
 * on, and most rules never need most of them; a font's tables are read only when a glyph asks.
 */
export function lazy<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}
