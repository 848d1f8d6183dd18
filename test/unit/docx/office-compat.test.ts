import { describe, expect, it } from 'vitest';
import { fontTableEntries } from '../../../lib/render/docx/font-table.js';
import { renderDocx } from '../../../lib/render/docx/render-docx.js';
import { GBT9704, PLAIN } from '../../../lib/render/style.js';
import { attributeOf, openDocx, styleElement, wellFormed } from './docx-package.js';
import { EVERY_BLOCK_KIND } from './sample-reports.js';

const render = async (options: { timestamp?: Date; author?: string } = {}) =>
  openDocx(await renderDocx(EVERY_BLOCK_KIND, { profile: GBT9704, ...options }));

describe('a GB/T 9704 DOCX on a stock office machine', () => {
  it('gives every face it names a font-table entry with a stock fallback, the GB2312 charset and a PANOSE class', async () => {
    const docx = await render();
    const fonts = docx.part('word/fontTable.xml');

    const entry = (name: string) => fonts.match(new RegExp(`<w:font w:name="${name}">.*?</w:font>`))?.[0] ?? '';

    expect(wellFormed(fonts)).toBe(true);
    expect(attributeOf(entry('仿宋'), 'w:altName', 'w:val')).toBe('仿宋_GB2312');
    expect(attributeOf(entry('楷体'), 'w:altName', 'w:val')).toBe('楷体_GB2312');
    expect(attributeOf(entry('方正小标宋简体'), 'w:altName', 'w:val')).toBe('宋体');
    expect(attributeOf(entry('黑体'), 'w:charset', 'w:val')).toBe('86');
    expect(fontTableEntries(GBT9704).map((font) => font.name)).toEqual(['方正小标宋简体', '宋体', '仿宋', '黑体', '楷体', 'Times New Roman']);
    expect(fontTableEntries(GBT9704).every((font) => /^[0-9A-F]{20}$/u.test(font.panose))).toBe(true);
  });

  it('asks Word and WPS to compress punctuation, as the PDF does', async () => {
    const settings = (await render()).part('word/settings.xml');

    expect(wellFormed(settings)).toBe(true);
    // CT_Settings order: characterSpacingControl before compat, themeFontLang after it.
    expect(settings).toMatch(/<w:characterSpacingControl w:val="compressPunctuation"\/><w:compat>.*<\/w:compat><w:themeFontLang [^>]*w:eastAsia="zh-CN"\/>/u);
  });

  it('states widow control off (22 lines a page, as the PDF fills them) and overflowPunct on Normal (LibreOffice reads it inverted) and leaves the automatic space at Word’s default, as the PDF sets it', async () => {
    const normal = styleElement((await render()).part('word/styles.xml'), 'Normal');

    expect(['w:widowControl', 'w:overflowPunct', 'w:autoSpaceDE', 'w:autoSpaceDN'].map((name) => attributeOf(normal, name, 'w:val'))).toEqual(['0', '1', undefined, undefined]);
  });

  it('keeps headings with the next paragraph and the plain profile’s widow control on, as each profile paginates its PDF', async () => {
    const styles = (await render()).part('word/styles.xml');
    const plain = openDocx(await renderDocx(EVERY_BLOCK_KIND, { profile: PLAIN })).part('word/styles.xml');

    expect(styleElement(styles, 'Heading1')).toContain('<w:keepNext/>');
    expect(attributeOf(styleElement(plain, 'Normal'), 'w:widowControl', 'w:val')).toBe('1');
  });

  it('sets quotes and dashes in the East Asian face (w:hint="eastAsia")', async () => {
    const normal = styleElement((await render()).part('word/styles.xml'), 'Normal');

    expect(attributeOf(normal, 'w:rFonts', 'w:hint')).toBe('eastAsia');
  });

  it('writes the given date and author and the language into the core properties, the same bytes for the same input', async () => {
    const timestamp = new Date('2024-03-05T06:07:08Z');
    const first = await renderDocx(EVERY_BLOCK_KIND, { profile: GBT9704, timestamp, author: '办公室 & 秘书科' });
    const again = await renderDocx(EVERY_BLOCK_KIND, { profile: GBT9704, timestamp, author: '办公室 & 秘书科' });

    const core = openDocx(first).part('docProps/core.xml');

    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2024-03-05T06:07:08Z</dcterms:created>');
    expect(core).toContain('<dc:creator>办公室 &amp; 秘书科</dc:creator>');
    expect(core).toContain('<dc:language>zh-CN</dc:language>');
    expect(Buffer.from(first).equals(Buffer.from(again))).toBe(true);
  });
});
