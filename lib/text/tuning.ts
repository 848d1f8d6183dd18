/**
 * Every threshold the cleaner and the splitter decide by, in one place, each with what it bounds
 * and why it is set where it is. The rules read them from here; a change is a change of behaviour,
 * to be measured with `npm run sweep` and the fixtures before it is kept.
 */
export const TUNING = {
  /** Titles by their shape (lexicon/title-shape.ts). */
  title: {
    /** Fewest characters of a title: shorter lines are labels (`目录`, `附件`). */
    minLength: 4,
    /** Most characters of a title: longer lines are sentences, even without a full stop. */
    maxLength: 60,
    /** Longest tail of a title a wrap may leave on the next line (`讲稿`, `材料`, `（范文）`). */
    maxWrappedTail: 8,
    /** Characters a title that names its unit, year or person has at least (`专题民主生活会主持词`: 10). */
    minNamingLength: 8,
    /** Fewest characters the head of a title wrapped over two lines has: a line the copy filled. */
    minWrappedHead: 12,
  },

  /** Re-joining lines hard-wrapped by a PDF copy (hard-wrap.ts). Widths in half-width units (a CJK character is 2). */
  hardWrap: {
    /** Fewest lines at the wrap width before the text is treated as wrapped. */
    minWrappedLines: 3,
    /** Share of non-blank lines that must sit at the wrap width. */
    minWrappedShare: 0.2,
    /** Narrowest wrap width considered. */
    minWrapWidth: 20,
    /** Widest wrap width considered; every wider line counts alike. */
    maxWrapWidth: 200,
    /** A line within this share of the wrap width (and at least {@link minTolerance} units) is full. */
    toleranceShare: 0.1,
    minTolerance: 4,
    /**
     * Share of lines that may be wider than the wrap width: a run of Latin letters, a pasted URL,
     * advert lines a site inserted after the text was wrapped.
     */
    maxWiderShare: 0.1,
    /** Share of the band's most common width that a width needs to count as common. */
    commonWidthShare: 0.25,
    /** Paragraph starts needed before indentation is trusted to mark them. */
    minIndentedStarts: 3,
    /** Share of paragraph starts that must be indented for indentation to mark paragraphs. */
    minIndentedStartShare: 0.6,
    /** How much more often starts are indented than continuation lines, at least. */
    minIndentShareGap: 0.5,
  },

  /** Double-spaced copies (double-spacing.ts). */
  doubleSpacing: {
    /** Share of the gaps between two text lines that must be exactly one blank line. */
    minSingleBlankShare: 0.8,
    /** Fewest text lines for the text to count as double-spaced. */
    minTextLines: 8,
  },

  /** Running headers and footers of a PDF copy (page-furniture.ts). */
  runningHeader: {
    /** Fewest pages a header must be seen on. */
    minPages: 2,
    /** Share of the page numbers it must stand beside. */
    minShare: 0.5,
    /** Longest line taken for a running header. */
    maxLength: 60,
    /** A header names something: at least this many letters (a paragraph's tail `作。` is not one). */
    minLetters: 4,
  },

  /**
   * Advert lines, by the weighted vocabulary of advert-vocabulary.ts (score: the weights found;
   * density: score per visible character; strong terms: weight 3, 客服, 代笔, 素材库 …).
   */
  advert: {
    /** A line cut as an advert on its own: dense with promotion, and at least one strong term. */
    line: { minScore: 7, minDensity: 0.05, minStrongTerms: 1 },
    /** A weaker line next to an advert line (a footer block). */
    block: { minScore: 3, minDensity: 0.08 },
  },

  /** The cleaning passes (clean.ts). */
  clean: {
    /** The repeated passes run until one changes nothing, at most this often (caps pathological inputs). */
    maxRounds: 10,
  },

  /** Tables of contents (toc.ts). */
  toc: {
    /** How far into the text (in lines) a table of contents may start. */
    maxHeaderLine: 60,
    /** Longest entry, in characters. */
    maxEntryLength: 100,
    /** Shortest share of the longer title key the shorter one must cover to count as the same title. */
    minOverlap: 0.85,
    /** Entries on each side of an unmatched one that a realignment may move. */
    realignReach: 2,
    /** Most body lines a realignment compares with those entries (a few reports' worth). */
    maxRealignLines: 20_000,
    /** Keys may differ by this share of the longer one in edit distance (a character or two typed differently). */
    typoShare: 0.1,
    /** Keys that differ by a typo differ in length by at most this much. */
    maxTypoLengthDifference: 2,
  },

  /** Splitting into reports (split.ts). */
  split: {
    /** A report longer than this many times its siblings' median may hold several reports. */
    oversizeFactor: 3,
    /** Siblings needed before a median says anything. */
    minSiblingsForSize: 2,
    /** Fewest lines of body a numbered piece has before the next one. */
    minPieceLines: 3,
  },

  /** Reports' blocks (model/build-report.ts, model/attribution.ts). */
  report: {
    /** Longest line (in characters) still taken for a heading on its own line. */
    maxHeadingLength: 60,
    /** Longest run-in heading, up to and including its full stop. */
    maxRunInLength: 60,
    /** Longest author line, in characters. */
    maxBylineLength: 30,
    /** Longest signature line (a unit's full name), in characters. */
    maxSignatureLength: 25,
    /** Signature lines above a date: the unit, and the person. */
    maxSignatureLines: 2,
  },
} as const;
