import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNoLineEnd, isNoLineStart } from '../../../lib/render/layout/kinsoku.js';
import { breakParagraph, type BrokenLine, type LineBreakOptions, type TextSpan } from '../../../lib/render/layout/line-break.js';
import { gridSpacing } from '../../../lib/render/layout/page-geometry.js';
import { segmentUnits } from '../../../lib/render/layout/text-units.js';
import type { RunFace } from '../../../lib/render/layout/types.js';
import { charPitchPt, GBT9704, mmToPt, PLAIN, textWidthPt, type StyleProfile } from '../../../lib/render/style.js';
import { fakeMeasure, fakeWidth } from './fake-measure.js';

const FANG: RunFace = { role: 'fang', sizePt: 16, bold: false };
const KAI: RunFace = { role: 'kai', sizePt: 16, bold: false };

function optionsFor(profile: StyleProfile, overrides: Partial<LineBreakOptions> = {}): LineBreakOptions {
  return {
    measure: fakeMeasure,
    leftPt: mmToPt(profile.page.marginMm.left),
    widthPt: textWidthPt(profile),
    firstLineIndentPt: 2 * charPitchPt(profile),
    align: 'justify',
    baseSpacing: gridSpacing(profile, fakeMeasure),
    ...overrides,
  };
}

const GB = optionsFor(GBT9704);
const lineText = (line: BrokenLine): string => line.map((run) => run.text).join('');
const glyphCount = (text: string): number => Array.from(text).length;
/** Right edge of the last glyph of a line: the drawer's Tc and offsets after the last glyph do not count. */
function rightEdge(line: BrokenLine): number {
  const last = line.at(-1);
  if (!last) return Number.NaN;
  const adjustments = (last.adjustments ?? []).slice(0, -1).reduce((sum, a) => sum + a, 0);
  return last.x + fakeMeasure(last.text, last) + (glyphCount(last.text) - 1) * last.charSpacing + adjustments;
}
const body = (text: string): TextSpan[] => [{ text, face: FANG }];
const ideographs = (count: number, from = 0x4e00): string =>
  Array.from({ length: count }, (_, i) => String.fromCodePoint(from + ((i * 7) % 500))).join('');

/** Realistic Chinese prose: clauses of ideographs, numbers, words, quotes and brackets, ending in punctuation. */
const prose = fc
  .array(
    fc.record({
      words: fc.array(
        fc.oneof(
          { weight: 8, arbitrary: fc.integer({ min: 0x4e00, max: 0x4fff }).map((code) => String.fromCodePoint(code)) },
          // Guangdong-Hong-Kong-Macao: a word over a third of a line, which once went down split.
          { weight: 1, arbitrary: fc.constantFrom('2023', '3.5%', '1,234', '100%', 'GDP', 'e-mail', 'Guangdong-Hong-Kong-Macao', '——', '……') },
        ),
        { minLength: 1, maxLength: 14 },
      ),
      wrap: fc.constantFrom(['', ''], ['“', '”'], ['（', '）'], ['《', '》'], ['【', '】']),
      end: fc.constantFrom('，', '。', '、', '；', '：', '？', '！', '……', '”。', '）。'),
    }),
    { minLength: 1, maxLength: 30 },
  )
  .map((clauses) => clauses.map(({ words, wrap, end }) => `${wrap[0]}${words.join('')}${wrap[1]}${end}`).join(''))
  // Words joined in a row can outgrow what the docs promise to keep whole: a unit that, with a
  // character before it and the up to 4 ems of marks kinsoku keeps on it (`“…””。`), fits the
  // 26 ems of an indented first line. Longer ones have tests of their own below.
  .filter((text) => segmentUnits(text).every((unit) => fakeWidth(unit, FANG.sizePt) <= 20 * FANG.sizePt));

describe('breakParagraph on the GB/T 9704 grid', () => {
  it('sets 26 characters on an indented first line and 28 on every other full line', () => {
    const lines = breakParagraph(body(ideographs(100)), GB);

    expect(lines.map((line) => glyphCount(lineText(line)))).toEqual([26, 28, 28, 18]);
  });

  it('indents the first line by two character pitches and starts the others at the margin', () => {
    const lines = breakParagraph(body(ideographs(60)), GB);

    expect(lines[0]?.[0]?.x).toBeCloseTo(GB.leftPt + 2 * charPitchPt(GBT9704), 6);
    expect(lines[1]?.[0]?.x).toBeCloseTo(GB.leftPt, 6);
  });

  it('justifies every line but the last so that its last glyph ends on the right margin', () => {
    const lines = breakParagraph(body(`${ideographs(40)}，${ideographs(20)}“${ideographs(30)}”。2023年增长3.5%。`), GB);

    for (const line of lines.slice(0, -1)) expect(Math.abs(rightEdge(line) - (GB.leftPt + GB.widthPt))).toBeLessThan(0.01);
  });

  it('leaves the last line flush left at the grid pitch', () => {
    const lines = breakParagraph(body(ideographs(40)), GB);
    const last = lines.at(-1)?.[0];

    expect(last?.x).toBeCloseTo(GB.leftPt, 6);
    expect((last?.charSpacing ?? 0) + 16).toBeCloseTo(charPitchPt(GBT9704), 6);
    expect(rightEdge(lines.at(-1) ?? [])).toBeLessThan(GB.leftPt + GB.widthPt - 16);
  });

  it('moves the character before a closing quote down rather than start a line with the quote, spreading the short line', () => {
    const text = `${ideographs(26)}”${ideographs(10)}`;

    const lines = breakParagraph(body(text), GB);

    expect(glyphCount(lineText(lines[0] ?? []))).toBe(25);
    expect(lineText(lines[1] ?? []).slice(1, 2)).toBe('”');
    expect(lines[0]?.[0]?.charSpacing).toBeGreaterThan(0);
    expect(Math.abs(rightEdge(lines[0] ?? []) - (GB.leftPt + GB.widthPt))).toBeLessThan(0.01);
  });

  it('moves the character before a comma down too: no mark hangs past the margin', () => {
    const text = `${ideographs(26)}，${ideographs(10)}`;

    const lines = breakParagraph(body(text), GB);

    expect(glyphCount(lineText(lines[0] ?? []))).toBe(25);
    expect(lineText(lines[1] ?? []).slice(1, 2)).toBe('，');
    expect(Math.abs(rightEdge(lines[0] ?? []) - (GB.leftPt + GB.widthPt))).toBeLessThan(0.01);
  });

  it('does not end a line with an opening quote: the quote goes down with its word', () => {
    const text = `${ideographs(25)}“${ideographs(10)}”`;

    const lines = breakParagraph(body(text), GB);

    expect(lineText(lines[0] ?? [])).toBe(ideographs(25));
    expect(lineText(lines[1] ?? []).startsWith('“')).toBe(true);
  });

  it('keeps a number, a Latin word, a dash and an ellipsis whole when they reach the margin', () => {
    for (const token of ['2023.12', '98.5%', 'Shanghai', '——', '……']) {
      const text = `${ideographs(25)}${token}${ideographs(10)}`;

      const lines = breakParagraph(body(text), GB);

      expect(lines.some((line) => lineText(line).includes(token))).toBe(true);
    }
  });

  it('takes a number or Latin word a third of a line long down whole rather than split it where a mark may not start a line', () => {
    // Found by the property below: the word went down less its last digit, which took the comma with it.
    const word = 'e-maile-mail20232023';
    const text = `“一2023一2023”，一一一一一一一${word}，一，`;

    const lines = breakParagraph(body(text), GB);

    expect(lines.map(lineText)).toEqual(['“一2023一2023”，一一一一一一一', `${word}，一，`]);
    expect(Math.abs(rightEdge(lines[0]!) - (GB.leftPt + GB.widthPt))).toBeLessThan(0.01);
  });

  it('takes a long word that reaches the margin down whole and spreads the line above it', () => {
    const word = 'Guangdong-Hong-Kong-Macao';
    const before = ideographs(26 + 20);
    const after = ideographs(10, 0x5000);

    const lines = breakParagraph(body(`${before}${word}${after}。`), GB);

    expect(lines.map(lineText)).toEqual([before.slice(0, 26), before.slice(26), `${word}${after}。`]);
    expect(Math.abs(rightEdge(lines[1]!) - (GB.leftPt + GB.widthPt))).toBeLessThan(0.01);
  });

  it('takes an opening quote down with the long word after it', () => {
    const word = 'e-maile-mail20232023';
    const before = ideographs(24);
    const after = ideographs(10, 0x5000);

    const lines = breakParagraph(body(`${before}“${word}”${after}。`), GB);

    expect(lines.map(lineText)).toEqual([before, `“${word}”${after}。`]);
  });

  it('never starts a line with closing punctuation, never ends one with an opening mark, never splits a unit', () => {
    fc.assert(
      fc.property(prose, (text) => {
        const lines = breakParagraph(body(text), GB);
        const texts = lines.map(lineText);

        expect(texts.join('')).toBe(text);
        const unitEnds = new Set<number>();
        let offset = 0;
        for (const unit of segmentUnits(text)) unitEnds.add((offset += unit.length));
        offset = 0;
        texts.forEach((line, i) => {
          const chars = Array.from(line);
          if (i > 0) expect(isNoLineStart(chars[0] ?? '')).toBe(false);
          if (i < texts.length - 1) {
            expect(isNoLineEnd(chars.at(-1) ?? '')).toBe(false);
            expect(unitEnds.has((offset += line.length))).toBe(true);
            expect(Math.abs(rightEdge(lines[i] ?? []) - (GB.leftPt + GB.widthPt))).toBeLessThan(0.01);
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('breakParagraph with two faces (run-in heading)', () => {
  it('sets the heading and its sentence as two runs on one line with the same spacing, end to end', () => {
    const spans: TextSpan[] = [
      { text: '（一）强化理论武装。', face: KAI },
      { text: ideographs(60), face: FANG },
    ];

    const [first] = breakParagraph(spans, GB);
    const [heading, sentence] = first ?? [];

    expect(first).toHaveLength(2);
    expect(heading).toMatchObject({ role: 'kai', text: '（一）强化理论武装。' });
    expect(sentence?.role).toBe('fang');
    expect(sentence?.charSpacing).toBeCloseTo(heading?.charSpacing ?? Number.NaN, 9);
    const headingAdvance = fakeMeasure(heading?.text ?? '', KAI) + 10 * (heading?.charSpacing ?? 0);
    expect(sentence?.x).toBeCloseTo((heading?.x ?? 0) + headingAdvance, 6);
    expect(Math.abs(rightEdge(first ?? []) - (GB.leftPt + GB.widthPt))).toBeLessThan(0.01);
  });
});

describe('breakParagraph without a grid (plain profile)', () => {
  const PLAIN_OPTIONS = optionsFor(PLAIN);

  it('advances each character by its measured width, so a 12 pt line holds as many whole characters as fit', () => {
    const perLine = Math.floor(textWidthPt(PLAIN) / 12);

    const lines = breakParagraph([{ text: ideographs(200), face: { role: 'song', sizePt: 12, bold: false } }], PLAIN_OPTIONS);

    expect(glyphCount(lineText(lines[0] ?? []))).toBe(perLine - 2);
    expect(glyphCount(lineText(lines[1] ?? []))).toBe(perLine);
    expect(lines.at(-1)?.[0]?.charSpacing).toBe(0);
    expect(Math.abs(rightEdge(lines[1] ?? []) - (PLAIN_OPTIONS.leftPt + PLAIN_OPTIONS.widthPt))).toBeLessThan(0.01);
  });
});

describe('breakParagraph edge cases', () => {
  it('centres lines of a centred paragraph', () => {
    const [line] = breakParagraph(body('个人述职报告'), { ...GB, align: 'center', firstLineIndentPt: 0, baseSpacing: () => 0 });

    expect(line?.[0]?.x).toBeCloseTo(GB.leftPt + (GB.widthPt - 6 * 16) / 2, 6);
  });

  it('swallows the white space at a break between Latin words', () => {
    const words = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');

    const lines = breakParagraph(body(words), GB);

    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(lineText(line)).toBe(lineText(line).trim());
    expect(lines.map(lineText).join(' ')).toBe(words);
  });

  it('sets a URL too long for the line character by character instead of leaving a gap', () => {
    const url = `https://example.com/${'a'.repeat(80)}`;

    const lines = breakParagraph(body(`参见${url}。`), GB);

    expect(lines.map(lineText).join('')).toBe(`参见${url}。`);
    expect(glyphCount(lineText(lines[0] ?? []))).toBeGreaterThan(40);
  });

  it('splits a word shorter than a line when it and the marks that may not leave it are longer than one', () => {
    // 54 characters fit a line, and with the opening quote still do; the closing quote does not.
    const url = 'www.gov.cn/zhengce/zhengceku/202312/content_692012.htm';
    const before = ideographs(20);

    const lines = breakParagraph(body(`${before}“${url}”。`), GB);

    expect(lines.map(lineText)).toEqual([before, `“${url.slice(0, -2)}`, `${url.slice(-2)}”。`]);
    expect(Math.abs(rightEdge(lines[1]!) - (GB.leftPt + GB.widthPt))).toBeLessThan(0.01);
  });

  it('keeps a word that fits a line whole even when one character is left on the line above, flush left', () => {
    const url = 'www.gov.cn/zhengce/zhengceku/202312/content_6920123.htm';
    const before = ideographs(27);
    const after = ideographs(5, 0x5000);

    const lines = breakParagraph(body(`${before}${url}${after}。`), GB);

    expect(lines.map(lineText)).toEqual([before.slice(0, 26), before.slice(26), url, `${after}。`]);
    expect(lines[1]![0]!.x).toBeCloseTo(GB.leftPt, 6);
    expect(lines[1]![0]!.charSpacing).toBeCloseTo(GB.baseSpacing(FANG), 9);
  });

  it('gives an empty paragraph one empty line', () => {
    expect(breakParagraph(body(''), GB)).toEqual([[]]);
  });
});

describe('a paragraph’s last line (段末孤字)', () => {
  it('never holds one character and its mark: the line above gives it one more character, spread by under 1/26 em a gap', () => {
    // 26 on the indented first line, 28 on the second, then one character and a full stop.
    const text = `${ideographs(26 + 28 + 1)}。`;

    const lines = breakParagraph(body(text), GB);

    expect(lines.map((line) => glyphCount(lineText(line)))).toEqual([26, 27, 3]);
    expect(lines.map(lineText).join('')).toBe(text);
    expect(rightEdge(lines[1]!)).toBeCloseTo(GB.leftPt + GB.widthPt, 6);
    expect(lines[1]![0]!.charSpacing - GB.baseSpacing(FANG)).toBeLessThan(16 / 26);
  });

  it('takes a whole number down with the character when that is the nearest legal break', () => {
    const text = `${ideographs(26 + 24)}增2024年。`;

    const lines = breakParagraph(body(text), GB);

    expect(lineText(lines.at(-1)!)).toBe('2024年。');
  });

  it('leaves a centred or right-aligned paragraph as it breaks, and a one-line paragraph alone', () => {
    const text = `${ideographs(28 + 1)}。`;

    const centred = breakParagraph(body(text), { ...GB, firstLineIndentPt: 0, align: 'center' });
    const short = breakParagraph(body('好。'), GB);

    expect(centred.map((line) => glyphCount(lineText(line)))).toEqual([28, 2]);
    expect(short.map(lineText)).toEqual(['好。']);
  });
});
