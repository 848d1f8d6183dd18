/**
 * The splitter's decisions as tables of named rules (see decision.ts): whether a line opens a
 * report, whether the last line of a numbered run is a heading rather than a title, whether a line
 * is the first half of a title wrapped over two lines, and the rules a report boundary is drawn by.
 */
import { namesUnitOrPerson } from '../model/attribution.js';
import { type DecisionTable, type FallbackRule } from './decision.js';
import { isBracketedDateLine } from './lexicon/dates.js';
import { isCountLine } from './lexicon/furniture.js';
import { COLLECTION_ENDING } from './lexicon/genres.js';
import { charClass, RUNS_ON_MARKS } from './lexicon/punctuation.js';
import { isReportTitle, isSubtitle, isTitleShaped } from './lexicon/title-shape.js';
import { TUNING } from './tuning.js';

// ── Does this line open a report? ────────────────────────────────────────────────────────────

/** Whether a line opens a report. */
export const OpeningVerdict = { Opens: 'opens', DoesNot: 'does-not-open' } as const;
export type OpeningVerdict = (typeof OpeningVerdict)[keyof typeof OpeningVerdict];

/** A candidate title and the lines around it. */
export interface OpeningContext {
  /** The line as a title (a numbered piece's without its number), trimmed. */
  readonly line: string;
  /** The line right above it ('' when blank or when the range starts at the line). */
  readonly previous: string;
  /** The next non-blank line, if any. */
  readonly next: () => string | undefined;
  /** The non-blank line after that, if any. */
  readonly afterNext: () => string | undefined;
  /** The non-blank line after that one, if any. */
  readonly thirdNext: () => string | undefined;
}

/** Marks after which a sentence goes on: a title cannot follow them. */
const RUNS_ON = new RegExp(`${charClass(RUNS_ON_MARKS)}$`);

/** The line above a title: nothing, or a line that does not run on into the next one. */
export function finishesLine(line: string): boolean {
  return line === '' || !RUNS_ON.test(line);
}

/**
 * The first line under a title: a subtitle, a salutation (`同志们：`), a numbered heading, or
 * prose (a line with sentence or clause punctuation). Another bare title-shaped line is not.
 */
export function startsBody(line: string): boolean {
  return isSubtitle(line) || !isTitleShaped(line);
}

/**
 * Whether a line opens a report: a title-shaped line that names a genre (or has a subtitle under
 * it), followed by the start of a body, and not continuing the line above it.
 */
export const OPENS_REPORT: DecisionTable<OpeningContext, OpeningVerdict> = {
  rules: [
    {
      id: 'report/not-title-shaped',
      why: 'the line is not shaped like a title (too short or long, a sentence, a numbered heading, a bracket left open)',
      verdict: OpeningVerdict.DoesNot,
      test: ({ line }) => line === '' || !isTitleShaped(line),
    },
    {
      id: 'report/is-subtitle',
      why: 'the line is a subtitle (——在…上的讲话): it goes with the title above it',
      verdict: OpeningVerdict.DoesNot,
      test: ({ line }) => isSubtitle(line),
    },
    {
      id: 'report/nothing-after',
      why: 'no text follows the line: a title opens a body',
      verdict: OpeningVerdict.DoesNot,
      test: ({ next }) => next() === undefined,
    },
    {
      id: 'report/names-no-genre',
      why: 'the line names no genre (报告, 总结, 讲话 …) and no subtitle follows it',
      verdict: OpeningVerdict.DoesNot,
      test: ({ line, next }) => !isReportTitle(line) && !isSubtitle(next() ?? ''),
    },
    {
      id: 'report/line-above-runs-on',
      why: 'the line above ends in a mark after which the sentence goes on (，、：（《 …), so this line continues it',
      verdict: OpeningVerdict.DoesNot,
      test: ({ previous }) => !finishesLine(previous),
    },
    {
      id: 'report/body-follows',
      why: 'a report title, and the line under it starts a body (prose, a heading, a salutation or a subtitle)',
      verdict: OpeningVerdict.Opens,
      test: ({ next }) => startsBody(next() ?? ''),
    },
    {
      id: 'report/byline-then-body',
      why: 'a report title, then an author or unit line (XX县委书记 张XX), then a body',
      verdict: OpeningVerdict.Opens,
      test: ({ next, afterNext }) => {
        const after = afterNext();
        return after !== undefined && !isReportTitle(next() ?? '') && startsBody(after);
      },
    },
    {
      id: 'report/byline-and-date-then-body',
      why: "a report title, then an author or unit line and a speech's bracketed date (（2024年3月5日）), in either order, then a body",
      verdict: OpeningVerdict.Opens,
      test: ({ next, afterNext, thirdNext }) => {
        const [first, second, third] = [next() ?? '', afterNext() ?? '', thirdNext()];
        const byline = (line: string) => !isReportTitle(line) && isTitleShaped(line);
        return third !== undefined && startsBody(third) && ((byline(first) && isBracketedDateLine(second)) || (isBracketedDateLine(first) && byline(second)));
      },
    },
  ],
  otherwise: {
    id: 'report/no-body-follows',
    why: 'another bare title-shaped line follows, not a body: a cover or a list of titles',
    verdict: OpeningVerdict.DoesNot,
  },
};

// ── Does a numbered run end in a heading? ────────────────────────────────────────────────────

/** What the last line of a numbered run is. */
export const RunEndVerdict = { Title: 'title', Heading: 'heading' } as const;
export type RunEndVerdict = (typeof RunEndVerdict)[keyof typeof RunEndVerdict];

/** A numbered run of report titles (`1.…`, `2.…`, `3.…`), by what the decision needs of it. */
export interface RunEndContext {
  /** Length of each numbered line without its number, in run order. */
  readonly titleLengths: readonly number[];
  /** Non-blank lines of each piece's body, in run order. */
  readonly pieceLines: readonly number[];
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

/**
 * Whether the last line of a numbered run is a heading numbered on after the last title
 * (`3.上半年工作总结` a few paragraphs under `2.…专题党课讲稿`) rather than a title of its own: too
 * short to name a unit, a year or a person as titles do, far shorter than the run's titles, and the
 * piece it would end far smaller than the others.
 */
export const RUN_END: DecisionTable<RunEndContext, RunEndVerdict> = {
  rules: [
    {
      id: 'run-end/run-too-short',
      why: 'a run of fewer than three says nothing of how long its titles and pieces are',
      verdict: RunEndVerdict.Title,
      test: ({ titleLengths }) => titleLengths.length < 3,
    },
    {
      id: 'run-end/names-someone',
      why: 'the last line is long enough to name a unit, a year or a person, as titles do',
      verdict: RunEndVerdict.Title,
      test: ({ titleLengths }) => titleLengths.at(-1)! >= TUNING.title.minNamingLength,
    },
    {
      id: 'run-end/as-long-as-titles',
      why: 'the last line is at least half as long as the run\'s titles are',
      verdict: RunEndVerdict.Title,
      test: ({ titleLengths }) => titleLengths.at(-1)! * 2 >= median(titleLengths),
    },
    {
      id: 'run-end/piece-not-small',
      why: 'the piece above the last line is at least half the size of the others',
      verdict: RunEndVerdict.Title,
      test: ({ pieceLines }) => pieceLines.at(-2)! * 2 >= median(pieceLines),
    },
  ],
  otherwise: {
    id: 'run-end/heading-numbered-on',
    why: 'a short line numbered on after the last title, under a small piece: a heading of that piece',
    verdict: RunEndVerdict.Heading,
  },
};

// ── Is this line the first half of a wrapped title? ──────────────────────────────────────────

/** Whether a line is the head of a title wrapped over two lines. */
export const HeadVerdict = { Head: 'head', NotHead: 'not-head' } as const;
export type HeadVerdict = (typeof HeadVerdict)[keyof typeof HeadVerdict];

/** The line above a title, the title, and the line above that. */
export interface HeadContext {
  readonly head: string;
  readonly tail: string;
  /** The line above the head; undefined when the head opens the range. */
  readonly above: string | undefined;
}

/**
 * Whether the line above a title is the title's first half (`…个人对照检` / `查材料（含案例）`): the
 * line right above (no blank line between), at least as long as the title's tail and long enough to
 * have been filled by a wrap, title-shaped but naming no genre itself, and the two read together as
 * a report title.
 */
export const WRAPPED_TITLE_HEAD: DecisionTable<HeadContext, HeadVerdict> = {
  rules: [
    {
      id: 'title-head/not-a-filled-title-line',
      why: 'the line above is short, shorter than the title, not title-shaped, a title of its own or a count line',
      verdict: HeadVerdict.NotHead,
      test: ({ head, tail }) =>
        head.length < TUNING.title.minWrappedHead || head.length < tail.length || !isTitleShaped(head) || isReportTitle(head) || isCountLine(head),
    },
    {
      id: 'title-head/names-someone',
      why: 'the line above names a unit or a person: a signature closing the report above',
      verdict: HeadVerdict.NotHead,
      test: ({ head }) => namesUnitOrPerson(head),
    },
    {
      id: 'title-head/names-a-collection',
      why: 'the line above ends with a collection word (汇编, 合集, 大全 …): a compilation\'s cover title above its first report',
      verdict: HeadVerdict.NotHead,
      test: ({ head }) => COLLECTION_ENDING.test(head),
    },
    {
      id: 'title-head/not-apart',
      why: 'the line above follows text without a blank line between, and a title stands apart',
      verdict: HeadVerdict.NotHead,
      test: ({ above }) => above !== undefined && above !== '',
    },
    {
      id: 'title-head/reads-as-one-title',
      why: 'the line above and the title read together as one report title, wrapped before its last words',
      verdict: HeadVerdict.Head,
      test: ({ head, tail }) => isReportTitle(`${head}${tail}`),
    },
  ],
  otherwise: {
    id: 'title-head/two-lines',
    why: 'the line above and the title do not read together as a report title',
    verdict: HeadVerdict.NotHead,
  },
};

// ── Report boundaries ────────────────────────────────────────────────────────────────────────

/** The ways a report is opened: each report's boundary names one. */
export const ReportBoundary = {
  TocEntry: {
    id: 'report/table-of-contents-entry',
    why: 'the line is the heading a table-of-contents entry names',
  },
  NumberedPiece: {
    id: 'report/numbered-piece',
    why: 'the line is one of a run of report titles numbered 1, 2, 3 … in one style, with only cover lines before it',
  },
  TextBeforeFirstTitle: {
    id: 'report/text-before-first-title',
    why: 'text that is not a cover stands before the first title: it is kept as a report of its own',
  },
  FirstLineTitle: {
    id: 'report/first-line-title',
    why: 'no line opens a report, and the first line is shaped like a title (perhaps with a stray full stop): the one report\'s title',
  },
  NoTitle: {
    id: 'report/no-title',
    why: 'no line opens a report or looks like a title: the text is one report, titled after the file',
  },
} as const satisfies Record<string, Omit<FallbackRule<never>, 'verdict'>>;
