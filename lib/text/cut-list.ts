/**
 * Cuts as parallel typed arrays. Cleaning a large input can make millions of cuts; one object per
 * cut would cost ten times the memory of the three numbers it holds and keep the collector busy.
 */

/** A growable list of `[start, end)` ranges, each tagged with the index of the rule that made it. */
export class CutList {
  starts: Int32Array;
  ends: Int32Array;
  rules: Int32Array;
  length = 0;
  /**
   * What takes the place of a cut that normalises rather than removes (`,` → `，`), by the cut's
   * index: one character at most, so that a normalised character stays one character of the text.
   * Few cuts have one, so they are kept apart from the typed arrays.
   */
  readonly replacements = new Map<number, string>();

  constructor(capacity = 64) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.rules = new Int32Array(capacity);
  }

  push(start: number, end: number, rule: number): void {
    if (this.length === this.starts.length) this.grow();
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.rules[this.length] = rule;
    this.length++;
  }

  /** Adds a cut whose characters `replacement` (one character) takes the place of. */
  pushReplacement(start: number, end: number, rule: number, replacement: string): void {
    this.replacements.set(this.length, replacement);
    this.push(start, end, rule);
  }

  /** Empties the list, keeping its storage for the next rule. */
  clear(): void {
    this.length = 0;
    this.replacements.clear();
  }

  private grow(): void {
    const capacity = this.starts.length * 2;
    const grown = (from: Int32Array) => {
      const to = new Int32Array(capacity);
      to.set(from);
      return to;
    };
    this.starts = grown(this.starts);
    this.ends = grown(this.ends);
    this.rules = grown(this.rules);
  }
}
