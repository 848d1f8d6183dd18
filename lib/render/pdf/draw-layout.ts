/**
 * Draws a finished {@link Layout} into a PDF with pdf-lib: embedded font subsets, one compressed
 * content stream per page, page numbers, outline, metadata (Info and XMP) and the structure tree of
 * a tagged PDF. The output depends only on the inputs: the date is the caller's (the input's), no
 * random names, a document /ID derived from the content.
 */
import { createHash } from 'node:crypto';
import type { PDFFont, PDFPage, PDFRef } from 'pdf-lib';
import { PDFDocument, PDFHexString } from 'pdf-lib';
import { pageGeometry } from '../layout/page-geometry.js';
import { pageNumberPlacement } from '../layout/page-number.js';
import type { Layout, RunFace, StructureTag } from '../layout/types.js';
import { DEFAULT_DOCUMENT_DATE } from '../document-facts.js';
import type { StyleProfile } from '../style.js';
import { isInvisible, type FaceSegment, type FontLibrary, type LoadedFace } from './font-library.js';
import { deflate, latin1Bytes, useNodeDeflate } from './node-deflate.js';
import { saveWithNodeDeflate } from './node-deflate-writer.js';
import type { OutlineEntry } from './outline.js';
import { writeOutline } from './outline.js';
import { AUTO_SPACED_MARKER, HALF_WIDTH_MARKER, pdfLibFontkit } from './pdf-lib-fontkit.js';
import { AUTO_SPACE_EM, hasTrailingBlank, punctuationClass } from '../layout/punctuation.js';
import { beginMarkedContent, PAGE_NUMBER_ARTIFACT, StructureTree } from './structure.js';
import { writeXmpMetadata } from './xmp.js';

/** Written as /Producer and /Creator. */
export const PDF_PRODUCER = 'report-press';

/** Stroke width of synthetic bold, in ems: thickens strokes about as much as a real bold cut. */
const SYNTHETIC_BOLD_STROKE_EM = 0.03;

export interface DrawLayoutOptions {
  readonly profile: StyleProfile;
  readonly fonts: FontLibrary;
  /** Document title for the metadata and the window title bar. */
  readonly title: string;
  /** Created and modified date (the input's); default a fixed date. */
  readonly timestamp?: Date;
  /** Author in the metadata (Info, XMP); empty or unset for none. */
  readonly author?: string;
}

export interface PdfResult {
  readonly bytes: Uint8Array;
  readonly pages: number;
  /**
   * The distinct characters drawn without a glyph (as the role face's .notdef box), in order of
   * first appearance; the text layer still holds them. Empty when every character has a glyph.
   */
  readonly missing: readonly string[];
}

/**
 * What a stretch of text is for tagging: a piece of the structure element of block `block` tagged
 * `tag`, or an artifact (the page number) outside the structure.
 */
type ContentTag = { readonly block: number; readonly tag: StructureTag } | 'artifact';

/** One stretch of text in one face at one position, ready to be encoded. */
interface PlannedText {
  readonly segment: FaceSegment;
  readonly content: ContentTag;
  readonly sizePt: number;
  readonly x: number;
  readonly baselineY: number;
  readonly charSpacing: number;
  /** Further advance after each code point, in points (punctuation compression); absent when all 0. */
  readonly adjustments?: readonly number[];
}

/** Numbers in content streams: at most 3 decimals, never exponent notation. */
function num(value: number): string {
  return String(Number(value.toFixed(3)) || 0);
}

/**
 * Splits a run into per-face stretches, advancing x by measured widths plus character spacing and
 * the run's per-character adjustments.
 */
function planRun(
  content: ContentTag,
  text: string,
  face: RunFace,
  x: number,
  baselineY: number,
  charSpacing: number,
  fonts: FontLibrary,
  adjustments?: readonly number[],
): PlannedText[] {
  const planned: PlannedText[] = [];
  let cursor = x;
  let at = 0;
  for (const segment of fonts.segment(text, face)) {
    const count = segment.codePoints.length;
    const own = adjustments?.slice(at, at + count);
    const squeezed = own !== undefined && own.some((a) => a !== 0);
    planned.push({ segment, content, sizePt: face.sizePt, x: cursor, baselineY, charSpacing, ...(squeezed ? { adjustments: own } : {}) });
    cursor += segment.advanceEm * face.sizePt + count * charSpacing + (own ?? []).reduce((sum, a) => sum + a, 0);
    at += count;
  }
  return planned;
}

function planPages(layout: Layout, profile: StyleProfile, fonts: FontLibrary): PlannedText[][] {
  return layout.pages.map((page) => {
    const planned = page.lines.flatMap((line) =>
      line.runs.flatMap((run) =>
        planRun({ block: line.block, tag: run.structure ?? 'P' }, run.text, run, run.x, line.baselineY, run.charSpacing, fonts, run.adjustments),
      ),
    );
    const label = pageNumberPlacement(profile, page.number, fonts.measure, { inkMiddleEm: fonts.inkMiddleEm });
    planned.push(...planRun('artifact', label.text, label.face, label.x, label.baselineY, 0, fonts));
    return planned;
  });
}

/**
 * Subset tag (`ABCDEF+Name`, PDF 32000 §9.6.4): six capitals derived from the code points the
 * subset draws (each has a glyph of its own there, .notdef copies included), so the same text
 * always gets the same tag and different subsets get different ones.
 */
function subsetTag(face: LoadedFace, codePoints: ReadonlySet<number>): string {
  const sorted = [...codePoints].sort((a, b) => a - b);
  const digest = createHash('sha256').update(`${face.file}:${sorted.join(',')}`).digest();
  return Array.from(digest.subarray(0, 6), (byte) => String.fromCharCode(65 + (byte % 26))).join('');
}

/** Characters drawn as .notdef: neither the drawing face has them nor are they invisible. */
function missingCharacters(pages: readonly PlannedText[][]): string[] {
  const missing = new Set<number>();
  for (const { segment } of pages.flat()) {
    for (const codePoint of segment.codePoints) {
      if (!isInvisible(codePoint) && !segment.face.has(codePoint)) missing.add(codePoint);
    }
  }
  return Array.from(missing, (codePoint) => String.fromCodePoint(codePoint));
}

async function embedFaces(doc: PDFDocument, pages: readonly PlannedText[][]): Promise<Map<LoadedFace, PDFFont>> {
  const used = new Map<LoadedFace, Set<number>>();
  for (const item of pages.flat()) {
    const codePoints = used.get(item.segment.face) ?? new Set<number>();
    item.segment.codePoints.forEach((cp) => codePoints.add(cp));
    used.set(item.segment.face, codePoints);
  }
  const embedded = new Map<LoadedFace, PDFFont>();
  // Embedding order decides object numbers: keep it fixed (first use), never Promise.all order.
  for (const [face, codePoints] of used) {
    const customName = `${subsetTag(face, codePoints)}+${face.font.postscriptName}`;
    embedded.set(face, await doc.embedFont(face.bytes, { subset: true, customName }));
  }
  return embedded;
}

/**
 * Hex glyph codes of code points in one embedded font, each code point encoded by pdf-lib once per
 * document. Encoding adds the glyph to the font's subset, so the first sight of each code point must
 * still go through `encodeText`, in drawing order: subset glyph numbers stay what they were.
 * Valid because the font adapter lays out one glyph per code point, without shaping.
 */
/** How a glyph is drawn: as it is, in its half-width form (squeezed), or with the automatic space in its width. */
const GlyphForm = { Plain: 'plain', HalfWidth: 'half', AutoSpaced: 'spaced' } as const;
type GlyphForm = (typeof GlyphForm)[keyof typeof GlyphForm];

const FORM_MARKER = { [GlyphForm.Plain]: '', [GlyphForm.HalfWidth]: HALF_WIDTH_MARKER, [GlyphForm.AutoSpaced]: AUTO_SPACED_MARKER } as const satisfies Record<GlyphForm, string>;

class GlyphCodes {
  private readonly byFont = new Map<PDFFont, Map<number, string>>();

  /** The `<…>` operand that shows `codePoints` in `font`. */
  hexString(font: PDFFont, codePoints: readonly number[]): string {
    return `<${this.codes(font, codePoints).join('')}>`;
  }

  /**
   * The operand of a `TJ` that shows `codePoints` with `adjustments[i]` points more advance after
   * code point i: hex strings with a number (thousandths of the size, positive moves left) between
   * them where an adjustment is not 0.
   */
  positionedArray(font: PDFFont, codePoints: readonly number[], adjustments: readonly number[], sizePt: number): string {
    let out = '[<';
    codePoints.forEach((codePoint, i) => {
      const adjustment = adjustments[i] ?? 0;
      // A closing mark or 点号 squeezed by half an em is drawn in its half-width form: same ink,
      // a box that ends where the next character starts.
      const half = Math.abs(adjustment + sizePt / 2) < 1e-9 && hasTrailingBlank(punctuationClass(String.fromCodePoint(codePoint)));
      // The automatic space before a Latin letter or digit (or after one) is drawn as part of the
      // glyph's width, so that extraction reads no space there.
      const spaced = Math.abs(adjustment - AUTO_SPACE_EM * sizePt) < 1e-9;
      const form = half ? GlyphForm.HalfWidth : spaced ? GlyphForm.AutoSpaced : GlyphForm.Plain;
      out += this.code(font, codePoint, form);
      if (form === GlyphForm.Plain && adjustment !== 0 && i < codePoints.length - 1) out += `> ${num((-adjustment * 1000) / sizePt)} <`;
    });
    return `${out}>]`;
  }

  private codes(font: PDFFont, codePoints: readonly number[]): string[] {
    return codePoints.map((codePoint) => this.code(font, codePoint, GlyphForm.Plain));
  }

  private code(font: PDFFont, codePoint: number, form: GlyphForm): string {
    let codes = this.byFont.get(font);
    if (!codes) {
      codes = new Map();
      this.byFont.set(font, codes);
    }
    const key = form === GlyphForm.Plain ? codePoint : form === GlyphForm.HalfWidth ? -codePoint - 1 : -codePoint - 1 - 0x110000;
    let code = codes.get(key);
    if (code === undefined) {
      const text = String.fromCodePoint(codePoint);
      code = font.encodeText(FORM_MARKER[form] + text).asString();
      codes.set(key, code);
    }
    return code;
  }
}

const sameContent = (a: ContentTag | undefined, b: ContentTag): boolean =>
  a !== undefined && (a === 'artifact' || b === 'artifact' ? a === b : a.block === b.block && a.tag === b.tag);

/**
 * The page's content stream: one text object, each stretch positioned absolutely with Tm, every
 * piece of a structure element in a marked-content sequence with its MCID, the page number an artifact.
 */
function pageContent(
  page: PDFPage,
  pageIndex: number,
  planned: readonly PlannedText[],
  fonts: ReadonlyMap<LoadedFace, PDFFont>,
  glyphCodes: GlyphCodes,
  pageHeight: number,
  structure: StructureTree,
): string {
  const keys = new Map<PDFFont, string>();
  const keyFor = (font: PDFFont): string => {
    let key = keys.get(font);
    if (!key) {
      key = page.node.newFontDictionary('F', font.ref).toString();
      keys.set(font, key);
    }
    return key;
  };
  const ops: string[] = ['BT'];
  let state = { key: '', size: NaN, charSpacing: 0, bold: false };
  let open: ContentTag | undefined;
  for (const item of planned) {
    if (!sameContent(open, item.content)) {
      if (open !== undefined) ops.push('EMC');
      const { content } = item;
      ops.push(content === 'artifact' ? PAGE_NUMBER_ARTIFACT : beginMarkedContent(content.tag, structure.mark(`${content.block}:${content.tag}`, content.tag, pageIndex)));
      open = content;
    }
    const font = fonts.get(item.segment.face)!;
    const key = keyFor(font);
    if (key !== state.key || item.sizePt !== state.size) ops.push(`${key} ${num(item.sizePt)} Tf`);
    if (item.charSpacing !== state.charSpacing) ops.push(`${num(item.charSpacing)} Tc`);
    if (item.segment.syntheticBold !== state.bold) {
      ops.push(item.segment.syntheticBold ? `${num(item.sizePt * SYNTHETIC_BOLD_STROKE_EM)} w 2 Tr` : '0 Tr');
    }
    state = { key, size: item.sizePt, charSpacing: item.charSpacing, bold: item.segment.syntheticBold };
    ops.push(`1 0 0 1 ${num(item.x)} ${num(pageHeight - item.baselineY)} Tm`);
    ops.push(
      item.adjustments
        ? `${glyphCodes.positionedArray(font, item.segment.codePoints, item.adjustments, item.sizePt)} TJ`
        : `${glyphCodes.hexString(font, item.segment.codePoints)} Tj`,
    );
  }
  if (open !== undefined) ops.push('EMC');
  ops.push('ET');
  return ops.join('\n');
}

function outlineEntries(layout: Layout, pages: readonly PDFPage[], pageHeight: number): OutlineEntry[] {
  return layout.pages.flatMap((laid, i) =>
    laid.bookmarks.map((bookmark) => ({ title: bookmark.title, level: bookmark.level, page: pages[i]!.ref as PDFRef, top: pageHeight - bookmark.y })),
  );
}

/**
 * Draws `layout` as an A4 (per the profile) PDF. Deterministic: the same layout, profile and fonts
 * give byte-identical output.
 */
export async function drawLayout(layout: Layout, options: DrawLayoutOptions): Promise<PdfResult> {
  const { profile, fonts } = options;
  const { pageWidthPt: width, pageHeightPt: height } = pageGeometry(profile);

  // Planning first: it decides the faces, and may load a lazy fallback the adapter must know.
  const planned = planPages(layout, profile, fonts);
  const faces = new Set(planned.flat().map((item) => item.segment.face));

  const doc = await PDFDocument.create({ updateMetadata: false });
  // The adapter has the subset of pdf-lib's Fontkit interface that its embedders call.
  doc.registerFontkit(pdfLibFontkit(faces) as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  useNodeDeflate(doc.context);

  const embedded = await embedFaces(doc, planned);
  const date = options.timestamp ?? DEFAULT_DOCUMENT_DATE;
  const author = options.author ?? '';
  const identity = createHash('sha256').update(`${profile.id}\n${options.title}\n${date.toISOString()}\n${author}\n`);
  const glyphCodes = new GlyphCodes();
  const structure = new StructureTree();
  const pages = planned.map((items, pageIndex) => {
    const page = doc.addPage([width, height]);
    const content = deflate(latin1Bytes(pageContent(page, pageIndex, items, embedded, glyphCodes, height, structure)));
    identity.update(content);
    page.node.addContentStream(doc.context.register(doc.context.stream(content, { Filter: 'FlateDecode' })));
    return page;
  });

  writeOutline(doc, outlineEntries(layout, pages, height));
  structure.write(doc, pages);
  doc.setTitle(options.title, { showInWindowTitleBar: true });
  doc.setLanguage(profile.language);
  doc.setProducer(PDF_PRODUCER);
  doc.setCreator(PDF_PRODUCER);
  if (author !== '') doc.setAuthor(author);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  writeXmpMetadata(doc, { title: options.title, ...(author !== '' ? { author } : {}), language: profile.language, date, producer: PDF_PRODUCER });
  const id = PDFHexString.of(identity.digest('hex').slice(0, 32));
  doc.context.trailerInfo.ID = doc.context.obj([id, id]);

  const bytes = await saveWithNodeDeflate(doc);
  return { bytes, pages: pages.length, missing: missingCharacters(planned) };
}
