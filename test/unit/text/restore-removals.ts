import type { Removal } from '../../../lib/text/clean.js';

/** Rebuilds the input by putting each logged removal back into the output at its offset. */
export function restoreRemovals(output: string, removals: readonly Removal[]): string {
  let restored = '';
  let taken = 0;
  for (const removal of removals) {
    const keep = removal.offset - restored.length;
    restored += output.slice(taken, taken + keep) + removal.text;
    taken += keep;
  }
  return restored + output.slice(taken);
}
