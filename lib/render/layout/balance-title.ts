/**
 * Balanced title lines (GB/T 9704-2012 §7.3.3: 标题回行时，要做到词意完整，排列对称，长短适宜，
 * 间距恰当). A title that fits stays on one line; a longer one is broken into as few lines as fit,
 * between phrases (after the unit or person, before the matter), never after a conjunction, with
 * the shorter line on top or the lines balanced (梯形, 菱形).
 */
import { CHINESE_NUMERALS } from '../../text/lexicon/numerals.js';
import { canBreakBetween } from './kinsoku.js';
import { isSpaceUnit, segmentUnits } from './text-units.js';
import { endsOnConjunction, endsOnPreposition, endsOnUnitOrPerson, insideLexiconWord, meetingSpans, opensMatter, opensWithYear } from './title-lexicon.js';

/** Width in points of `text` in the title face. */
export type MeasureTitle = (text: string) => number;

/** Characters after which a title reads well broken: punctuation and the spaces the author left. */
const CLOSING_MARK = /[，、：；。！？）」』》】〕”’—…\s]$/u;
/** Words a report's genre opens with; a line break before them keeps the topic whole. */
const GENRE_WORD = /^(工作|述职|报告|总结|讲话|发言|情况|方案|意见|通知|心得|体会|汇报|计划|实施|会议|专题|调研|经验|材料)/u;
/** Particles and suffixes that cannot open a line without tearing a word or phrase. */
const CLINGING_START = /^[的了之等和与及们性化者年月日度届期号个项名次]/u;
const DIGIT_END = new RegExp(`[0-9０-９${CHINESE_NUMERALS}]$`, 'u');

/** Cost weights; a natural boundary is worth about two characters of imbalance. */
const WEIGHT = {
  /** Per em² a line is off the mean; half as much for a short first line or a long last one (梯形). */
  imbalance: 0.5,
  shortLine: 100,
  extraLine: 20,
  /** Per em by which an upper line is longer than the one below it, beyond one em (倒梯形). */
  upperLonger: 1.5,
  hourglass: 3,
  insideWord: 16,
  /** A line ending on a conjunction (`…抓基层党建及 / 述责述廉…`) leaves the phrase open: outweighs any shape. */
  conjunctionEnd: 40,
  /** A line ending on a preposition (`在`, `关于`) tears it from its object. */
  prepositionEnd: 12,
  /** Inside a meeting's name (`在…上的讲话`): the name reads as one phrase. */
  insideMeeting: 6,
} as const;

const MAX_EXHAUSTIVE_UNITS = 80;
const EPSILON = 1e-6;

/**
 * Breaks `title` into balanced lines no wider than `maxWidthPt`.
 *
 * A title that fits stays one line. Otherwise it takes the fewest lines that fit (one more only if
 * that reads much better), never breaks inside a number or a Latin word nor against kinsoku, avoids
 * one- or two-character lines and line ends on a conjunction (和, 与, 及, 并, 暨 …) or a preposition
 * (在, 关于), prefers breaking between phrases — after the unit or person and before the matter
 * (`2022年党组织书记 / 抓基层党建…`, `XX县委书记 / 在…上的讲话`), after punctuation, 的 and
 * 年/年度, before genre words (工作, 述职, 报告 …) — and keeps the upper line the shorter or the
 * lines equal (梯形; a pyramid or diamond for three lines, never an hourglass).
 *
 * @param measure width in points of a piece of the title in the title face; called once per
 *   distinct unbreakable unit, so it may be slow.
 * @returns the lines, trimmed, joining back to the trimmed title (less the white space at breaks).
 */
export function balanceTitle(title: string, maxWidthPt: number, measure: MeasureTitle): string[] {
  const text = title.trim();
  if (text.length === 0) return [];
  if (measure(text) <= maxWidthPt + EPSILON) return [text];

  const units = unitsThatFit(text, maxWidthPt, measure);
  const model = new TitleModel(units, measure);
  const minimumLines = Math.max(2, Math.ceil(model.totalWidth / maxWidthPt - EPSILON));
  let best: Candidate | undefined;
  for (let lines = minimumLines; lines <= minimumLines + 1; lines += 1) {
    const candidate = model.bestBreaks(lines, maxWidthPt);
    if (candidate && (!best || candidate.cost + WEIGHT.extraLine * (lines - minimumLines) < best.cost)) {
      best = { ...candidate, cost: candidate.cost + WEIGHT.extraLine * (lines - minimumLines) };
    }
  }
  const breaks = best?.breaks ?? model.greedyBreaks(maxWidthPt);
  return model.linesAt(breaks);
}

interface Candidate {
  /** Unit indices where each line after the first starts. */
  readonly breaks: readonly number[];
  readonly cost: number;
}

/** Units of `text`, with any unit wider than the line (a long URL) split into characters. */
function unitsThatFit(text: string, maxWidthPt: number, measure: MeasureTitle): string[] {
  return segmentUnits(text).flatMap((unit) =>
    unit.length > 1 && measure(unit) > maxWidthPt + EPSILON ? Array.from(unit) : [unit],
  );
}

class TitleModel {
  readonly totalWidth: number;
  private readonly prefixWidth: number[];
  private readonly prefixChars: number[];
  private readonly breakCost: number[];
  private readonly allowed: boolean[];
  private readonly em: number;

  constructor(
    private readonly units: readonly string[],
    measure: MeasureTitle,
  ) {
    const widths = new Map<string, number>();
    this.prefixWidth = [0];
    this.prefixChars = [0];
    for (const unit of units) {
      let width = widths.get(unit);
      if (width === undefined) {
        width = measure(unit);
        widths.set(unit, width);
      }
      this.prefixWidth.push((this.prefixWidth.at(-1) as number) + width);
      this.prefixChars.push((this.prefixChars.at(-1) as number) + (isSpaceUnit(unit) ? 0 : Array.from(unit).length));
    }
    this.totalWidth = this.prefixWidth.at(-1) as number;
    this.em = this.totalWidth / Math.max(1, this.prefixChars.at(-1) as number);
    this.allowed = units.map((unit, i) => i > 0 && canBreakBetween(units[i - 1] as string, unit));
    this.breakCost = this.scoreBoundaries();
  }

  /** Width of units [from, to) without white space at either end. */
  width(from: number, to: number): number {
    let start = from;
    let end = to;
    while (start < end && isSpaceUnit(this.units[start] as string)) start += 1;
    while (end > start && isSpaceUnit(this.units[end - 1] as string)) end -= 1;
    return (this.prefixWidth[end] as number) - (this.prefixWidth[start] as number);
  }

  bestBreaks(lines: number, maxWidthPt: number): Candidate | undefined {
    return lines <= 3 && this.units.length <= MAX_EXHAUSTIVE_UNITS
      ? this.exhaustive(lines, maxWidthPt)
      : this.dynamic(lines, maxWidthPt);
  }

  /** Last resort when no balanced set fits: fill each line as far as it goes. */
  greedyBreaks(maxWidthPt: number): number[] {
    const breaks: number[] = [];
    let start = 0;
    for (let i = 1; i < this.units.length; i += 1) {
      if (this.width(start, i + 1) > maxWidthPt + EPSILON) {
        breaks.push(i);
        start = i;
      }
    }
    return breaks;
  }

  linesAt(breaks: readonly number[]): string[] {
    const bounds = [0, ...breaks, this.units.length];
    return bounds.slice(1).map((end, i) => this.units.slice(bounds[i], end).join('').trim());
  }

  /**
   * Every set of breaks for two or three lines, with the shape of the whole title scored. Runs for
   * every long title of every document, so it allocates nothing per candidate and skips, in the
   * same order, the candidates whose lines cannot fit: a line's trimmed width only grows with its
   * end and shrinks with its start, so the loops can stop or skip ahead where it fails to fit.
   */
  private exhaustive(lines: number, maxWidthPt: number): Candidate | undefined {
    const n = this.units.length;
    const mean = this.totalWidth / lines;
    const limit = maxWidthPt + EPSILON;
    let best: Candidate | undefined;
    for (let first = 1; first < n; first += 1) {
      if (!this.allowed[first]) continue;
      const firstWidth = this.width(0, first);
      if (firstWidth > limit) break;
      const firstCost = this.lineCost(0, first, mean);
      if (lines === 2) {
        const secondWidth = this.width(first, n);
        if (secondWidth > limit) continue;
        // Same terms in the same order as the general sum, so equal costs tie the same way.
        const cost = this.shapeCost(firstWidth, secondWidth) + firstCost + this.lineCost(first, n, mean);
        if (!best || cost < best.cost) best = { breaks: [first], cost };
        continue;
      }
      for (let second = first + 1; second < n; second += 1) {
        if (!this.allowed[second]) continue;
        const secondWidth = this.width(first, second);
        if (secondWidth > limit) break;
        const thirdWidth = this.width(second, n);
        if (thirdWidth > limit) continue;
        const cost =
          this.shapeCost(firstWidth, secondWidth, thirdWidth) + firstCost + this.lineCost(first, second, mean) + this.lineCost(second, n, mean);
        if (!best || cost < best.cost) best = { breaks: [first, second], cost };
      }
    }
    return best;
  }

  /** Least-cost breaks by dynamic programming over line ends, for long titles. */
  private dynamic(lines: number, maxWidthPt: number): Candidate | undefined {
    const n = this.units.length;
    const mean = this.totalWidth / lines;
    let cost = new Array<number>(n + 1).fill(Infinity);
    cost[0] = 0;
    const back: number[][] = [];
    for (let line = 0; line < lines; line += 1) {
      const next = new Array<number>(n + 1).fill(Infinity);
      const from = new Array<number>(n + 1).fill(-1);
      for (let end = 1; end <= n; end += 1) {
        if (end < n && !this.allowed[end]) continue;
        for (let start = end - 1; start >= 0; start -= 1) {
          if (this.width(start, end) > maxWidthPt + EPSILON) break;
          const before = cost[start] as number;
          if (before === Infinity) continue;
          const total = before + this.lineCost(start, end, mean);
          if (total < (next[end] as number)) {
            next[end] = total;
            from[end] = start;
          }
        }
      }
      back.push(from);
      cost = next;
    }
    if ((cost[n] as number) === Infinity) return undefined;
    const breaks: number[] = [];
    let end = n;
    for (let line = lines - 1; line > 0; line -= 1) {
      end = back[line]?.[end] as number;
      breaks.unshift(end);
    }
    return { breaks, cost: cost[n] as number };
  }

  private lineCost(start: number, end: number, mean: number): number {
    const deviation = (this.width(start, end) - mean) / this.em;
    const chars = (this.prefixChars[end] as number) - (this.prefixChars[start] as number);
    const shortLine = chars <= 2 ? WEIGHT.shortLine : 0;
    const boundary = end < this.units.length ? (this.breakCost[end] as number) : 0;
    // A short first line or a long last one is the 梯形 a title may take: it costs half.
    const trapezoid = (start === 0 && deviation < 0) || (end === this.units.length && deviation > 0);
    return (trapezoid ? WEIGHT.imbalance / 2 : WEIGHT.imbalance) * deviation * deviation + shortLine + boundary;
  }

  /**
   * The shorter line on top or lines balanced (梯形): an upper line longer than the next by more
   * than one em costs; three lines may form a pyramid or diamond, never an hourglass.
   */
  private shapeCost(first: number, second: number, third?: number): number {
    const longer = (upper: number, lower: number): number => {
      const excess = (upper - lower) / this.em - 1;
      return excess > 0 ? WEIGHT.upperLonger * excess : 0;
    };
    if (third === undefined) return longer(first, second);
    const hourglass = second < Math.min(first, third) - this.em / 2 ? WEIGHT.hourglass : 0;
    return hourglass + (second >= third ? longer(first, second) : 0);
  }

  /** Cost of breaking before each unit: negative at natural boundaries, positive inside phrases. */
  private scoreBoundaries(): number[] {
    const text = this.units.join('');
    const context: TitleContext = { text, inside: insideLexiconWord(text), meetings: meetingSpans(text) };
    const offsets = [0];
    for (const unit of this.units) offsets.push((offsets.at(-1) as number) + unit.length);
    return this.units.map((_, i) => {
      const offset = offsets[i] as number;
      return boundaryCost(context, offset) + (context.inside[offset] ? WEIGHT.insideWord : 0);
    });
  }
}

/** What the boundary costs read of the whole title. */
interface TitleContext {
  readonly text: string;
  /** Offsets strictly inside a word (title-lexicon.ts). */
  readonly inside: readonly boolean[];
  /** `[start, end)` of each `在…上的` phrase: from 在 to the 上 that closes it. */
  readonly meetings: readonly (readonly [number, number])[];
}

/**
 * Cost of a line break at `offset` of the title: negative between phrases, positive inside one.
 * The strongest break is after the unit or person and before the matter (GB/T 9704 词意完整).
 */
function boundaryCost({ text, inside, meetings }: TitleContext, offset: number): number {
  const head = text.slice(0, offset);
  const tail = text.slice(offset);
  const before = head.slice(-2);
  const after = tail.slice(0, 2);
  if (endsOnConjunction(head, inside)) return WEIGHT.conjunctionEnd;
  if (endsOnPreposition(head, inside)) return WEIGHT.prepositionEnd;
  if (CLOSING_MARK.test(before)) return -6;
  if (/^[（《“【〔「『]/u.test(after)) return -4;
  if (before.endsWith('年') && after.startsWith('度')) return 6;
  if (CLINGING_START.test(after)) return DIGIT_END.test(before) || !/^[年月日度届期号个项名次]/u.test(after) ? 6 : 3;
  const who = endsOnUnitOrPerson(head, tail);
  const matter = opensMatter(tail, offset, meetings);
  if (who && (matter || opensWithYear(tail))) return -8;
  if (matter) return -5;
  if (meetings.some(([start, end]) => offset > start && offset <= end)) return WEIGHT.insideMeeting;
  if (who) return -4;
  if (before.endsWith('年度') || (before.endsWith('年') && DIGIT_END.test(before.slice(0, -1)))) return -4;
  if (before.endsWith('的')) return -4;
  if (GENRE_WORD.test(after)) return -3;
  return 1;
}
