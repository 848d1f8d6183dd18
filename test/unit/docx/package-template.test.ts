import { describe, expect, it } from 'vitest';
import type { Report } from '../../../lib/model/report.js';
import { renderDocx, renderDocxInFull } from '../../../lib/render/docx/render-docx.js';
import { escapeXmlValue, xmlableToString } from '../../../lib/render/docx/xmlable-string.js';
import { GBT9704, PLAIN, type StyleProfile } from '../../../lib/render/style.js';
import { ATTRIBUTED, EVERY_BLOCK_KIND, goldReports } from './sample-reports.js';

/** What a full docx compile of the report's own document packs to. */
const fullCompile = (report: Report, profile: StyleProfile): Buffer => Buffer.from(renderDocxInFull(report, { profile }));

const AWKWARD: Report = {
  title: 'A&B <公司> "年度" \'述职\' 报告\u0001',
  blocks: [
    { kind: 'heading', level: 1, text: '一、R&D <投入>' },
    { kind: 'paragraph', text: '  前后有空格 {default-numbering-1} ]]> 与 \u000b 控制字符  ' },
  ],
};

describe('the compiled-once DOCX package template', () => {
  it.each([
    ['GB/T 9704', GBT9704],
    ['plain', PLAIN],
  ])('packs every sample report to the same bytes as a full docx compile (%s profile)', async (_name, profile) => {
    // prepare
    const reports = [EVERY_BLOCK_KIND, AWKWARD, ATTRIBUTED, ...goldReports()];
    // act
    const fromTemplate = await Promise.all(reports.map(async (report) => Buffer.from(await renderDocx(report, { profile }))));
    // assert
    expect(fromTemplate.map((bytes, i) => bytes.equals(fullCompile(reports[i]!, profile)))).toEqual(reports.map(() => true));
  });

  it('gives a report the same bytes whichever report was rendered before it', async () => {
    // prepare
    const [first, second] = goldReports();
    const alone = Buffer.from(await renderDocx(second!, { profile: GBT9704 }));
    // act
    await renderDocx(first!, { profile: GBT9704 });
    const after = Buffer.from(await renderDocx(second!, { profile: GBT9704 }));
    // assert
    expect(after.equals(alone)).toBe(true);
  });
});

describe('the docx-compatible XML writer', () => {
  it('escapes markup and drops characters XML cannot hold', () => {
    expect(escapeXmlValue('a&b<c>"d"\'e\'\u0001\u000b\tf')).toBe('a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;\tf');
  });

  it('writes text content, attributes, empty arrays and attribute-only elements as docx does', () => {
    // prepare
    const element = {
      'w:p': [
        { 'w:pPr': [{ 'w:pStyle': { _attr: { 'w:val': 'Normal' } } }] },
        { 'w:r': [{ 'w:t': [{ _attr: { 'xml:space': 'preserve' } }, '甲 & 乙'] }] },
        { 'w:empty': [] },
      ],
    };
    // act
    const xml = xmlableToString(element);
    // assert
    expect(xml).toBe(
      '<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:t xml:space="preserve">甲 &amp; 乙</w:t></w:r><w:empty></w:empty></w:p>',
    );
  });
});
