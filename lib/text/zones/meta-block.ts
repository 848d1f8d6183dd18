/**
 * Family 2, meta lines: a meta line (date, source, author, views: furniture-vocabulary.ts) comes in
 * a block, and the block's short lines go with it (a category name above the date line,
 * `十一国庆节` over `2011/9/24`). A person or a unit, the author line under a title, stays; so does
 * a line set apart by a blank line.
 */
import { namesUnitOrPerson } from '../../model/attribution.js';
import { FurnitureFamily, FurnitureRule, familyOf } from './furniture-family.js';
import type { PageDecisions } from './page-segments.js';

/** Longest line taken as part of a meta block. */
const MAX_META_NEIGHBOUR = 10;
const PUNCTUATION = /\p{P}/u;

/** Cuts the short lines right beside a cut meta line in `lines[from, to)`, as the block spreads. */
export function cutMetaNeighbours(lines: readonly string[], decisions: PageDecisions, from: number, to: number): void {
  const { whole } = decisions;
  const isMeta = (i: number) => i >= from && i < to && whole[i] !== undefined && familyOf(whole[i]!) === FurnitureFamily.PageMeta;
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = from; i < to; i++) {
      const line = lines[i]!;
      if (whole[i] !== undefined || line === '' || line.length > MAX_META_NEIGHBOUR || PUNCTUATION.test(line) || namesUnitOrPerson(line)) continue;
      if (isMeta(i - 1) || isMeta(i + 1)) {
        whole[i] = FurnitureRule.MetaNeighbour;
        changed = true;
      }
    }
  }
}
