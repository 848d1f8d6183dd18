import { describe, expect, it } from 'vitest';
import { reportParagraphs } from '../../../lib/model/report.js';
import { renderDocx, renderDocxInFull } from '../../../lib/render/docx/render-docx.js';
import { mmToTwips } from '../../../lib/render/docx/units.js';
import { GBT9704, PLAIN, textWidthPt, type StyleProfile } from '../../../lib/render/style.js';
import { unzipSync } from 'fflate';
import {
  attributeOf,
  documentParagraphTexts,
  openDocx,
  paragraphElements,
  paragraphTextOf,
  styleElement,
  wellFormed,
  type DocxPackage,
} from './docx-package.js';
import { ATTRIBUTED, EVERY_BLOCK_KIND, goldReports } from './sample-reports.js';

const render = async (profile: StyleProfile = GBT9704, report = EVERY_BLOCK_KIND): Promise<DocxPackage> =>
  openDocx(await renderDocx(report, { profile }));

/** The footer part a `w:footerReference` of `type` points at. */
function footerPart(docx: DocxPackage, type: 'default' | 'even'): string {
  const sectPr = docx.part('word/document.xml').match(/<w:sectPr[\s\S]*<\/w:sectPr>/)?.[0] ?? '';
  const id = sectPr.match(new RegExp(`<w:footerReference w:type="${type}" r:id="([^"]+)"`))?.[1];
  const target = docx.part('word/_rels/document.xml.rels').match(new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`))?.[1];
  if (!id || !target) throw new Error(`no ${type} footer`);
  return docx.part(`word/${target}`);
}

describe('renderDocx', () => {
  it('writes the title and every block as document paragraphs with exactly the report’s text', async () => {
    const docx = await render();

    expect(documentParagraphTexts(docx)).toEqual(reportParagraphs(EVERY_BLOCK_KIND));
  });

  it('keeps the text of every gold report exactly when read back from word/document.xml', async () => {
    const reports = goldReports();

    const texts = await Promise.all(reports.map(async (report) => documentParagraphTexts(await render(GBT9704, report))));

    expect(texts).toEqual(reports.map(reportParagraphs));
  });

  it('writes only well-formed XML parts', async () => {
    const docx = await render();

    const parts = docx.names.filter((name) => /\.(xml|rels)$/.test(name));

    expect(parts.length).toBeGreaterThan(5);
    expect(Object.fromEntries(parts.map((name) => [name, wellFormed(docx.part(name))]))).toEqual(
      Object.fromEntries(parts.map((name) => [name, true])),
    );
  });

  it('breaks the title with w:br inside one Title paragraph', async () => {
    const docx = await render();

    const title = paragraphElements(docx.part('word/document.xml'))[0] ?? '';

    expect(title).toContain('<w:pStyle w:val="Title"/>');
    expect(title.match(/<w:br\/>/g)?.length).toBeGreaterThanOrEqual(1);
    expect(paragraphTextOf(title)).toBe(EVERY_BLOCK_KIND.title);
  });

  it('gives a run-in heading Word’s style separator: a Heading paragraph with a hidden mark, the sentence in the next paragraph', async () => {
    const docx = await render();

    const paragraphs = paragraphElements(docx.part('word/document.xml'));
    const at = paragraphs.findIndex((p) => p.includes('强化理论武装'));
    const [heading, sentence] = [paragraphs[at] ?? '', paragraphs[at + 1] ?? ''];

    expect(heading).toContain('<w:pStyle w:val="Heading2"/>');
    expect(heading).toMatch(/<w:pPr>.*<w:rPr><w:vanish\/><w:specVanish\/><\/w:rPr><\/w:pPr>/u);
    expect(heading).toContain('<w:rStyle w:val="RunInHeading2"/>');
    expect(sentence).toContain('<w:pStyle w:val="BodyAfterRunInHeading"/>');
    expect(sentence).toContain('认真学习党的二十大精神');
  });

  it('continues a run-in heading in a body style without a first-line indent, so the line is indented once', async () => {
    const docx = await render();

    const style = styleElement(docx.part('word/styles.xml'), 'BodyAfterRunInHeading');

    expect(style).toContain('<w:basedOn w:val="Normal"/>');
    expect(style).toMatch(/<w:ind w:firstLine="0" w:firstLineChars="0"\/>/u);
  });

  it('formats through styles: no document paragraph carries direct run formatting', async () => {
    const docx = await render();

    const document = docx.part('word/document.xml');

    expect(document).not.toMatch(/<w:(rFonts|sz|b|jc|spacing|ind)\b/);
  });

  it('sets A4, the profile’s margins in twips and a 22-line grid in the section', async () => {
    const docx = await render();

    const sectPr = docx.part('word/document.xml').match(/<w:sectPr[\s\S]*<\/w:sectPr>/)?.[0] ?? '';
    const margin = GBT9704.page.marginMm;

    expect([attributeOf(sectPr, 'w:pgSz', 'w:w'), attributeOf(sectPr, 'w:pgSz', 'w:h')]).toEqual(['11906', '16838']);
    expect(['w:top', 'w:bottom', 'w:left', 'w:right'].map((side) => attributeOf(sectPr, 'w:pgMar', side))).toEqual(
      [margin.top, margin.bottom, margin.left, margin.right].map((mm) => String(mmToTwips(mm))),
    );
    expect(attributeOf(sectPr, 'w:docGrid', 'w:type')).toBe('lines');
    expect(attributeOf(sectPr, 'w:docGrid', 'w:linePitch')).toBe('579');
    expect(attributeOf(sectPr, 'w:docGrid', 'w:charSpace')).toBeUndefined();
  });

  it('compresses Normal by −0.25 pt per character so that 28 body characters fit the text width and 29 do not', async () => {
    const docx = await render();
    const sectPr = docx.part('word/document.xml').match(/<w:sectPr[\s\S]*<\/w:sectPr>/)?.[0] ?? '';
    const textWidthTwips =
      Number(attributeOf(sectPr, 'w:pgSz', 'w:w')) -
      Number(attributeOf(sectPr, 'w:pgMar', 'w:left')) -
      Number(attributeOf(sectPr, 'w:pgMar', 'w:right'));

    const normalRun = runProperties(styleElement(docx.part('word/styles.xml'), 'Normal'));
    const spacing = Number(attributeOf(normalRun, 'w:spacing', 'w:val'));
    const advanceTwips = Number(attributeOf(normalRun, 'w:sz', 'w:val')) * 10 + spacing;

    expect(spacing).toBe(-5);
    expect(28 * advanceTwips).toBeLessThanOrEqual(textWidthTwips);
    expect(29 * advanceTwips).toBeGreaterThan(textWidthTwips);
  });

  it('lets headings and run-in headings of the body size inherit Normal’s compression', async () => {
    const docx = await render();
    const styles = docx.part('word/styles.xml');

    const headingIds = ['Heading1', 'Heading2', 'Heading3', 'Heading4'];
    const runInIds = ['RunInHeading1', 'RunInHeading2', 'RunInHeading3', 'RunInHeading4'];

    expect(headingIds.map((id) => attributeOf(styleElement(styles, id), 'w:basedOn', 'w:val'))).toEqual(headingIds.map(() => 'Normal'));
    expect([...headingIds, ...runInIds].map((id) => attributeOf(runProperties(styleElement(styles, id)), 'w:spacing', 'w:val'))).toEqual(
      [...headingIds, ...runInIds].map(() => undefined),
    );
  });

  it('gives a heading of another size the compression for its own size', async () => {
    const profile: StyleProfile = { ...GBT9704, headings: { ...GBT9704.headings, 1: { ...GBT9704.headings[1], sizePt: 18 } } };
    const docx = await render(profile);
    const styles = docx.part('word/styles.xml');

    const heading1 = Number(attributeOf(runProperties(styleElement(styles, 'Heading1')), 'w:spacing', 'w:val'));
    const runIn1 = Number(attributeOf(runProperties(styleElement(styles, 'RunInHeading1')), 'w:spacing', 'w:val'));

    expect(heading1).toBe(Math.floor((textWidthPt(profile) / 28 - 18) * 20));
    expect(runIn1).toBe(heading1);
    expect(attributeOf(runProperties(styleElement(styles, 'Heading2')), 'w:spacing', 'w:val')).toBeUndefined();
  });

  it('takes the title and the page numbers off the grid: no compression, and title lines at the exact pitch', async () => {
    const docx = await render();
    const styles = docx.part('word/styles.xml');
    const title = styleElement(styles, 'Title');

    const offGridSpacing = ['Title', 'Footer'].map((id) => attributeOf(runProperties(styleElement(styles, id)), 'w:spacing', 'w:val'));
    const titleParagraph = paragraphProperties(title);

    expect(offGridSpacing).toEqual(['0', '0']);
    expect(attributeOf(titleParagraph, 'w:snapToGrid', 'w:val')).toBe('false');
    expect([attributeOf(titleParagraph, 'w:spacing', 'w:lineRule'), attributeOf(titleParagraph, 'w:spacing', 'w:line')]).toEqual(['exact', '579']);
    // CT_PPr order: keepNext, …, snapToGrid, spacing, ind, jc (Word rejects other orders).
    expect(propertyNames(titleParagraph)).toEqual(['w:keepNext', 'w:snapToGrid', 'w:spacing', 'w:ind', 'w:jc']);
    expect(propertyNames(runProperties(title))).toEqual(['w:rFonts', 'w:snapToGrid', 'w:spacing', 'w:sz', 'w:szCs']);
  });

  it('writes each style once, the off-grid ones included', async () => {
    const docx = await render();

    const ids = [...docx.part('word/styles.xml').matchAll(/<w:style [^>]*w:styleId="([^"]+)"/g)].map((m) => m[1]);

    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['Normal', 'Title', 'Footer', 'FooterOdd', 'FooterEven']));
  });

  it('gives body text an exact line pitch equal to the grid’s (lineRule "exact", not "exactly")', async () => {
    const docx = await render();

    const normal = styleElement(docx.part('word/styles.xml'), 'Normal');

    expect(attributeOf(normal, 'w:spacing', 'w:lineRule')).toBe('exact');
    expect(attributeOf(normal, 'w:spacing', 'w:line')).toBe('579');
    expect(attributeOf(normal, 'w:ind', 'w:firstLineChars')).toBe('200');
    expect(attributeOf(normal, 'w:jc', 'w:val')).toBe('both');
    expect(docx.part('word/styles.xml')).not.toContain('"exactly"');
  });

  it('names the East Asian face of each style in the eastAsia slot and marks the text zh-CN', async () => {
    const docx = await render();
    const styles = docx.part('word/styles.xml');

    const faces = ['Normal', 'Title', 'Heading1', 'Heading2', 'Heading3', 'Heading4'].map((id) =>
      attributeOf(styleElement(styles, id), 'w:rFonts', 'w:eastAsia'),
    );

    expect(faces).toEqual(['仿宋', '方正小标宋简体', '黑体', '楷体', '仿宋', '仿宋']);
    expect(attributeOf(styleElement(styles, 'Title'), 'w:sz', 'w:val')).toBe('44');
    expect(styleElement(styles, 'Heading3')).toMatch(/<w:b\/>/);
    expect(attributeOf(styles.match(/<w:docDefaults>[\s\S]*<\/w:docDefaults>/)?.[0] ?? '', 'w:lang', 'w:eastAsia')).toBe('zh-CN');
  });

  it('gives the heading styles outline levels 0–3, as Word ties them to its built-in headings, and keeps the title out of the outline', async () => {
    const docx = await render();
    const styles = docx.part('word/styles.xml');

    const levels = ['Title', 'Heading1', 'Heading2', 'Heading3', 'Heading4'].map((id) =>
      attributeOf(styleElement(styles, id), 'w:outlineLvl', 'w:val'),
    );

    expect(levels).toEqual([undefined, '0', '1', '2', '3']);
  });

  it('gives the run-in character styles their heading’s face', async () => {
    const docx = await render();
    const styles = docx.part('word/styles.xml');

    const runIn1 = styleElement(styles, 'RunInHeading1');

    expect(runIn1).toContain('w:type="character"');
    expect(attributeOf(runIn1, 'w:rFonts', 'w:eastAsia')).toBe('黑体');
  });

  it('numbers pages — N — with a PAGE field, odd pages right and even pages left, one character in', async () => {
    const docx = await render();

    const odd = footerPart(docx, 'default');
    const even = footerPart(docx, 'even');
    const styles = docx.part('word/styles.xml');

    for (const footer of [odd, even]) {
      expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
      // The field's cached result, for previewers that do not update fields.
      expect(paragraphTextOf(footer)).toBe('— 1 —');
    }
    const oddStyle = styleElement(styles, attributeOf(odd, 'w:pStyle', 'w:val') ?? '');
    const evenStyle = styleElement(styles, attributeOf(even, 'w:pStyle', 'w:val') ?? '');
    expect([attributeOf(oddStyle, 'w:jc', 'w:val'), attributeOf(oddStyle, 'w:ind', 'w:right')]).toEqual(['right', '280']);
    expect([attributeOf(evenStyle, 'w:jc', 'w:val'), attributeOf(evenStyle, 'w:ind', 'w:left')]).toEqual(['left', '280']);
    expect(attributeOf(styleElement(styles, 'Footer'), 'w:rFonts', 'w:eastAsia')).toBe('宋体');
    expect(attributeOf(styleElement(styles, 'Footer'), 'w:sz', 'w:val')).toBe('28');
  });

  it('turns on different odd and even footers in the settings', async () => {
    const docx = await render();

    expect(docx.part('word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
  });

  it('records the title in the core properties, no subject, and no creator for a report without an author line', async () => {
    const docx = await render();

    const core = docx.part('docProps/core.xml');

    expect(core).toContain(`<dc:title>${EVERY_BLOCK_KIND.title}</dc:title>`);
    expect(core).not.toContain('dc:subject');
    expect(core).not.toContain('dc:creator');
    expect(core).not.toContain('cp:lastModifiedBy');
  });

  it('records the report’s author line as creator and last editor, in the compiled and the templated package alike', async () => {
    const templated = (await render(GBT9704, ATTRIBUTED)).part('docProps/core.xml');
    const full = openDocx(renderDocxInFull(ATTRIBUTED, { profile: GBT9704 })).part('docProps/core.xml');

    expect(templated).toContain('<dc:creator>XX县委办公室 张三</dc:creator><cp:lastModifiedBy>XX县委办公室 张三</cp:lastModifiedBy>');
    expect(full).toBe(templated);
  });

  it('renders the same report to the same bytes, with fixed dates in core.xml and the zip', async () => {
    const first = await renderDocx(EVERY_BLOCK_KIND, { profile: GBT9704 });
    // core.xml dates would otherwise differ by the milliseconds between the renders.
    await new Promise((resolve) => setTimeout(resolve, 20));

    const second = await renderDocx(EVERY_BLOCK_KIND, { profile: GBT9704 });

    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect(openDocx(first).part('docProps/core.xml')).toContain('>2000-01-01T00:00:00Z</dcterms:created>');
    const mtimes = new Set<string>();
    unzipSync(first, { filter: (file) => (mtimes.add(dosDateTime(first, file.name)), false) });
    expect([...mtimes]).toEqual(['2000-01-01 00:00:00']);
  });

  it('writes the timestamp it is given into the core properties', async () => {
    const bytes = await renderDocx(EVERY_BLOCK_KIND, { profile: GBT9704, timestamp: new Date('2024-05-06T07:08:09Z') });

    expect(openDocx(bytes).part('docProps/core.xml')).toContain('>2024-05-06T07:08:09Z</dcterms:modified>');
  });

  it('switches to 宋体 小四 at 1.5 lines, no grid and centred numbers with the plain profile', async () => {
    const docx = await render(PLAIN);
    const styles = docx.part('word/styles.xml');
    const normal = styleElement(styles, 'Normal');
    const sectPr = docx.part('word/document.xml').match(/<w:sectPr[\s\S]*<\/w:sectPr>/)?.[0] ?? '';

    expect(attributeOf(normal, 'w:rFonts', 'w:eastAsia')).toBe('宋体');
    expect(attributeOf(normal, 'w:sz', 'w:val')).toBe('24');
    expect([attributeOf(normal, 'w:spacing', 'w:lineRule'), attributeOf(normal, 'w:spacing', 'w:line')]).toEqual(['auto', '360']);
    expect(attributeOf(sectPr, 'w:docGrid', 'w:type')).toBeUndefined();
    expect(styles).not.toMatch(/<w:rPr>(?:(?!<\/w:rPr>)[\s\S])*<w:spacing /);
    expect(paragraphProperties(styleElement(styles, 'Title'))).not.toContain('<w:snapToGrid');
    expect(sectPr).not.toContain('w:type="even"');
    expect(docx.part('word/settings.xml')).not.toMatch(/<w:evenAndOddHeaders\/>|<w:evenAndOddHeaders w:val="(true|1)"/);
    expect(attributeOf(footerPart(docx, 'default'), 'w:pStyle', 'w:val')).toBe('Footer');
    expect(documentParagraphTexts(docx)).toEqual(reportParagraphs(EVERY_BLOCK_KIND));
  });
});

/** The `w:rPr` of a style element. */
function runProperties(styleXml: string): string {
  return styleXml.match(/<w:rPr>[\s\S]*?<\/w:rPr>/)?.[0] ?? '';
}

/** The `w:pPr` of a style element. */
function paragraphProperties(styleXml: string): string {
  return styleXml.match(/<w:pPr>[\s\S]*?<\/w:pPr>/)?.[0] ?? '';
}

/** Names of the child elements of a properties element, in order. */
function propertyNames(propertiesXml: string): string[] {
  return [...propertiesXml.replace(/^<w:[rp]Pr>/, '').matchAll(/<(w:\w+)[\s/>]/g)].map((m) => m[1] ?? '');
}

/** The DOS modification date and time of zip entry `name`, read from its local header. */
function dosDateTime(zip: Uint8Array, name: string): string {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const encoded = new TextEncoder().encode(name);
  for (let at = 0; at + 30 < zip.length; at += 1) {
    if (view.getUint32(at, true) !== 0x04034b50) continue;
    const nameLength = view.getUint16(at + 26, true);
    const candidate = zip.subarray(at + 30, at + 30 + nameLength);
    if (nameLength !== encoded.length || !candidate.every((byte, i) => byte === encoded[i])) continue;
    const time = view.getUint16(at + 10, true);
    const date = view.getUint16(at + 12, true);
    const pad = (n: number): string => String(n).padStart(2, '0');
    return `${1980 + (date >> 9)}-${pad((date >> 5) & 15)}-${pad(date & 31)} ${pad(time >> 11)}:${pad((time >> 5) & 63)}:${pad((time & 31) * 2)}`;
  }
  throw new Error(`no local header for ${name}`);
}
