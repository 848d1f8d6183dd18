import { describe, expect, it } from 'vitest';
import type { Report } from '../../../lib/model/report.js';
import { renderPdf } from '../../../lib/render/pdf/render-pdf.js';
import { GBT9704 } from '../../../lib/render/style.js';
import { vendoredFonts } from './font-library-fixture.js';
import { hasPdftotext, pageContents, pdftotext, readWithPdfJs } from './read-pdf.js';

const report: Report = {
  title: '标点挤压',
  blocks: [{ kind: 'paragraph', text: '机制“学深”。重点“悟透”；“做实”、“做细”。' }],
};

describe('a PDF with compressed punctuation', () => {
  it('draws squeezed clusters with TJ arrays and keeps the text whole for pdf.js', async () => {
    const { bytes } = await renderPdf(report, { profile: GBT9704, fonts: vendoredFonts() });

    const [content] = await pageContents(bytes);
    const { pageTexts } = await readWithPdfJs(bytes);

    expect(content).toMatch(/\] TJ/u);
    expect(pageTexts.flat().join('').replace(/\s+/gu, '')).toContain(report.blocks[0]!.text);
  });

  it.skipIf(!hasPdftotext)('reads back as one line in poppler: a squeezed mark’s box ends where the next character starts', async () => {
    const { bytes } = await renderPdf(report, { profile: GBT9704, fonts: vendoredFonts() });

    const lines = pdftotext(bytes).text.split('\n').map((line) => line.replace(/\s+/gu, '')).filter(Boolean);

    expect(lines).toContain(report.blocks[0]!.text);
  });
});
