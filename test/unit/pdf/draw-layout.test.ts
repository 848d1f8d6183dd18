import { describe, expect, it } from 'vitest';
import type { Layout, PositionedRun } from '../../../lib/render/layout/types.js';
import { drawLayout } from '../../../lib/render/pdf/draw-layout.js';
import { FontRole, GBT9704, mmToPt } from '../../../lib/render/style.js';
import { vendoredFonts } from './font-library-fixture.js';
import { pageContents, readWithPdfJs } from './read-pdf.js';

const PAGE_HEIGHT = mmToPt(GBT9704.page.heightMm);

function onePage(runs: readonly PositionedRun[], baselineY = 200): Layout {
  return { pages: [{ number: 1, lines: [{ baselineY, block: 1, runs }], bookmarks: [] }] };
}

/** x and y of every `1 0 0 1 x y Tm` in a content stream, in order. */
function textPositions(content: string): [number, number][] {
  return [...content.matchAll(/1 0 0 1 (-?[\d.]+) (-?[\d.]+) Tm/gu)].map((m) => [Number(m[1]), Number(m[2])]);
}

describe('drawLayout', () => {
  it('starts each stretch of a run where the previous one ends, character spacing included', async () => {
    const run: PositionedRun = { role: FontRole.Fang, sizePt: 16, bold: false, text: '张堃同志', x: 100, charSpacing: 0.5 };

    const { bytes } = await drawLayout(onePage([run]), { profile: GBT9704, fonts: vendoredFonts(), title: 't' });
    const [content] = await pageContents(bytes);

    // 张 (Fandol), 堃 (fallback), 同志 (Fandol): each full-width character advances 16 + 0.5.
    expect(textPositions(content!).slice(0, 3).map(([x]) => x)).toEqual([100, 116.5, 133]);
    expect(content).toMatch(/\n0\.5 Tc\n/u);
  });

  it('converts the top-down baseline to PDF space', async () => {
    const run: PositionedRun = { role: FontRole.Fang, sizePt: 16, bold: false, text: '国', x: 80, charSpacing: 0 };

    const { bytes } = await drawLayout(onePage([run], 150), { profile: GBT9704, fonts: vendoredFonts(), title: 't' });
    const [content] = await pageContents(bytes);

    expect(textPositions(content!)[0]![1]).toBeCloseTo(PAGE_HEIGHT - 150, 2);
  });

  it('puts odd page numbers towards the right and even ones towards the left', async () => {
    const run: PositionedRun = { role: FontRole.Fang, sizePt: 16, bold: false, text: '正文', x: 80, charSpacing: 0 };
    const layout: Layout = {
      pages: [1, 2].map((number) => ({ number, lines: [{ baselineY: 150, block: 1, runs: [run] }], bookmarks: [] })),
    };

    const { bytes } = await drawLayout(layout, { profile: GBT9704, fonts: vendoredFonts(), title: 't' });
    const [odd, even] = (await pageContents(bytes)).map((content) => textPositions(content).at(-1)![0]);

    const middle = mmToPt(GBT9704.page.widthMm) / 2;
    expect(odd).toBeGreaterThan(middle);
    expect(even).toBeLessThan(middle);
  });

  it('maps fallback characters back to their Unicode text', async () => {
    const run: PositionedRun = { role: FontRole.Kai, sizePt: 16, bold: false, text: '喆玥珺昇𠮷', x: 80, charSpacing: 0 };

    const { bytes } = await drawLayout(onePage([run]), { profile: GBT9704, fonts: vendoredFonts(), title: 't' });

    expect((await readWithPdfJs(bytes)).pageTexts[0]).toContain('喆玥珺昇𠮷');
  });

  it('draws a character no font has (a private-use code point) as a box, reports it and keeps it in the text', async () => {
    const run: PositionedRun = { role: FontRole.Fang, sizePt: 16, bold: false, text: '甲\ue000乙', x: 80, charSpacing: 0 };

    const { bytes, missing } = await drawLayout(onePage([run]), { profile: GBT9704, fonts: vendoredFonts(), title: 't' });

    expect(missing).toEqual(['\ue000']);
    expect((await readWithPdfJs(bytes)).pageTexts[0]?.join('')).toMatch(/^甲\ue000乙/u);
  });
});
