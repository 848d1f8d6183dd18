/**
 * fontkit's CFF subsetter without building outlines when there is nothing to learn from them.
 * fontkit builds every subset glyph's outline path only to find which subroutines it calls, then
 * throws the path away. The vendored fonts have no subroutines at all, so the answer is known
 * without parsing: the same steps as fontkit's `subsetCharstrings` / `subsetFontdict` /
 * `createCIDFontdict` run with empty usage, and the encoded subset is byte-for-byte fontkit's.
 * Fonts that do have subroutines still ask fontkit, glyph by glyph, cached for the process.
 */
import type { Font, Subset } from 'fontkit';

type CharStringRef = { readonly offset: number; readonly length: number };
type UsedSet = Record<number, true>;

/** The internals of fontkit 2's CFFSubset that the replaced steps touch. */
interface FontkitCffSubset {
  readonly font: Font;
  readonly glyphs: number[];
  readonly cff: {
    readonly version: number;
    readonly globalSubrIndex?: readonly CharStringRef[];
    readonly isCIDFont: boolean;
    readonly topDict: { readonly FDArray: Record<string, unknown>[]; readonly Private: Record<string, unknown> | null };
    getCharString(glyphId: number): Uint8Array;
    fdForGlyph(glyphId: number): number | null;
  };
  charstrings: Uint8Array[];
  gsubrs: Uint8Array[];
  subsetSubrs(subrs: readonly CharStringRef[], used: UsedSet): Uint8Array[];
  subsetCharstrings(): void;
  subsetFontdict(topDict: Record<string, unknown>): void;
  createCIDFontdict(topDict: Record<string, unknown>): void;
}

/** Subroutine indices (bias applied) a glyph calls, directly or through other subroutines. */
interface SubrUsage {
  readonly globalSubrs: readonly number[];
  readonly localSubrs: readonly number[];
}

/** What fontkit records on a glyph once its path is built. */
interface ParsedGlyph {
  readonly path: unknown;
  readonly _usedGsubrs: UsedSet;
  readonly _usedSubrs: UsedSet;
}

const NO_USAGE: SubrUsage = { globalSubrs: [], localSubrs: [] };

/** True when neither the font nor any of its font dicts holds a subroutine. */
function hasNoSubrs(subset: FontkitCffSubset): boolean {
  const { cff } = subset;
  const privates = [cff.topDict.Private, ...(cff.topDict.FDArray ?? []).map((fd) => fd.Private as Record<string, unknown> | undefined)];
  return (cff.globalSubrIndex?.length ?? 0) === 0 && privates.every((p) => ((p?.Subrs as unknown[] | undefined)?.length ?? 0) === 0);
}

const usageByFont = new WeakMap<Font, Map<number, SubrUsage> | null>();

function usageOf(subset: FontkitCffSubset, glyphId: number): SubrUsage {
  let byGlyph = usageByFont.get(subset.font);
  if (byGlyph === undefined) {
    byGlyph = hasNoSubrs(subset) ? null : new Map();
    usageByFont.set(subset.font, byGlyph);
  }
  if (byGlyph === null) return NO_USAGE;
  let usage = byGlyph.get(glyphId);
  if (!usage) {
    const glyph = subset.font.getGlyph(glyphId) as unknown as ParsedGlyph;
    void glyph.path;
    usage = { globalSubrs: Object.keys(glyph._usedGsubrs).map(Number), localSubrs: Object.keys(glyph._usedSubrs).map(Number) };
    byGlyph.set(glyphId, usage);
  }
  return usage;
}

function mark(into: UsedSet, indices: readonly number[]): void {
  for (const index of indices) into[index] = true;
}

/** Whether `subset` is fontkit 2's CFFSubset as this module knows it. */
function isFontkitCffSubset(subset: object): subset is FontkitCffSubset {
  const candidate = subset as Partial<FontkitCffSubset>;
  return (
    typeof candidate.subsetCharstrings === 'function' &&
    typeof candidate.subsetFontdict === 'function' &&
    typeof candidate.createCIDFontdict === 'function' &&
    typeof candidate.subsetSubrs === 'function' &&
    candidate.cff !== undefined &&
    candidate.cff.version < 2
  );
}

/**
 * Makes a fontkit CFF subset skip outline building where fonts have no subroutines. Other subsets
 * (TrueType, CFF2) are returned unchanged.
 */
export function withFastSubrUsage<T extends Subset>(subset: T): T {
  if (!isFontkitCffSubset(subset)) return subset;
  const s: FontkitCffSubset = subset;

  s.subsetCharstrings = function subsetCharstrings(this: FontkitCffSubset) {
    this.charstrings = [];
    const gsubrs: UsedSet = {};
    for (const gid of this.glyphs) {
      this.charstrings.push(this.cff.getCharString(gid));
      mark(gsubrs, usageOf(this, gid).globalSubrs);
    }
    this.gsubrs = this.subsetSubrs(this.cff.globalSubrIndex ?? [], gsubrs);
  };

  s.subsetFontdict = function subsetFontdict(this: FontkitCffSubset, topDict: Record<string, unknown>) {
    const fdArray: Record<string, unknown>[] = [];
    const fdSelect = { version: 0, fds: [] as number[] };
    topDict.FDArray = fdArray;
    topDict.FDSelect = fdSelect;
    const usedFds: Record<number, boolean> = {};
    const usedSubrs: UsedSet[] = [];
    const fdSelected: Record<number, number> = {};
    for (const gid of this.glyphs) {
      const fd = this.cff.fdForGlyph(gid);
      if (fd == null) continue;
      if (!usedFds[fd]) {
        fdArray.push(Object.assign({}, this.cff.topDict.FDArray[fd]));
        usedSubrs.push({});
        fdSelected[fd] = fdArray.length - 1;
      }
      usedFds[fd] = true;
      fdSelect.fds.push(fdSelected[fd]!);
      mark(usedSubrs[fdSelected[fd]!]!, usageOf(this, gid).localSubrs);
    }
    for (let i = 0; i < fdArray.length; i++) {
      const dict = fdArray[i]!;
      delete dict.FontName;
      const priv = dict.Private as { Subrs?: CharStringRef[] } | undefined;
      if (priv?.Subrs) {
        const copy: Record<string, unknown> = Object.assign({}, priv);
        copy.Subrs = this.subsetSubrs(priv.Subrs, usedSubrs[i]!);
        dict.Private = copy;
      }
    }
  };

  s.createCIDFontdict = function createCIDFontdict(this: FontkitCffSubset, topDict: Record<string, unknown>) {
    const usedSubrs: UsedSet = {};
    for (const gid of this.glyphs) mark(usedSubrs, usageOf(this, gid).localSubrs);
    const privateDict: Record<string, unknown> = Object.assign({}, this.cff.topDict.Private);
    const subrs = this.cff.topDict.Private?.Subrs as CharStringRef[] | undefined;
    if (this.cff.topDict.Private && subrs) privateDict.Subrs = this.subsetSubrs(subrs, usedSubrs);
    topDict.FDArray = [{ Private: privateDict }];
    topDict.FDSelect = { version: 3, nRanges: 1, ranges: [{ first: 0, fd: 0 }], sentinel: this.charstrings.length };
  };

  return subset;
}
