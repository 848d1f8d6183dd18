import { describe, expect, it } from 'vitest';
import type { Report } from '../../../lib/model/report.js';
import { reportParagraphs } from '../../../lib/model/report.js';
import { renderPdf } from '../../../lib/render/pdf/render-pdf.js';
import { GBT9704, PLAIN } from '../../../lib/render/style.js';
import { vendoredFonts } from './font-library-fixture.js';
import { catalogText, embeddedFonts, hasPdftotext, pageContents, pdftotext, readWithPdfJs } from './read-pdf.js';

const report: Report = {
  title: '关于张堃同志2023年度抓基层党建工作的述职报告',
  blocks: [
    { kind: 'paragraph', text: '今年以来，在*公司党委的坚强领导下，我认真学习贯彻习近平新时代中国特色社会主义思想，坚持“两个确立”、做到“两个维护”。' },
    { kind: 'heading', level: 1, text: '一、主要工作成绩' },
    { kind: 'heading', level: 2, text: '（一）强化理论武装' },
    { kind: 'paragraph', text: '全年组织集中学习12次，覆盖党员100%，开展ABC专题培训……——效果明显。', runIn: undefined },
    { kind: 'heading', level: 3, text: '1.坚持学习制度' },
    { kind: 'paragraph', text: '（1）建立台账。为喆、玥、珺、昇、𠮷等同志建立学习档案，做到x次必到、**村全覆盖。', runIn: { level: 4, length: 7 } },
    { kind: 'heading', level: 1, text: '二、存在的问题' },
    { kind: 'paragraph', text: '理论学习的深度还不够，联系实际还不紧密。'.repeat(12) },
  ],
};

const PAGE_NUMBER = /^—\s*\d+\s*—$/u;
const withoutSpace = (text: string): string => text.replace(/\s+/gu, '');

/** Rare (堃 喆 𠮷), Extension A (㐀 㑇), Extension B (𠀀 𪚥), traditional (臺灣 體 龜) and emoji (😀 👍). */
const RARE_LINE = '堃 喆 𠮷 㐀 㑇 𠀀 𪚥 臺灣 體 龜 😀 👍';

/** Characters no vendored font has: Hangul (가) and Extension G (𰀀). */
const NO_GLYPH_LINE = '韩国友人가来访，名字中有𰀀字。';

function oneParagraph(text: string): Report {
  return { title: '生僻字测试', blocks: [{ kind: 'paragraph', text }] };
}

/** The body text pdf.js extracts: page numbers and the title left out, white space removed. */
async function bodyTextWithPdfJs(bytes: Uint8Array, title: string): Promise<string> {
  const { pageTexts } = await readWithPdfJs(bytes);
  return withoutSpace(pageTexts.flatMap((items) => items.filter((item) => !PAGE_NUMBER.test(item.trim()))).join('')).replace(title, '');
}

/** A report whose every paragraph fits one body line: 20 characters plus the 2-character indent. */
function oneLineParagraphs(count: number): Report {
  return {
    title: '年度工作总结',
    blocks: Array.from({ length: count }, (_, i) => ({ kind: 'paragraph', text: `第${String(i + 1).padStart(3, '0')}段落内容全部都是汉字组成的文本` })),
  };
}

describe('renderPdf', () => {
  it('writes the text of the report, in order, as a viewer extracts it', async () => {
    const { bytes } = await renderPdf(report, { profile: GBT9704, fonts: vendoredFonts() });

    const { pageTexts } = await readWithPdfJs(bytes);
    const text = pageTexts.flatMap((items) => items.filter((item) => !PAGE_NUMBER.test(item.trim()))).join('');

    expect(withoutSpace(text)).toBe(withoutSpace(reportParagraphs(report).join('')));
  });

  it('numbers every page as — N — in 宋体', async () => {
    const { bytes, pages } = await renderPdf(oneLineParagraphs(60), { profile: GBT9704, fonts: vendoredFonts() });

    const { pageTexts } = await readWithPdfJs(bytes);

    expect(pageTexts.map((items) => items.at(-1))).toEqual(Array.from({ length: pages }, (_, i) => `— ${i + 1} —`));
  });

  it('embeds every font as a tagged subset with a ToUnicode map', async () => {
    const { bytes } = await renderPdf(report, { profile: GBT9704, fonts: vendoredFonts() });

    const fonts = await embeddedFonts(bytes);

    expect(fonts.length).toBeGreaterThanOrEqual(5);
    for (const font of fonts) {
      expect(font.baseFont).toMatch(/^[A-Z]{6}\+/u);
      expect(font).toMatchObject({ subtype: font.baseFont.includes('LiberationSerif') ? 'CIDFontType2' : 'CIDFontType0', hasFontFile: true, hasToUnicode: true });
    }
    expect(fonts.map((font) => font.baseFont.slice(7)).sort()).toEqual([
      'FandolFang-Regular',
      'FandolHei-Regular',
      'FandolKai-Regular',
      'FandolSong-Bold',
      'FandolSong-Regular',
      'LiberationSerif',
      'LiberationSerif-Bold',
      'NotoSerifCJKsc-Regular',
    ]);
  });

  it('fills 22 lines a page: a title, a blank line and 100 one-line paragraphs take 5 pages', async () => {
    const long = oneLineParagraphs(100);

    const { bytes, pages } = await renderPdf(long, { profile: GBT9704, fonts: vendoredFonts() });

    expect(pages).toBe(Math.ceil((1 + 1 + 100) / 22));
    expect((await readWithPdfJs(bytes)).pages).toBe(pages);
  });

  it('gives byte-identical output for the same input', async () => {
    const first = await renderPdf(report, { profile: GBT9704, fonts: vendoredFonts() });
    const second = await renderPdf(report, { profile: GBT9704, fonts: vendoredFonts() });

    expect(Buffer.from(second.bytes).equals(Buffer.from(first.bytes))).toBe(true);
  });

  it('bookmarks the title and nests the headings under it by level', async () => {
    const { bytes } = await renderPdf(report, { profile: GBT9704, fonts: vendoredFonts() });

    const { outline } = await readWithPdfJs(bytes);

    expect(outline.map((item) => item.title)).toEqual([report.title]);
    expect(outline[0]?.items.map((item) => item.title)).toEqual(['一、主要工作成绩', '二、存在的问题']);
    expect(outline[0]?.items[0]?.items.map((item) => item.title)).toEqual(['（一）强化理论武装']);
    expect(outline[0]?.items[0]?.items[0]?.items.map((item) => item.title)).toEqual(['1.坚持学习制度']);
  });

  it('records title, language, producer, no author for a report without an author line, and the fixed default date when given none (never the clock’s)', async () => {
    const { bytes } = await renderPdf(report, { profile: GBT9704, fonts: vendoredFonts() });

    const { info } = await readWithPdfJs(bytes);

    expect(info).toMatchObject({ Title: report.title, Language: 'zh-CN', Producer: 'report-press', Creator: 'report-press' });
    expect(info).not.toHaveProperty('Author');
    expect(info).toMatchObject({ CreationDate: 'D:20000101000000Z', ModDate: 'D:20000101000000Z' });
    expect(await catalogText(bytes, 'Lang')).toBe('zh-CN');
  });

  it('records the report’s author line as the author, in the Info dictionary and the XMP packet, unless one is given', async () => {
    const attributed: Report = { title: '述职报告', blocks: [{ kind: 'paragraph', text: '述职人：李XX', role: 'byline' }, { kind: 'paragraph', text: '一年来，我认真履行职责。' }] };

    const own = await renderPdf(attributed, { profile: GBT9704, fonts: vendoredFonts() });
    const given = await renderPdf(attributed, { profile: GBT9704, fonts: vendoredFonts(), author: '办公室' });

    expect((await readWithPdfJs(own.bytes)).info).toMatchObject({ Author: '李XX' });
    expect(Buffer.from(own.bytes).toString('latin1')).toContain(`<rdf:li>${Buffer.from('李XX', 'utf8').toString('latin1')}</rdf:li>`);
    expect((await readWithPdfJs(given.bytes)).info).toMatchObject({ Author: '办公室' });
  });

  it('draws the level-3 heading in 仿宋 with synthetic bold (fill and stroke)', async () => {
    const { bytes } = await renderPdf(report, { profile: GBT9704, fonts: vendoredFonts() });

    const [content] = await pageContents(bytes);

    expect(content).toMatch(/ w 2 Tr\n/u);
    expect(content).toMatch(/\n0 Tr\n/u);
  });

  it('follows the profile: the plain profile draws 宋体 pages of its own size', async () => {
    const { bytes, pages } = await renderPdf(oneLineParagraphs(40), { profile: PLAIN, fonts: vendoredFonts() });

    const fonts = await embeddedFonts(bytes);

    expect(pages).toBeGreaterThanOrEqual(1);
    expect(fonts.map((font) => font.baseFont.slice(7))).toContain('FandolSong-Regular');
    expect(fonts.map((font) => font.baseFont.slice(7))).not.toContain('FandolFang-Regular');
  });

  it('keeps rare, Extension A and B, traditional and emoji characters in the text a viewer (pdf.js) extracts', async () => {
    const { bytes } = await renderPdf(oneParagraph(RARE_LINE), { profile: GBT9704, fonts: vendoredFonts() });

    const text = await bodyTextWithPdfJs(bytes, '生僻字测试');

    expect(text).toBe(withoutSpace(RARE_LINE));
  });

  it.skipIf(!hasPdftotext)('keeps them in the text pdftotext extracts, without a complaint from poppler', async () => {
    const { bytes } = await renderPdf(oneParagraph(RARE_LINE), { profile: GBT9704, fonts: vendoredFonts() });

    const { text, stderr } = pdftotext(bytes);

    expect(text).toContain(RARE_LINE);
    expect(stderr).toBe('');
  });

  it('draws every character of that line with a glyph, Extension B and emoji from their fallbacks', async () => {
    const { bytes, missing } = await renderPdf(oneParagraph(RARE_LINE), { profile: GBT9704, fonts: vendoredFonts() });

    const fonts = await embeddedFonts(bytes);

    expect(missing).toEqual([]);
    expect(fonts.filter((font) => font.subtype === 'CIDFontType2' && !font.baseFont.includes('LiberationSerif')).map((font) => font.baseFont.slice(7))).toEqual(['HanaMinB', 'NotoEmoji-Regular']);
    for (const font of fonts) expect(font).toMatchObject({ hasFontFile: true, hasToUnicode: true });
  });

  it('draws characters no font has as boxes, reports them, and still extracts them exactly', async () => {
    const { bytes, missing } = await renderPdf(oneParagraph(NO_GLYPH_LINE), { profile: GBT9704, fonts: vendoredFonts() });

    const text = await bodyTextWithPdfJs(bytes, '生僻字测试');

    expect(missing).toEqual(['가', '𰀀']);
    expect(text).toBe(NO_GLYPH_LINE);
  });

  it('gives each box a code of its own, so that two different missing characters never read as one', async () => {
    const { bytes } = await renderPdf(oneParagraph('가나가'), { profile: GBT9704, fonts: vendoredFonts() });

    const [content] = await pageContents(bytes);
    const shown = [...content!.matchAll(/<([0-9a-f]+)> Tj/gu)].map((m) => m[1]!);
    const body = shown.find((hex) => hex.length === 12)!;

    expect(body.slice(0, 4)).toBe(body.slice(8, 12));
    expect(body.slice(0, 4)).not.toBe(body.slice(4, 8));
    expect(body.slice(0, 4)).not.toBe('0000');
  });

  it('tags subsets that differ only in characters drawn as boxes differently', async () => {
    const tags = async (text: string): Promise<string[]> => {
      const { bytes } = await renderPdf(oneParagraph(text), { profile: GBT9704, fonts: vendoredFonts() });
      return (await embeddedFonts(bytes)).map((font) => font.baseFont).filter((name) => name.endsWith('+FandolFang-Regular'));
    };

    const [withGa, withNa] = [await tags('正文가'), await tags('正文나')];

    expect(withGa).toHaveLength(1);
    expect(withNa).toHaveLength(1);
    expect(withGa[0]).not.toBe(withNa[0]);
  });

  it('keeps variation selectors in the text layer, drawn as nothing', async () => {
    const { bytes, missing } = await renderPdf(oneParagraph('❤\ufe0f葛\u{e0100}'), { profile: GBT9704, fonts: vendoredFonts() });

    const text = await bodyTextWithPdfJs(bytes, '生僻字测试');

    expect(missing).toEqual([]);
    expect(text).toBe('❤\ufe0f葛\u{e0100}');
  });

  it('gives byte-identical output for the same rare characters', async () => {
    const first = await renderPdf(oneParagraph(RARE_LINE + NO_GLYPH_LINE), { profile: GBT9704, fonts: vendoredFonts() });
    const second = await renderPdf(oneParagraph(RARE_LINE + NO_GLYPH_LINE), { profile: GBT9704, fonts: vendoredFonts() });

    expect(Buffer.from(second.bytes).equals(Buffer.from(first.bytes))).toBe(true);
  });
});
