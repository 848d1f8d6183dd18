/**
 * Style profiles: the single source of page geometry, faces, sizes, indents and line pitch for both
 * renderers (DOCX and PDF). A profile is plain data; renderers derive everything else from it.
 */
import type { HeadingLevel } from '../model/report.js';

/**
 * Font roles. Each renderer maps a role to what it can use: DOCX names the faces a Chinese office
 * machine has (`docxFaces`), the PDF embeds an open font of the same style (see `lib/render/pdf`).
 */
export const FontRole = {
  /** 小标宋: the title face. */
  Title: 'title',
  /** 宋体: page numbers and the plain profile's body. */
  Song: 'song',
  /** 仿宋: the GB/T 9704 body face. */
  Fang: 'fang',
  /** 黑体: level-1 headings. */
  Hei: 'hei',
  /** 楷体: level-2 headings. */
  Kai: 'kai',
} as const;
export type FontRole = (typeof FontRole)[keyof typeof FontRole];

/** Names written into DOCX for each role: East Asian face first, then the Latin face. */
export interface DocxFace {
  readonly eastAsia: string;
  readonly ascii: string;
}

export type Alignment = 'left' | 'center' | 'right' | 'justify';

/** How one kind of paragraph looks. */
export interface TextStyle {
  readonly role: FontRole;
  readonly sizePt: number;
  readonly bold: boolean;
  readonly align: Alignment;
  /** First-line indent in characters of this style's size (2 for body text). */
  readonly firstLineIndentChars: number;
}

export interface LineSpacing {
  /** `exact`: every line advances `pitchPt` (GB/T grid). `multiple`: Word's auto spacing × `multiple`. */
  readonly rule: 'exact' | 'multiple';
  /** Baseline-to-baseline advance in points; the PDF always uses it, DOCX when `rule` is `exact`. */
  readonly pitchPt: number;
  /** Word's line-spacing multiple when `rule` is `multiple`. */
  readonly multiple: number;
}

export interface PageNumberStyle {
  readonly role: FontRole;
  readonly sizePt: number;
  /** Text for page `n`, e.g. `— 1 —`. */
  readonly format: (n: number) => string;
  /**
   * Distance from the bottom edge of the text block down to the 一字线 (the middle of its ink; GB/T
   * 9704 §7.5: 一字线上距版心下边缘7 mm), in mm.
   */
  readonly belowTextMm: number;
  /** `outside`: odd pages right, even pages left (GB/T 9704); `center`: centred on every page. */
  readonly placement: 'outside' | 'center';
  /** With `outside`, how many characters (of the number's size) in from the text block's edge. */
  readonly insetChars: number;
}

export interface StyleProfile {
  readonly id: string;
  readonly description: string;
  readonly page: {
    readonly widthMm: number;
    readonly heightMm: number;
    readonly marginMm: { readonly top: number; readonly bottom: number; readonly left: number; readonly right: number };
  };
  /** Document grid: lines per page and characters per full body line; `null` for no grid. */
  readonly grid: { readonly linesPerPage: number; readonly charsPerLine: number } | null;
  readonly lineSpacing: LineSpacing;
  readonly title: TextStyle & {
    /** Blank body lines between the title block and the first body paragraph. */
    readonly blankLinesAfter: number;
  };
  readonly body: TextStyle;
  readonly headings: Readonly<Record<HeadingLevel, TextStyle>>;
  /**
   * Who wrote it and when, where the report says so (model/attribution.ts): the author line under
   * the title (the title's blank lines then follow it), the closing signature and date, which start
   * after one blank line, placed by GB/T 9704 §7.3.5.2 (see closing-block.ts).
   */
  readonly attribution: {
    readonly byline: TextStyle;
    /** `rightIndentChars`: the signature's right indent in characters of its size (§7.3.5.2: 右空二字). */
    readonly signature: TextStyle & { readonly rightIndentChars: number };
    /**
     * `shiftChars`: how far right of the signature's first character the date's starts (§7.3.5.2:
     * 首字比署名首字右移二字); `rightIndentChars`: the closest it comes to the right edge, and its
     * indent without a signature (右空二字).
     */
    readonly date: TextStyle & { readonly rightIndentChars: number; readonly shiftChars: number };
  };
  readonly pageNumber: PageNumberStyle;
  /**
   * How pages break, the same in both formats (DOCX: Normal's `w:widowControl`, the headings'
   * `w:keepNext`): `widowControl` keeps a paragraph from leaving its first line alone at the foot
   * of a page or its last line alone at the head of the next (Word's 孤行控制), at the price of a
   * page a line short; `keepHeadingsWithNext` moves a heading that would end a page onto the next.
   */
  readonly pagination: { readonly widowControl: boolean; readonly keepHeadingsWithNext: boolean };
  readonly docxFaces: Readonly<Record<FontRole, DocxFace>>;
  /** BCP 47 language of the text, written into both formats. */
  readonly language: string;
}

/** 1 mm in PDF points. */
export const PT_PER_MM = 72 / 25.4;

export const mmToPt = (mm: number): number => mm * PT_PER_MM;

/** GB/T 9704: 225 mm text height over 22 lines. */
const GB_LINE_PITCH_PT = mmToPt(225) / 22;

const emDashPageNumber = (n: number): string => `— ${n} —`;

/**
 * The default profile: 党政机关公文格式 (GB/T 9704-2012). A4, text block 156 × 225 mm, 22 lines ×
 * 28 characters; title 二号小标宋, body 三号仿宋, headings 黑体 / 楷体 / 仿宋 bold / 仿宋.
 */
export const GBT9704: StyleProfile = {
  id: 'gbt9704',
  description: 'GB/T 9704-2012 党政机关公文格式',
  page: { widthMm: 210, heightMm: 297, marginMm: { top: 37, bottom: 35, left: 28, right: 26 } },
  grid: { linesPerPage: 22, charsPerLine: 28 },
  lineSpacing: { rule: 'exact', pitchPt: GB_LINE_PITCH_PT, multiple: 1 },
  title: { role: FontRole.Title, sizePt: 22, bold: false, align: 'center', firstLineIndentChars: 0, blankLinesAfter: 1 },
  body: { role: FontRole.Fang, sizePt: 16, bold: false, align: 'justify', firstLineIndentChars: 2 },
  headings: {
    1: { role: FontRole.Hei, sizePt: 16, bold: false, align: 'justify', firstLineIndentChars: 2 },
    2: { role: FontRole.Kai, sizePt: 16, bold: false, align: 'justify', firstLineIndentChars: 2 },
    3: { role: FontRole.Fang, sizePt: 16, bold: true, align: 'justify', firstLineIndentChars: 2 },
    4: { role: FontRole.Fang, sizePt: 16, bold: false, align: 'justify', firstLineIndentChars: 2 },
  },
  attribution: {
    byline: { role: FontRole.Kai, sizePt: 16, bold: false, align: 'center', firstLineIndentChars: 0 },
    // GB/T 9704 §7.3.5.2, documents without a seal: 署名右空二字, the date's first character two
    // right of the signature's, the date itself never closer than 二字 to the edge.
    signature: { role: FontRole.Fang, sizePt: 16, bold: false, align: 'right', firstLineIndentChars: 0, rightIndentChars: 2 },
    date: { role: FontRole.Fang, sizePt: 16, bold: false, align: 'right', firstLineIndentChars: 0, rightIndentChars: 2, shiftChars: 2 },
  },
  pageNumber: { role: FontRole.Song, sizePt: 14, format: emDashPageNumber, belowTextMm: 7, placement: 'outside', insetChars: 1 },
  // §5.2.2: 22 lines a page, filling the text block (撑满版心), as 公文 templates set it (孤行控制
  // off); a heading still never ends a page: docs/typography.md, item 6.
  pagination: { widowControl: false, keepHeadingsWithNext: true },
  docxFaces: {
    title: { eastAsia: '方正小标宋简体', ascii: 'Times New Roman' },
    song: { eastAsia: '宋体', ascii: 'Times New Roman' },
    // The stock Windows names (since Vista; WPS maps them too); fontTable.xml gives 仿宋_GB2312 and
    // 楷体_GB2312, the same designs in their GB2312 cuts, as the alternates (docx/font-table.ts).
    fang: { eastAsia: '仿宋', ascii: 'Times New Roman' },
    hei: { eastAsia: '黑体', ascii: 'Times New Roman' },
    kai: { eastAsia: '楷体', ascii: 'Times New Roman' },
  },
  language: 'zh-CN',
};

/**
 * A plain office profile, proving the profile is a parameter: A4 with Word's default margins,
 * 宋体 小四 body at 1.5 line spacing, no document grid, centred page numbers.
 */
export const PLAIN: StyleProfile = {
  id: 'plain',
  description: 'Plain: 宋体 body, 1.5 line spacing, A4',
  page: { widthMm: 210, heightMm: 297, marginMm: { top: 25.4, bottom: 25.4, left: 31.8, right: 31.8 } },
  grid: null,
  // Word's "1.5 lines" for a 12 pt CJK face advances about 1.5 × 1.3 × 12 pt.
  lineSpacing: { rule: 'multiple', pitchPt: 23.4, multiple: 1.5 },
  title: { role: FontRole.Hei, sizePt: 18, bold: false, align: 'center', firstLineIndentChars: 0, blankLinesAfter: 1 },
  body: { role: FontRole.Song, sizePt: 12, bold: false, align: 'justify', firstLineIndentChars: 2 },
  headings: {
    1: { role: FontRole.Hei, sizePt: 12, bold: false, align: 'justify', firstLineIndentChars: 2 },
    2: { role: FontRole.Kai, sizePt: 12, bold: false, align: 'justify', firstLineIndentChars: 2 },
    3: { role: FontRole.Song, sizePt: 12, bold: true, align: 'justify', firstLineIndentChars: 2 },
    4: { role: FontRole.Song, sizePt: 12, bold: false, align: 'justify', firstLineIndentChars: 2 },
  },
  attribution: {
    byline: { role: FontRole.Kai, sizePt: 12, bold: false, align: 'center', firstLineIndentChars: 0 },
    signature: { role: FontRole.Song, sizePt: 12, bold: false, align: 'right', firstLineIndentChars: 0, rightIndentChars: 2 },
    date: { role: FontRole.Song, sizePt: 12, bold: false, align: 'right', firstLineIndentChars: 0, rightIndentChars: 2, shiftChars: 2 },
  },
  pageNumber: { role: FontRole.Song, sizePt: 10.5, format: emDashPageNumber, belowTextMm: 7, placement: 'center', insetChars: 0 },
  // Word's defaults: widow control on, headings kept with the next paragraph.
  pagination: { widowControl: true, keepHeadingsWithNext: true },
  docxFaces: {
    title: { eastAsia: '黑体', ascii: 'Times New Roman' },
    song: { eastAsia: '宋体', ascii: 'Times New Roman' },
    fang: { eastAsia: '仿宋', ascii: 'Times New Roman' },
    hei: { eastAsia: '黑体', ascii: 'Times New Roman' },
    kai: { eastAsia: '楷体', ascii: 'Times New Roman' },
  },
  language: 'zh-CN',
};

export const PROFILES = { gbt9704: GBT9704, plain: PLAIN } as const;
export type ProfileId = keyof typeof PROFILES;

/** Width of the text block in points. */
export function textWidthPt(profile: StyleProfile): number {
  const { widthMm, marginMm } = profile.page;
  return mmToPt(widthMm - marginMm.left - marginMm.right);
}

/** Height of the text block in points. */
export function textHeightPt(profile: StyleProfile): number {
  const { heightMm, marginMm } = profile.page;
  return mmToPt(heightMm - marginMm.top - marginMm.bottom);
}

/**
 * Horizontal advance of one body character: with a grid, the text width over characters per line
 * (so 28 三号 characters fill 156 mm exactly); without, the body size.
 */
export function charPitchPt(profile: StyleProfile): number {
  return profile.grid ? textWidthPt(profile) / profile.grid.charsPerLine : profile.body.sizePt;
}

/**
 * First-line indent of a style in points: its `firstLineIndentChars` characters, each the body's
 * character pitch scaled to the style's size (2 × 15.79 pt for GB/T body text).
 */
export function firstLineIndentPt(profile: StyleProfile, style: TextStyle): number {
  return (style.firstLineIndentChars * charPitchPt(profile) * style.sizePt) / profile.body.sizePt;
}
