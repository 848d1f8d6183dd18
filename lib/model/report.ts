/**
 * The report model: plain JSON, the hand-off between splitting and rendering (and between the
 * Lambda stages). Everything a renderer needs, nothing format-specific.
 */

/** Heading levels of Chinese official documents: `一、` → 1, `（一）` → 2, `1.`/`1、` → 3, `（1）` → 4. */
export type HeadingLevel = 1 | 2 | 3 | 4;

/** A heading on a line of its own (`一、成绩清单`). */
export interface HeadingBlock {
  readonly kind: 'heading';
  readonly level: HeadingLevel;
  readonly text: string;
}

/**
 * What a paragraph is besides text, where the report says who wrote it and when (attribution.ts):
 * the author or unit line under the title, and the closing block's signature (署名) and date (成文日期).
 */
export const ParagraphRole = { Byline: 'byline', Signature: 'signature', Date: 'date' } as const;
export type ParagraphRole = (typeof ParagraphRole)[keyof typeof ParagraphRole];

/**
 * A body paragraph. When it opens with a run-in heading (`（一）强化理论武装。认真学习…`), `runIn`
 * marks the leading `length` characters (UTF-16 code units) as a heading of `level`, rendered in
 * that heading's face inside the same paragraph.
 */
export interface ParagraphBlock {
  readonly kind: 'paragraph';
  readonly text: string;
  readonly runIn?: { readonly level: HeadingLevel; readonly length: number };
  /** Set for an author line, a signature or a date (never with `runIn`); absent for body text. */
  readonly role?: ParagraphRole;
}

export type Block = HeadingBlock | ParagraphBlock;

/** One report: a title and its blocks, in reading order. */
export interface Report {
  readonly title: string;
  readonly blocks: readonly Block[];
}

/** The text of a report in reading order, one entry per rendered paragraph (title first). */
export function reportParagraphs(report: Report): string[] {
  return [report.title, ...report.blocks.map((block) => block.text)];
}
