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

/** Where the glyph programs lie in an encoded CFF font: charstring i is `bytes[starts[i]..starts[i+1])`. */
export interface CharStringLayout {
  /** count + 1 ascending byte positions in the font. */
  readonly starts: readonly number[];
}

function readOffset(bytes: Uint8Array, at: number, size: number): number {
  let value = 0;
  for (let i = 0; i < size; i++) value = value * 256 + bytes[at + i]!;
  return value;
}

/** An INDEX at `at` (CFF spec §5): its items' positions, and where the next structure begins. */
function readIndex(bytes: Uint8Array, at: number): { readonly starts: number[]; readonly end: number } {
  const count = (bytes[at]! << 8) | bytes[at + 1]!;
  if (count === 0) return { starts: [], end: at + 2 };
  const offSize = bytes[at + 2]!;
  const base = at + 3 + (count + 1) * offSize - 1;
  const starts = Array.from({ length: count + 1 }, (_, i) => base + readOffset(bytes, at + 3 + i * offSize, offSize));
  return { starts, end: starts[count]! };
}

/** The operand of operator `op` (one byte) in a DICT, or undefined (CFF spec §4). */
function dictOperand(bytes: Uint8Array, start: number, end: number, op: number): number | undefined {
  const operands: number[] = [];
  for (let i = start; i < end; ) {
    const b0 = bytes[i]!;
    if (b0 <= 21) {
      if (b0 === 12) i += 2;
      else {
        if (b0 === op) return operands.at(-1);
        i += 1;
      }
      operands.length = 0;
    } else if (b0 === 28) {
      operands.push(((bytes[i + 1]! << 24) | (bytes[i + 2]! << 16)) >> 16);
      i += 3;
    } else if (b0 === 29) {
      operands.push((bytes[i + 1]! << 24) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 8) | bytes[i + 4]!);
      i += 5;
    } else if (b0 === 30) {
      // A real number: nibbles up to an 0xf terminator; never an offset.
      i += 1;
      while (i < end && (bytes[i]! & 0x0f) !== 0x0f && (bytes[i]! & 0xf0) !== 0xf0) i += 1;
      i += 1;
      operands.push(NaN);
    } else if (b0 >= 32 && b0 <= 246) {
      operands.push(b0 - 139);
      i += 1;
    } else if (b0 >= 247 && b0 <= 250) {
      operands.push((b0 - 247) * 256 + bytes[i + 1]! + 108);
      i += 2;
    } else if (b0 >= 251 && b0 <= 254) {
      operands.push(-(b0 - 251) * 256 - bytes[i + 1]! - 108);
      i += 2;
    } else return undefined;
  }
  return undefined;
}

/**
 * The charstrings of an encoded CFF font (a subset as fontkit writes it), found through its top
 * DICT; undefined when the bytes are not a CFF font of that shape.
 */
export function charStringLayout(bytes: Uint8Array): CharStringLayout | undefined {
  if (bytes.length < 4 || bytes[0] !== 1) return undefined;
  const names = readIndex(bytes, bytes[2]!);
  const topDicts = readIndex(bytes, names.end);
  if (topDicts.starts.length < 2) return undefined;
  const charStrings = dictOperand(bytes, topDicts.starts[0]!, topDicts.starts[1]!, 17);
  if (charStrings === undefined || !Number.isInteger(charStrings) || charStrings <= 0 || charStrings >= bytes.length) return undefined;
  const { starts, end } = readIndex(bytes, charStrings);
  return starts.length > 0 && end <= bytes.length ? { starts } : undefined;
}
