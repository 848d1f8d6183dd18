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
  /**
   * The paragraph mark is hidden as Word's style separator (`w:vanish` + `w:specVanish`): the next
   * paragraph runs on in the same line, while this one keeps its heading style and outline level,
   * so the navigation pane and a TOC list it.
   */
  readonly styleSeparator?: boolean;
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
 * A block as paragraphs. A run-in heading is Word's style-separator form: a heading paragraph
 * (its level's style, so it is in the outline) holding the heading part in the run-in character
 * style, its mark hidden, then a Normal paragraph with the rest, which Word and WPS set on the
 * same line.
 */
export function blockParagraphs(block: Block): DocxParagraphSpec[] {
  if (block.kind === 'heading') return [{ style: headingStyleId(block.level), runs: [{ text: block.text }] }];
  const runIn = block.runIn;
  if (!runIn || runIn.length <= 0) return [{ style: DocxStyleId.Normal, runs: [{ text: block.text }] }];
  const head = block.text.slice(0, runIn.length);
  const rest = block.text.slice(runIn.length);
  const heading: DocxParagraphSpec = { style: headingStyleId(runIn.level), runs: [{ text: head, characterStyle: runInStyleId(runIn.level) }] };
  if (!rest) return [heading];
  return [{ ...heading, styleSeparator: true }, { style: DocxStyleId.Normal, runs: [{ text: rest }] }];
}

/** All paragraphs of the body: the title (already broken into lines), then every block. */
export function bodyParagraphs(report: Report, titleLines: readonly string[]): DocxParagraphSpec[] {
  return [titleParagraph(titleLines.length > 0 ? titleLines : [report.title]), ...report.blocks.flatMap(blockParagraphs)];
}

/** A paragraph spec as a docx paragraph: style references only, no direct formatting. */
export function toDocxParagraph(spec: DocxParagraphSpec): Paragraph {
  return new Paragraph({
    style: spec.style,
    ...(spec.styleSeparator ? { run: { vanish: true, specVanish: true } } : {}),
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
