/**
 * The document body as plain data (which paragraph, which style, which runs), and its translation
 * into docx paragraphs. The plain form is what tests check; it carries no formatting of its own,
 * only style references.
 */
import { Paragraph, TextRun } from 'docx';
import type { Block, Report } from '../../model/report.js';
import { DocxStyleId, headingStyleId, runInStyleId } from './styles.js';

export interface DocxRunSpec {
  readonly text: string;
  /** Character style of the run; none means the paragraph style's face. */
  readonly characterStyle?: DocxStyleId;
  /** Starts on a new line inside the paragraph (a `w:br` before the text). */
  readonly lineBreakBefore?: boolean;
}

export interface DocxParagraphSpec {
  readonly style: DocxStyleId;
  readonly runs: readonly DocxRunSpec[];
}

/** The concatenated text of a paragraph, as a reader of `w:t` elements sees it. */
export const paragraphText = (paragraph: DocxParagraphSpec): string => paragraph.runs.map((run) => run.text).join('');

/** The title paragraph: one paragraph whose lines are separated by line breaks. */
export function titleParagraph(lines: readonly string[]): DocxParagraphSpec {
  return {
    style: DocxStyleId.Title,
    runs: lines.map((text, i) => (i === 0 ? { text } : { text, lineBreakBefore: true })),
  };
}

/**
 * A block as a paragraph. A run-in heading is one paragraph of two runs: the heading part in the
 * heading level's character style, the rest in the body face.
 */
export function blockParagraph(block: Block): DocxParagraphSpec {
  if (block.kind === 'heading') return { style: headingStyleId(block.level), runs: [{ text: block.text }] };
  const runIn = block.runIn;
  if (!runIn || runIn.length <= 0) return { style: DocxStyleId.Normal, runs: [{ text: block.text }] };
  const head = block.text.slice(0, runIn.length);
  const rest = block.text.slice(runIn.length);
  const runs: DocxRunSpec[] = [{ text: head, characterStyle: runInStyleId(runIn.level) }];
  if (rest) runs.push({ text: rest });
  return { style: DocxStyleId.Normal, runs };
}

/** All paragraphs of the body: the title (already broken into lines), then every block. */
export function bodyParagraphs(report: Report, titleLines: readonly string[]): DocxParagraphSpec[] {
  return [titleParagraph(titleLines.length > 0 ? titleLines : [report.title]), ...report.blocks.map(blockParagraph)];
}

/** A paragraph spec as a docx paragraph: style references only, no direct formatting. */
export function toDocxParagraph(spec: DocxParagraphSpec): Paragraph {
  return new Paragraph({
    style: spec.style,
    children: spec.runs.map(
      (run) =>
        new TextRun({
          text: run.text,
          ...(run.characterStyle ? { style: run.characterStyle } : {}),
          ...(run.lineBreakBefore ? { break: 1 } : {}),
        }),
    ),
  });
}
