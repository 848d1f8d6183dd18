/**
 * Chinese line breaking with kinsoku and inter-character justification.
 *
 * Text is cut into unbreakable units (`segmentUnits`): single CJK characters, whole numbers and
 * Latin words, whole `——`/`……`. Lines are filled greedily; when the first unit that does not fit
 * may not start a line (closing punctuation) or the last one that fits may not end one (an opening
 * bracket), the break moves back to the nearest legal point and the shorter line is spread. A unit
 * is set by character only when it cannot stand whole on a line: longer than one, or, with the
 * marks kinsoku keeps on it, longer than the line it starts (`lineEnd`). Every
 * line but a paragraph's last is then justified flush on both sides by character spacing (`Tc`),
 * the one mechanism that works for CID fonts.
 */
import type { Alignment } from '../style.js';
import { canBreakBetween } from './kinsoku.js';
import { sameFace } from './measure-cache.js';
import { AUTO_SPACE_EM, autoSpaceBetween, punctuationClass, squeezedInPair } from './punctuation.js';
import { isSpaceUnit, segmentUnits } from './text-units.js';
import type { MeasureText, PositionedRun, RunFace, StructureTag } from './types.js';

/** A stretch of a paragraph's text in one face (a run-in heading is one span, its sentence another). */
export interface TextSpan {
  readonly text: string;
  readonly face: RunFace;
  /** Its place in the structure, passed on to its runs (a run never spans two). */
  readonly structure?: StructureTag;
}

export interface LineBreakOptions {
  /** Width of a text; wrap it with `cachedMeasure`, since every character is asked for. */
  readonly measure: MeasureText;
  /** Left edge of the text block, from the page's left edge. */
  readonly leftPt: number;
  /** Width of the text block. */
  readonly widthPt: number;
  /** Indent of the paragraph's first line. */
  readonly firstLineIndentPt: number;
  /** `justify`: all lines but the last flush on both sides, the last flush left; `right`: flush right. */
  readonly align: Alignment;
  /**
   * Extra advance after every glyph at natural spacing, per face: `pitch − measured width` on a
   * character grid (negative for 三号 on the GB/T 9704 grid), 0 without one.
   */
  readonly baseSpacing: (face: RunFace) => number;
}

/** One line of a paragraph: its runs, placed horizontally. */
export type BrokenLine = readonly PositionedRun[];

interface Unit {
  readonly text: string;
  readonly face: RunFace;
  readonly structure: StructureTag | undefined;
  readonly width: number;
  readonly glyphs: number;
  /** Advance at natural spacing: width plus the base spacing after each glyph. */
  readonly advance: number;
  readonly space: boolean;
  /**
   * Space after this unit when the next unit is on the same line, in points: negative for
   * punctuation compression (half the em of whichever mark of the pair gives up its blank half),
   * positive for the automatic space between Chinese and Latin letters or digits (punctuation.ts).
   */
  kern: number;
}

/** A line may not end closer than this to the edge and still count as fitting (rounding). */
const FIT_TOLERANCE_PT = 0.01;

/**
 * Breaks a paragraph into lines and places each line's runs.
 *
 * Fit: a line fits when the sum of its units' natural advances (width + base spacing after every
 * glyph, trailing one included) is within the available width; on the GB/T grid that is 28
 * characters per full line, 26 on an indented first line. Placement: a justified line's runs all
 * carry the same `charSpacing`, `(available − Σ widths) / (glyphs − 1)`, so its last glyph's right
 * edge lands on the right edge of the text block (the drawer's `Tc` after the last glyph is
 * harmless). A last line, or any line of a left or centred paragraph, uses each face's base spacing.
 *
 * @returns at least one line; an empty paragraph gives one line without runs.
 */
export function breakParagraph(spans: readonly TextSpan[], options: LineBreakOptions): BrokenLine[] {
  const units = toUnits(spans, options);
  if (units.length === 0) return [[]];
  const ranges: LineRange[] = [];
  let start = 0;
  while (start < units.length) {
    const first = ranges.length === 0;
    if (!first) {
      while (start < units.length && (units[start] as Unit).space) start += 1;
      if (start === units.length) break;
    }
    const available = options.widthPt - (first ? options.firstLineIndentPt : 0);
    const end = lineEnd(units, start, available, options);
    let rest = end;
    while (rest < units.length && (units[rest] as Unit).space) rest += 1;
    ranges.push({ start, end: rest === units.length ? units.length : end });
    if (rest === units.length) break;
    start = end;
  }
  if (options.align === 'justify') avoidLoneLastCharacter(units, ranges);
  return ranges.map(({ start: from, end }, i) =>
    placeLine(units.slice(from, end), options.widthPt - (i === 0 ? options.firstLineIndentPt : 0), i === 0, i === ranges.length - 1, options),
  );
}

/** Units `[start, end)` of one line. */
interface LineRange {
  start: number;
  end: number;
}

/** The most a line gives up to its paragraph's last line, in ems: a character, or a number of four digits. */
const MAX_PUSHED_EM = 2;

/**
 * A paragraph's last line of one character and its marks (段末孤字: `强。`) takes one more unit from
 * the line above: the break moves back to the nearest legal point, and the line above is spread by
 * the room it gives up (at most {@link MAX_PUSHED_EM}, under a twenty-sixth of an em per gap: what
 * a kinsoku break already costs). Pulling the character up instead would squeeze the line above
 * below the grid's 28 characters, which neither the DOCX nor GB/T 9704's grid allows.
 */
function avoidLoneLastCharacter(units: readonly Unit[], ranges: LineRange[]): void {
  const last = ranges.at(-1);
  const above = ranges.at(-2);
  if (!last || !above) return;
  const letters = units.slice(last.start, last.end).filter((unit) => !unit.space && punctuationClass(unit.text) === undefined && !isMarkOnly(unit.text));
  if (letters.length !== 1 || (letters[0] as Unit).glyphs !== 1) return;
  let pushed = 0;
  for (let at = above.end - 1; at > above.start + 1; at -= 1) {
    const unit = units[at] as Unit;
    pushed += unit.advance;
    if (pushed > MAX_PUSHED_EM * unit.face.sizePt + FIT_TOLERANCE_PT) return;
    if (unit.space || !canBreakBetween((units[at - 1] as Unit).text, unit.text)) continue;
    above.end = at;
    last.start = at;
    return;
  }
}

/** True for a unit of marks only (`……`, `——`, `%`): it is no character of its own. */
const isMarkOnly = (text: string): boolean => /^[\p{P}\p{S}]+$/u.test(text);

function toUnits(spans: readonly TextSpan[], options: LineBreakOptions): Unit[] {
  const units: Unit[] = [];
  for (const span of spans) {
    for (const text of segmentUnits(span.text)) units.push(toUnit(text, span.face, span.structure, options));
  }
  for (let i = 1; i < units.length; i += 1) setKern(units[i - 1] as Unit, units[i] as Unit);
  return units;
}

/**
 * Squeezes one blank half of two adjacent full-width marks (`”；“` → `”` half, `“` half), or
 * spaces Chinese from Latin letters and digits (`落实 30 项`).
 */
function setKern(before: Unit, after: Unit): void {
  if (autoSpaceBetween(before.text, after.text)) {
    before.kern = before.face.sizePt * AUTO_SPACE_EM;
    return;
  }
  const squeezed = squeezedInPair(before.text, after.text);
  if (squeezed === undefined) return;
  const mark = squeezed === 'before' ? before : after;
  // A mark measured narrower than its em (a proportional quote in a fallback face) has no blank half.
  if (mark.width < mark.face.sizePt - FIT_TOLERANCE_PT) return;
  before.kern = -mark.face.sizePt / 2;
}

function toUnit(text: string, face: RunFace, structure: StructureTag | undefined, options: LineBreakOptions): Unit {
  const width = options.measure(text, face);
  const glyphs = text.length === 1 ? 1 : Array.from(text).length;
  return { text, face, structure, width, glyphs, advance: width + glyphs * options.baseSpacing(face), space: isSpaceUnit(text), kern: 0 };
}

/**
 * Index after the last unit of the line that starts at `start`. Numbers and Latin words never
 * split (docs/documents.md) unless they cannot stand whole on a line: a unit longer than a whole
 * line or than the line it starts, or one that kinsoku binds into a cluster longer than the line
 * ({@link splittableAt}), is split in place into characters; any other goes down whole.
 */
function lineEnd(units: Unit[], start: number, available: number, options: LineBreakOptions): number {
  for (;;) {
    let used = 0;
    let end = start;
    while (end < units.length) {
      const unit = units[end] as Unit;
      const kernBefore = end > start ? (units[end - 1] as Unit).kern : 0;
      // White space may hang past the edge: the break swallows it. Nothing else does: GB/T 9704
      // keeps the text inside the 版心, so a 点号 that does not fit takes a character down with it.
      const needed = used + kernBefore + unit.advance;
      if (!unit.space && needed > available + FIT_TOLERANCE_PT) break;
      used += kernBefore + unit.advance;
      end += 1;
    }
    if (end === units.length) return end;
    const overflowing = units[end] as Unit;
    // A unit longer than a whole line (or alone and still too long, on the indented first) splits
    // anyway: set it by character where it stands rather than send it down and leave a gaping line.
    if (overflowing.glyphs > 1 && (end === start || overflowing.advance > options.widthPt + FIT_TOLERANCE_PT)) {
      splitUnit(units, end, options);
      continue;
    }
    if (end === start) return start + 1;
    // Any other unit goes down whole, the line above spread as for any kinsoku break, however wide
    // the gaps: a third of a line used to be set by character, which split `2023` as `202`/`3，`.
    for (let at = end; at > start; at -= 1) {
      if (canBreakBetween((units[at - 1] as Unit).text, (units[at] as Unit).text)) return at;
    }
    const splittable = splittableAt(units, start, end);
    if (splittable !== undefined) {
      splitUnit(units, splittable, options);
      continue;
    }
    // Nothing legal on the whole line (a run of closing marks): break where it overflows.
    return end;
  }
}

/**
 * The unit to split when the line from `start` to the overflowing unit at `end` has no legal
 * break at all: kinsoku binds it into one cluster longer than the line (`“`, a word of 27 ems,
 * `”。`), so something in it must split. The widest number or Latin word in it does, being the
 * reason the cluster is that long; never a dash or an ellipsis. Undefined when there is none.
 */
function splittableAt(units: readonly Unit[], start: number, end: number): number | undefined {
  let widest: number | undefined;
  for (let at = start; at <= end; at += 1) {
    const unit = units[at] as Unit;
    if (unit.glyphs > 1 && !unit.space && !isMarkOnly(unit.text) && (widest === undefined || unit.advance > (units[widest] as Unit).advance)) widest = at;
  }
  return widest;
}

/** Replaces the unit at `at` by its characters, the last keeping the unit's space to its successor. */
function splitUnit(units: Unit[], at: number, options: LineBreakOptions): void {
  const unit = units[at] as Unit;
  const pieces = Array.from(unit.text, (char) => toUnit(char, unit.face, unit.structure, options));
  (pieces.at(-1) as Unit).kern = unit.kern;
  units.splice(at, 1, ...pieces);
}

function placeLine(
  lineUnits: readonly Unit[],
  available: number,
  first: boolean,
  last: boolean,
  options: LineBreakOptions,
): BrokenLine {
  let count = lineUnits.length;
  while (count > 0 && (lineUnits[count - 1] as Unit).space) count -= 1;
  const units = lineUnits.slice(0, count);
  if (units.length === 0) return [];
  const glyphs = units.reduce((sum, unit) => sum + unit.glyphs, 0);
  // Pair compression inside the line; none after its last unit, whose neighbour is on the next line.
  const kernAfter = (i: number): number => (i < units.length - 1 ? (units[i] as Unit).kern : 0);
  const kerns = units.reduce((sum, _unit, i) => sum + kernAfter(i), 0);
  const lastUnit = units.at(-1) as Unit;
  const natural = units.reduce((sum, unit) => sum + unit.advance, 0) + kerns;
  const width = units.reduce((sum, unit) => sum + unit.width, 0) + kerns;
  const justified = options.align === 'justify' && !last && glyphs > 1;
  const justifiedSpacing = (available - width) / (glyphs - 1);
  const spacingOf = justified ? () => justifiedSpacing : options.baseSpacing;
  let x = options.leftPt + (first ? options.firstLineIndentPt : 0);
  if (options.align === 'center' || options.align === 'right') {
    const slack = available - (natural - options.baseSpacing(lastUnit.face));
    x += options.align === 'center' ? slack / 2 : slack;
  }
  const runs: PositionedRun[] = [];
  let runStart = 0;
  for (let i = 1; i <= units.length; i += 1) {
    const { face, structure } = units[runStart] as Unit;
    // A run-in heading in the body face (`（1）`) still ends its run: runs never straddle two structure elements.
    if (i < units.length && sameFace((units[i] as Unit).face, face) && (units[i] as Unit).structure === structure) continue;
    const runUnits = units.slice(runStart, i);
    const charSpacing = spacingOf(face);
    const text = runUnits.map((unit) => unit.text).join('');
    const adjustments: number[] = [];
    let adjusted = false;
    runUnits.forEach((unit, k) => {
      for (let g = 1; g < unit.glyphs; g += 1) adjustments.push(0);
      const kern = kernAfter(runStart + k);
      if (kern !== 0) adjusted = true;
      adjustments.push(kern);
    });
    runs.push({ role: face.role, sizePt: face.sizePt, bold: face.bold, text, x, charSpacing, ...(structure ? { structure } : {}), ...(adjusted ? { adjustments } : {}) });
    x += runUnits.reduce((sum, unit, k) => sum + unit.width + unit.glyphs * charSpacing + kernAfter(runStart + k), 0);
    runStart = i;
  }
  return runs;
}
