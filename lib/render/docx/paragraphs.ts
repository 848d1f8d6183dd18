/**
 * The document body as plain data (which paragraph, which style, which runs), and its translation
 * into docx paragraphs. The plain form is what tests check; it carries no formatting of its own,
 * only style references.
 */
import { Paragraph, TextRun } from 'docx';
import { ParagraphRole, type Block, type Report } from '../../model/report.js';
import { closingRightIndentChars, hasByline, opensClosingBlock } from '../closing-block.js';
import { charPitchPt, type StyleProfile } from '../style.js';
import { DocxStyleId, headingStyleId, runInStyleId } from './styles.js';
import { ptToTwips } from './units.js';

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
  /** Right indent in twips on the paragraph itself: a signature's or a date's (closing-block.ts). */
  readonly rightIndentTwips?: number;
  /** No space after the paragraph: the title when an author line under it takes its blank lines. */
  readonly noSpaceAfter?: boolean;
}

/** The concatenated text of a paragraph, as a reader of `w:t` elements sees it. */
export const paragraphText = (paragraph: DocxParagraphSpec): string => paragraph.runs.map((run) => run.text).join('');

/** The title paragraph: one paragraph whose lines are separated by line breaks. */
export function titleParagraph(lines: readonly string[], noSpaceAfter = false): DocxParagraphSpec {
  return {
    style: DocxStyleId.Title,
    runs: lines.map((text, i) => (i === 0 ? { text } : { text, lineBreakBefore: true })),
    ...(noSpaceAfter ? { noSpaceAfter } : {}),
  };
}

const ROLE_STYLE = {
  [ParagraphRole.Byline]: DocxStyleId.Byline,
  [ParagraphRole.Signature]: DocxStyleId.Signature,
  [ParagraphRole.Date]: DocxStyleId.Date,
} as const satisfies Record<ParagraphRole, DocxStyleId>;

/**
 * A block as paragraphs. A run-in heading is Word's style-separator form: a heading paragraph
 * (its level's style, so it is in the outline) holding the heading part in the run-in character
 * style, its mark hidden, then a paragraph with the rest in the body style without a first-line
 * indent ({@link DocxStyleId.RunInBody}), which Word and WPS set on the same line.
 */
export function blockParagraphs(block: Block): DocxParagraphSpec[] {
  if (block.kind === 'heading') return [{ style: headingStyleId(block.level), runs: [{ text: block.text }] }];
  if (block.role) return [{ style: ROLE_STYLE[block.role], runs: [{ text: block.text }] }];
  const runIn = block.runIn;
  if (!runIn || runIn.length <= 0) return [{ style: DocxStyleId.Normal, runs: [{ text: block.text }] }];
  const head = block.text.slice(0, runIn.length);
  const rest = block.text.slice(runIn.length);
  const heading: DocxParagraphSpec = { style: headingStyleId(runIn.level), runs: [{ text: head, characterStyle: runInStyleId(runIn.level) }] };
  if (!rest) return [heading];
  return [{ ...heading, styleSeparator: true }, { style: DocxStyleId.RunInBody, runs: [{ text: rest }] }];
}

/** An empty body line: the blank line before the closing block. */
const BLANK_LINE: DocxParagraphSpec = { style: DocxStyleId.Normal, runs: [] };

/**
 * All paragraphs of the body: the title (already broken into lines), then every block; the
 * closing block after a blank line, a signature and a date with their own right indents.
 */
export function bodyParagraphs(report: Report, titleLines: readonly string[], profile: StyleProfile): DocxParagraphSpec[] {
  const charTwips = (chars: number): number => ptToTwips((chars * charPitchPt(profile) * profile.attribution.signature.sizePt) / profile.body.sizePt);
  const blocks = report.blocks.flatMap((block, i) => {
    const paragraphs = blockParagraphs(block);
    // A signature's and a date's indents depend on their widths against each other (closing-block.ts).
    const indentChars = block.kind === 'paragraph' && block.role !== ParagraphRole.Byline ? closingRightIndentChars(report, i, profile) : undefined;
    const own = indentChars === undefined ? paragraphs : paragraphs.map((p) => ({ ...p, rightIndentTwips: charTwips(indentChars) }));
    return opensClosingBlock(report, i) ? [BLANK_LINE, ...own] : own;
  });
  return [titleParagraph(titleLines.length > 0 ? titleLines : [report.title], hasByline(report)), ...blocks];
}

/**
 * A paragraph spec as a docx paragraph: style references only, no direct formatting but the two a
 * style cannot hold (a signature's right indent, the title's space after when an author line follows).
 */
export function toDocxParagraph(spec: DocxParagraphSpec): Paragraph {
  return new Paragraph({
    style: spec.style,
    ...(spec.styleSeparator ? { run: { vanish: true, specVanish: true } } : {}),
    ...(spec.rightIndentTwips !== undefined ? { indent: { right: spec.rightIndentTwips } } : {}),
    ...(spec.noSpaceAfter ? { spacing: { after: 0 } } : {}),
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
