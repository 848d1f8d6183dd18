/**
 * The document's styles: Normal (body), Title, Heading1–4, a character style per heading level for
 * run-in headings and the body style that continues one, the author line, signature and date, and
 * the page-number footer styles.
 * Paragraphs only name a style; every face, size, indent and spacing lives here, derived from the
 * style profile (but a signature's right indent, which depends on its text: paragraphs.ts).
 *
 * On a grid profile the body styles carry a small character-spacing compression so that the
 * profile's characters per line fit each line (the section grid is lines-only, see
 * page-geometry.ts). Normal has it and the headings inherit it; the title and the page numbers are
 * off the grid and state a spacing of 0.
 */
import { AlignmentType, LineRuleType } from 'docx';
import type { IParagraphStyleOptions, ICharacterStyleOptions, IStylesOptions, IRunStylePropertiesOptions, ISpacingProperties } from 'docx';
import type { HeadingLevel } from '../../model/report.js';
import { charPitchPt, firstLineIndentPt, type Alignment, type FontRole, type StyleProfile, type TextStyle } from '../style.js';
import { ExplicitParagraphStyle, type ExplicitStyleProperties, type ParagraphFlag } from './explicit-style.js';
import { exactLineTwips, gridCharacterSpacing, pageNumberLineTwips } from './page-geometry.js';
import { ptToHalfPoints, ptToTwips } from './units.js';

/** Every heading level, in order: one paragraph style and one run-in character style each. */
export const HEADING_LEVELS = [1, 2, 3, 4] as const satisfies readonly HeadingLevel[];

/** Style ids written into the document (Word's built-in ids where one exists). */
export const DocxStyleId = {
  Normal: 'Normal',
  Title: 'Title',
  Heading1: 'Heading1',
  Heading2: 'Heading2',
  Heading3: 'Heading3',
  Heading4: 'Heading4',
  RunIn1: 'RunInHeading1',
  RunIn2: 'RunInHeading2',
  RunIn3: 'RunInHeading3',
  RunIn4: 'RunInHeading4',
  RunInBody: 'BodyAfterRunInHeading',
  Byline: 'Byline',
  Signature: 'Signature',
  Date: 'Date',
  Footer: 'Footer',
  FooterOdd: 'FooterOdd',
  FooterEven: 'FooterEven',
} as const;
export type DocxStyleId = (typeof DocxStyleId)[keyof typeof DocxStyleId];

/** The paragraph style of a heading level. */
export const headingStyleId = (level: HeadingLevel): DocxStyleId => DocxStyleId[`Heading${level}`];

/** The character style of a run-in heading of a level. */
export const runInStyleId = (level: HeadingLevel): DocxStyleId => DocxStyleId[`RunIn${level}`];

/**
 * Outline level (0-based, as `w:outlineLvl`) of a heading level's style: `一、` is 0, the top of
 * the navigation pane and of a TOC. Word ties its built-in "heading n" styles to level n − 1
 * whatever `w:outlineLvl` says, so anything else would disagree with Word. The title has none
 * (body text): it names the document rather than opening a section, and would otherwise share
 * level 0 with `一、`.
 */
export const headingOutlineLevel = (level: HeadingLevel): number => level - 1;

/**
 * Paragraph properties of Normal: widow control as the profile's pagination says (stated either way,
 * so that no reader's default decides; the PDF paginates alike), and `overflowPunct` on. The PDF keeps every mark inside the 版心; Word and WPS,
 * whose default `overflowPunct` is, may hang a 点号 past the margin. It is stated because
 * LibreOffice 7.4 reads it inverted: absent or off, LibreOffice hangs 点号 and drops some of them
 * from what it draws and prints; on, it keeps them inside the line, as the PDF does. The automatic
 * space between Chinese and Latin letters or digits (`autoSpaceDE`/`autoSpaceDN`) is left at Word's
 * default, on, which the PDF follows (LibreOffice's DOCX import ignores both and always spaces).
 */
export const normalParagraphFlags = (profile: StyleProfile): Readonly<Partial<Record<ParagraphFlag, boolean>>> => ({
  'w:widowControl': profile.pagination.widowControl,
  'w:overflowPunct': true,
});

const ALIGNMENT = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.BOTH,
} as const satisfies Record<Alignment, string>;

/** The fonts of a role: East Asian face in the eastAsia slot, Latin face in the others. */
export function faceFonts(profile: StyleProfile, role: FontRole): { ascii: string; hAnsi: string; eastAsia: string; cs: string } {
  const face = profile.docxFaces[role];
  return { ascii: face.ascii, hAnsi: face.ascii, eastAsia: face.eastAsia, cs: face.ascii };
}

/** The fonts of a role with its East Asian face in every slot: digits and letters in it too (page numbers). */
function ownFaceFonts(profile: StyleProfile, role: FontRole): ReturnType<typeof faceFonts> & { hint: string } {
  const face = profile.docxFaces[role].eastAsia;
  return { ascii: face, hAnsi: face, eastAsia: face, cs: face, hint: 'eastAsia' };
}

/**
 * The run fonts of a role with `w:hint="eastAsia"`: quotes and dashes (“ ” ‘ ’ — …) are shared by
 * Latin and Chinese, and without the hint Word sets them in the Latin face, half width.
 */
function hintedFaceFonts(profile: StyleProfile, role: FontRole): ReturnType<typeof faceFonts> & { hint: string } {
  return { ...faceFonts(profile, role), hint: 'eastAsia' };
}

/**
 * The character spacing a body-grid style at `sizePt` must state, in twentieths of a point; none
 * when it inherits the right one from Normal (same size) or the profile has no grid.
 */
function inheritedSpacingOverride(profile: StyleProfile, sizePt: number): number | undefined {
  const own = gridCharacterSpacing(profile, sizePt);
  return own === null || own === gridCharacterSpacing(profile) ? undefined : own;
}

/** A style as docx options, with what docx cannot write on its own (see explicit-style.ts). */
interface StyleEntry<T> {
  readonly options: T;
  readonly explicit?: ExplicitStyleProperties;
}

/** The document's style sheet: docx's style options, and the styles docx needs help to write. */
export interface DocxStyleSheet {
  readonly options: IStylesOptions;
  /** Styles to add to the built document (`document.Styles.addChildElement`); none are in `options`. */
  readonly explicitStyles: readonly ExplicitParagraphStyle[];
}

function runFormat(profile: StyleProfile, style: Pick<TextStyle, 'role' | 'sizePt' | 'bold'>): IRunStylePropertiesOptions {
  const size = ptToHalfPoints(style.sizePt);
  // Bold only when set: no style here inherits bold, so "not bold" needs no element.
  return {
    font: hintedFaceFonts(profile, style.role),
    size,
    sizeComplexScript: size,
    ...(style.bold ? { bold: true, boldComplexScript: true } : {}),
  };
}

/** The profile's line spacing: a fixed pitch on the GB/T grid, Word's auto spacing otherwise. */
export function lineSpacing(profile: StyleProfile): ISpacingProperties {
  const { rule, multiple } = profile.lineSpacing;
  return rule === 'exact'
    ? { line: exactLineTwips(profile), lineRule: LineRuleType.EXACT, before: 0, after: 0 }
    : { line: Math.round(240 * multiple), lineRule: LineRuleType.AUTO, before: 0, after: 0 };
}

/**
 * First-line indent in characters (what Word uses) and in twips (for readers that ignore
 * character units). One character is one grid cell scaled to the style's size.
 */
function firstLineIndent(profile: StyleProfile, style: TextStyle): { firstLine: number; firstLineChars: number } {
  return {
    firstLine: ptToTwips(firstLineIndentPt(profile, style)),
    firstLineChars: Math.round(style.firstLineIndentChars * 100),
  };
}

function paragraphStyle(
  profile: StyleProfile,
  id: DocxStyleId,
  name: string,
  style: TextStyle,
  extra: Pick<IParagraphStyleOptions, 'paragraph' | 'run'> = {},
): IParagraphStyleOptions {
  return {
    id,
    name,
    ...(id === DocxStyleId.Normal ? {} : { basedOn: DocxStyleId.Normal, next: DocxStyleId.Normal }),
    quickFormat: true,
    run: { ...runFormat(profile, style), ...extra.run },
    paragraph: {
      alignment: ALIGNMENT[style.align],
      indent: firstLineIndent(profile, style),
      spacing: lineSpacing(profile),
      ...extra.paragraph,
    },
  };
}

/** Off the grid: no compression (against Normal's) and, for a paragraph, no snapping to grid lines. */
function offGrid(profile: StyleProfile, paragraph: boolean): ExplicitStyleProperties | undefined {
  if (!profile.grid) return undefined;
  return paragraph ? { characterSpacing: 0, paragraphSnapToGrid: false } : { characterSpacing: 0 };
}

function pageNumberStyles(profile: StyleProfile): StyleEntry<IParagraphStyleOptions>[] {
  const number = profile.pageNumber;
  const insetTwips = ptToTwips(number.insetChars * number.sizePt);
  const footer: IParagraphStyleOptions = {
    id: DocxStyleId.Footer,
    name: 'footer',
    basedOn: DocxStyleId.Normal,
    // The number is not body text: off the character grid, at its own fixed line height. Its digits
    // are in the number's own face (GB/T 9704 §7.5: 半角宋体阿拉伯数字), not the Latin one.
    run: { ...runFormat(profile, { role: number.role, sizePt: number.sizePt, bold: false }), font: ownFaceFonts(profile, number.role), snapToGrid: false },
    paragraph: {
      alignment: AlignmentType.CENTER,
      indent: { firstLine: 0, firstLineChars: 0 },
      spacing: { line: pageNumberLineTwips(profile), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    },
  };
  const outside = (id: DocxStyleId, name: string, side: 'left' | 'right'): IParagraphStyleOptions => ({
    id,
    name,
    basedOn: DocxStyleId.Footer,
    paragraph: {
      alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
      indent: { [side]: insetTwips, firstLine: 0, firstLineChars: 0 },
    },
  });
  const explicit = offGrid(profile, false);
  return [
    { options: footer, ...(explicit ? { explicit } : {}) },
    { options: outside(DocxStyleId.FooterOdd, 'footer odd page', 'right') },
    { options: outside(DocxStyleId.FooterEven, 'footer even page', 'left') },
  ];
}

/**
 * The body paragraph that continues a run-in heading on its line (after the style separator): Normal
 * without the first-line indent, which the heading's paragraph has already given the line. Word and
 * WPS join the two paragraphs and take the first one's indent; LibreOffice 25.2 joins them too but
 * also indents where the second begins, two characters short on that line, unless it has none.
 * LibreOffice 7.4 shows the two paragraphs apart, the continuation flush left.
 */
function runInBodyStyle(): IParagraphStyleOptions {
  return {
    id: DocxStyleId.RunInBody,
    name: 'Body after run-in heading',
    basedOn: DocxStyleId.Normal,
    next: DocxStyleId.Normal,
    paragraph: { indent: { firstLine: 0, firstLineChars: 0 } },
  };
}

/**
 * The author line (centred under the title, then the title's blank lines, which the title itself
 * then drops), the signature and the date (flush right, 右空二字 by default; each paragraph states
 * its own right indent, which depends on the two widths, closing-block.ts). Signature and Date are
 * Word's built-in ids.
 */
function attributionStyles(profile: StyleProfile, blankAfter: number): StyleEntry<IParagraphStyleOptions>[] {
  const { byline, signature, date } = profile.attribution;
  const indentTwips = (chars: number, sizePt: number): number => ptToTwips((chars * charPitchPt(profile) * sizePt) / profile.body.sizePt);
  const style = (id: DocxStyleId, name: string, text: TextStyle, paragraph: IParagraphStyleOptions['paragraph']) => {
    const base = { alignment: ALIGNMENT[text.align], indent: firstLineIndent(profile, text), spacing: lineSpacing(profile) };
    return onGrid(profile, paragraphStyle(profile, id, name, text, { paragraph: { ...base, ...paragraph } }), text.sizePt);
  };
  return [
    style(DocxStyleId.Byline, 'Byline', byline, { spacing: { ...lineSpacing(profile), after: blankAfter }, keepNext: true }),
    style(DocxStyleId.Signature, 'Signature', signature, {
      indent: { ...firstLineIndent(profile, signature), right: indentTwips(signature.rightIndentChars, signature.sizePt) },
      keepNext: true,
    }),
    style(DocxStyleId.Date, 'Date', date, { indent: { ...firstLineIndent(profile, date), right: indentTwips(date.rightIndentChars, date.sizePt) } }),
  ];
}

/** The entry of a body-grid style at `sizePt`: its own spacing only when it cannot inherit Normal's. */
function onGrid(profile: StyleProfile, options: IParagraphStyleOptions, sizePt: number): StyleEntry<IParagraphStyleOptions> {
  const characterSpacing = inheritedSpacingOverride(profile, sizePt);
  return characterSpacing === undefined ? { options } : { options, explicit: { characterSpacing } };
}

/** The document's style sheet and defaults for `profile`. */
export function documentStyles(profile: StyleProfile): DocxStyleSheet {
  const language = { eastAsia: profile.language };
  const title = profile.title;
  const blankAfter =
    profile.lineSpacing.rule === 'exact'
      ? title.blankLinesAfter * exactLineTwips(profile)
      : ptToTwips(title.blankLinesAfter * profile.lineSpacing.pitchPt);
  const bodySpacing = gridCharacterSpacing(profile);
  const titleExplicit = offGrid(profile, true);
  const entries: StyleEntry<IParagraphStyleOptions>[] = [
    {
      options: paragraphStyle(profile, DocxStyleId.Normal, 'Normal', profile.body, {
        // docx writes no spacing of 0, which is what an exact fit needs anyway.
        run: { language, ...(bodySpacing ? { characterSpacing: bodySpacing } : {}) },
      }),
      explicit: { paragraphFlags: normalParagraphFlags(profile) },
    },
    {
      options: paragraphStyle(profile, DocxStyleId.Title, 'Title', title, {
        // The title is set at its own size's advance, not stretched or squeezed to the body's grid,
        // and its lines keep the exact pitch instead of snapping to two grid lines each.
        run: { snapToGrid: false },
        paragraph: {
          alignment: ALIGNMENT[title.align],
          indent: firstLineIndent(profile, title),
          spacing: { ...lineSpacing(profile), after: blankAfter },
          keepNext: true,
        },
      }),
      ...(titleExplicit ? { explicit: titleExplicit } : {}),
    },
    ...HEADING_LEVELS.map((level) => {
      const heading = profile.headings[level];
      const options = paragraphStyle(profile, headingStyleId(level), `heading ${level}`, heading, {
        paragraph: {
          alignment: ALIGNMENT[heading.align],
          indent: firstLineIndent(profile, heading),
          spacing: lineSpacing(profile),
          outlineLevel: headingOutlineLevel(level),
          keepNext: profile.pagination.keepHeadingsWithNext,
        },
      });
      return onGrid(profile, options, heading.sizePt);
    }),
    { options: runInBodyStyle() },
    ...attributionStyles(profile, blankAfter),
    ...pageNumberStyles(profile),
  ];
  const characterStyles: ICharacterStyleOptions[] = HEADING_LEVELS.map((level) => {
    const heading = profile.headings[level];
    // A run-in heading sits in a Normal paragraph; at another size it needs that size's spacing.
    // (A spacing of exactly 0 against Normal's cannot be written by docx; no profile sizes give one.)
    const characterSpacing = inheritedSpacingOverride(profile, heading.sizePt);
    return {
      id: runInStyleId(level),
      name: `Run-in Heading ${level}`,
      quickFormat: true,
      run: { ...runFormat(profile, heading), ...(characterSpacing ? { characterSpacing } : {}) },
    };
  });
  return {
    options: {
      default: { document: { run: { ...runFormat(profile, profile.body), language } } },
      paragraphStyles: entries.filter((entry) => !entry.explicit).map((entry) => entry.options),
      characterStyles,
    },
    explicitStyles: entries.flatMap((entry) => (entry.explicit ? [new ExplicitParagraphStyle(entry.options, entry.explicit)] : [])),
  };
}
