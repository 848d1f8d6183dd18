import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../lib/model/report.js';
import { renderPdf } from '../../../lib/render/pdf/render-pdf.js';
import { xmpPacket } from '../../../lib/render/pdf/xmp.js';
import { GBT9704 } from '../../../lib/render/style.js';
import { EVERY_BLOCK_KIND } from '../docx/sample-reports.js';
import { vendoredFonts } from './font-library-fixture.js';

interface StructNode {
  readonly role?: string;
  readonly type?: string;
  readonly id?: string;
  readonly children?: readonly StructNode[];
}

interface Tagged {
  /** Structure elements below Document, in order, with the text of their marked content (all pages). */
  readonly elements: readonly (readonly [role: string, text: string])[];
  /** Text drawn inside /Artifact sequences, per page. */
  readonly artifacts: readonly string[];
}

/** Reads the structure tree and the marked content back with pdf.js, as a screen reader would. */
async function readTagged(bytes: Uint8Array): Promise<Tagged> {
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, verbosity: 0 }).promise;
  const elements: [string, string][] = [];
  const artifacts: string[] = [];
  for (let n = 1; n <= doc.numPages; n += 1) {
    const page = await doc.getPage(n);
    const textById = new Map<string, string>();
    let open: string | null = null;
    let artifact = '';
    for (const item of (await page.getTextContent({ includeMarkedContent: true })).items) {
      // pdf.js's types leave out the tag its marked-content items carry.
      if ('type' in item && item.type === 'beginMarkedContentProps') open = (item as { tag?: string }).tag === 'Artifact' ? 'artifact' : (item.id ?? null);
      else if ('type' in item && item.type === 'endMarkedContent') open = null;
      else if ('str' in item && open === 'artifact') artifact += item.str;
      else if ('str' in item && open) textById.set(open, (textById.get(open) ?? '') + item.str);
    }
    artifacts.push(artifact);
    const tree = (await page.getStructTree()) as StructNode | null;
    const documentNode = tree?.children?.find((child) => child.role === 'Document');
    for (const element of documentNode?.children ?? []) {
      const text = (element.children ?? []).map((kid) => textById.get(kid.id ?? '') ?? '').join('');
      const previous = elements.at(-1);
      // An element continued from the previous page appears in both pages' trees.
      if (n > 1 && previous && element === documentNode?.children?.[0] && previous[0] === element.role && text !== '') previous[1] += text;
      else elements.push([element.role ?? '', text]);
    }
  }
  await doc.destroy();
  return { elements, artifacts };
}

const render = (report: Report, options: { timestamp?: Date; author?: string } = {}) =>
  renderPdf(report, { profile: GBT9704, fonts: vendoredFonts(), ...options });

describe('a tagged PDF', () => {
  it('tags the title H1, the heading levels H2–H5 (run-in headings too) and paragraphs P, in reading order, each with its own text', async () => {
    // act
    const { bytes } = await render(EVERY_BLOCK_KIND);
    const { elements } = await readTagged(bytes);

    // assert
    expect(elements).toEqual([
      ['H1', EVERY_BLOCK_KIND.title],
      ['P', '今年以来，在上级党委的坚强领导下，我认真履行第一责任人职责，现将有关情况报告如下。'],
      ['H2', '一、履职尽责情况'],
      ['H3', '（一）强化理论武装。'],
      ['P', '认真学习党的二十大精神，全年参加集中学习30次，撰写心得体会5篇。'],
      ['H3', '（二）抓好队伍建设'],
      ['H4', '1.完善制度体系'],
      ['H4', '1.严格落实“三会一课”。'],
      ['P', '全年召开支部委员会12次。'],
      ['H5', '（1）建立工作台账'],
      ['P', '对*公司、**村的x次检查中，R&D 投入 <5% 的问题已整改。'],
    ]);
  });

  it('tags a run-in heading set in the body face (`（1）`) apart from its sentence', async () => {
    // prepare
    const report: Report = { title: '标题', blocks: [{ kind: 'paragraph', text: '（1）建立台账。为每名同志建立学习档案。', runIn: { level: 4, length: '（1）建立台账。'.length } }] };

    // act
    const { elements } = await readTagged((await render(report)).bytes);

    // assert
    expect(elements).toEqual([
      ['H1', '标题'],
      ['H5', '（1）建立台账。'],
      ['P', '为每名同志建立学习档案。'],
    ]);
  });

  it('keeps one element for a paragraph that runs over a page break, and draws page numbers as artifacts outside the tree', async () => {
    // prepare
    const long = '理论学习的深度还不够，联系实际还不紧密。'.repeat(40);
    const report: Report = { title: '跨页测试', blocks: [{ kind: 'paragraph', text: long }, { kind: 'heading', level: 1, text: '一、下一步打算' }] };

    // act
    const { bytes, pages } = await render(report);
    const { elements, artifacts } = await readTagged(bytes);

    // assert
    expect(pages).toBe(2);
    expect(elements.map(([role]) => role)).toEqual(['H1', 'P', 'H2']);
    expect(elements[1]![1]).toBe(long);
    expect(artifacts.map((text) => text.replace(/\s+/gu, ''))).toEqual(['—1—', '—2—']);
  });

  it('marks the document tagged, maps every page back to its elements and gives it the language', async () => {
    // act
    const { bytes } = await render(EVERY_BLOCK_KIND);
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });

    // assert
    const markInfo = doc.catalog.lookup(PDFName.of('MarkInfo'), PDFDict);
    const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
    expect(markInfo.get(PDFName.of('Marked'))?.toString()).toBe('true');
    expect(root.get(PDFName.of('ParentTreeNextKey'))?.toString()).toBe('1');
    expect(doc.getPage(0).node.get(PDFName.of('StructParents'))?.toString()).toBe('0');
    expect(doc.catalog.get(PDFName.of('Lang'))?.toString()).toBe('(zh-CN)');
  });
});

describe('PDF metadata', () => {
  it('writes the given date and author into the Info dictionary and the XMP packet, the same bytes for the same input', async () => {
    // prepare
    const timestamp = new Date('2024-03-05T06:07:08Z');

    // act
    const first = await render(EVERY_BLOCK_KIND, { timestamp, author: '办公室 & 秘书科' });
    const again = await render(EVERY_BLOCK_KIND, { timestamp, author: '办公室 & 秘书科' });
    const doc = await PDFDocument.load(first.bytes, { updateMetadata: false });
    const metadata = doc.catalog.lookup(PDFName.of('Metadata'));
    const xmp = metadata instanceof PDFRawStream ? new TextDecoder().decode(metadata.getContents()) : '';

    // assert
    expect(doc.getCreationDate()?.toISOString()).toBe('2024-03-05T06:07:08.000Z');
    expect(doc.getModificationDate()?.toISOString()).toBe('2024-03-05T06:07:08.000Z');
    expect(doc.getAuthor()).toBe('办公室 & 秘书科');
    expect(xmp).toBe(xmpPacket({ title: EVERY_BLOCK_KIND.title, author: '办公室 & 秘书科', language: 'zh-CN', date: timestamp, producer: 'report-press' }));
    expect(Buffer.from(first.bytes).equals(Buffer.from(again.bytes))).toBe(true);
  });

  it('gives XMP the title, creator, language, dates and producer, escaped', () => {
    // act
    const xmp = xmpPacket({ title: '关于<甲>&乙的报告', author: '张三', language: 'zh-CN', date: new Date('2024-03-05T06:07:08.900Z'), producer: 'report-press' });

    // assert
    expect(xmp).toContain('<dc:title><rdf:Alt><rdf:li xml:lang="x-default">关于&lt;甲&gt;&amp;乙的报告</rdf:li></rdf:Alt></dc:title>');
    expect(xmp).toContain('<dc:creator><rdf:Seq><rdf:li>张三</rdf:li></rdf:Seq></dc:creator>');
    expect(xmp).toContain('<dc:language><rdf:Bag><rdf:li>zh-CN</rdf:li></rdf:Bag></dc:language>');
    expect(xmp).toContain('<xmp:CreateDate>2024-03-05T06:07:08Z</xmp:CreateDate>');
    expect(xmp).toContain('<xmp:ModifyDate>2024-03-05T06:07:08Z</xmp:ModifyDate>');
    expect(xmp).toContain('<pdf:Producer>report-press</pdf:Producer>');
  });
});
