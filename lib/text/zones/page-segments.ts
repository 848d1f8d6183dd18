/**
 * What reading a page decided, line by line, and the reading it makes: a line cut whole by a rule,
 * or cut into segments (a title's decorations off, a preview's mark out, a title apart from the
 * sentence it is glued to); the kept segments become the splitter's lines, the cut ones the log's.
 */
import { familyOf, type FurnitureRule } from './furniture-family.js';
import { trimmedPiece, type PageLine, type PageReading, type ZoneCut } from './page-lines.js';

/** A segment of a line as the reading keeps or cuts it: `[start, end)` of the trimmed line. */
export interface Segment {
  readonly start: number;
  readonly end: number;
  /** The rule that cuts it; absent for a kept segment. */
  readonly cut?: FurnitureRule;
  /** A kept segment that is a document's title. */
  readonly title?: boolean;
}

/** The decisions about a page's lines, by line of the cleaned text. */
export class PageDecisions {
  /** Lines cut whole, with the rule. */
  readonly whole: (FurnitureRule | undefined)[];
  /** Lines cut into segments. */
  readonly edits = new Map<number, readonly Segment[]>();
  /** Lines that are titles of documents (the title segment of an edited line). */
  readonly titles = new Set<number>();
  /** Title-shaped lines that open no report. */
  readonly notTitles = new Set<number>();

  constructor(lines: number) {
    this.whole = new Array<FurnitureRule | undefined>(lines);
  }

  /** True when nothing is decided about line `i` yet. */
  open(i: number): boolean {
    return this.whole[i] === undefined && !this.edits.has(i);
  }
}

/** The reading `decisions` make of `raw`: kept segments as lines, cut lines and segments as cuts, titles by their index among the lines. */
export function assemble(raw: readonly string[], decisions: PageDecisions): PageReading {
  const lines: PageLine[] = [];
  const cuts: ZoneCut[] = [];
  const titles = new Set<number>();
  const notTitles = new Set<number>();
  const cut = (rule: FurnitureRule, piece: PageLine) => {
    if (piece.text !== '') cuts.push({ ruleId: rule, family: familyOf(rule), line: piece.line, column: piece.column, text: piece.text });
  };
  const keep = (piece: PageLine, title: boolean, notTitle: boolean) => {
    if (title) titles.add(lines.length);
    if (notTitle) notTitles.add(lines.length);
    lines.push(piece);
  };
  raw.forEach((text, line) => {
    const rule = decisions.whole[line];
    if (rule !== undefined) return cut(rule, trimmedPiece(text, line, 0, text.length));
    const segments = decisions.edits.get(line);
    if (!segments) return keep(trimmedPiece(text, line, 0, text.length), decisions.titles.has(line), decisions.notTitles.has(line));
    const offset = text.length - text.trimStart().length;
    for (const segment of [...segments].sort((a, b) => a.start - b.start)) {
      const piece = trimmedPiece(text, line, offset + segment.start, offset + segment.end);
      if (segment.cut !== undefined) cut(segment.cut, piece);
      else if (piece.text !== '') keep(piece, segment.title === true, false);
    }
  });
  return { lines, cuts, titles, notTitles };
}
