import type { Removal } from '../../../lib/text/clean.js';

/**
 * Rebuilds the input by putting each logged removal back into the output at its offset, in place
 * of its replacement when it is a normalisation.
 */
export function restoreRemovals(output: string, removals: readonly Removal[]): string {
  let restored = '';
  let taken = 0;
  for (const removal of removals) {
    const keep = removal.offset - restored.length;
    restored += output.slice(taken, taken + keep) + removal.text;
    taken += keep + (removal.replacement?.length ?? 0);
  }
  return restored + output.slice(taken);
}
