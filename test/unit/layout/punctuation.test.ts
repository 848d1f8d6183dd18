import { describe, expect, it } from 'vitest';
import { breakParagraph, type BrokenLine, type LineBreakOptions } from '../../../lib/render/layout/line-break.js';
import { gridSpacing } from '../../../lib/render/layout/page-geometry.js';
import { autoSpaceBetween, punctuationClass, squeezedInPair } from '../../../lib/render/layout/punctuation.js';
import type { RunFace } from '../../../lib/render/layout/types.js';
import { charPitchPt, GBT9704, mmToPt, textWidthPt } from '../../../lib/render/style.js';
import { fakeMeasure } from './fake-measure.js';

const FANG: RunFace = { role: 'fang', sizePt: 16, bold: false };
const GB: LineBreakOptions = {
  measure: fakeMeasure,
  leftPt: mmToPt(GBT9704.page.marginMm.left),
  widthPt: textWidthPt(GBT9704),
  firstLineIndentPt: 2 * charPitchPt(GBT9704),
  align: 'justify',
  baseSpacing: gridSpacing(GBT9704, fakeMeasure),
};
const han = (count: number): string => '国'.repeat(count);
const text = (line: BrokenLine): string => line.map((run) => run.text).join('');
/** Advance after each character of a line beyond its run's Tc, in ems of 三号. */
const squeezes = (line: BrokenLine): number[] => line.flatMap((run) => run.adjustments?.map((a) => a / 16) ?? Array.from(run.text, () => 0));

describe('punctuation compression (标点挤压)', () => {
  it('classes the marks by where their ink sits in a Simplified Chinese face', () => {
    expect(['“', '（', '”', '）', '，', '。', '？', '国'].map(punctuationClass)).toEqual([
      'opening', 'opening', 'closing', 'closing', 'stop', 'stop', 'fixed', undefined,
    ]);
  });

  it('squeezes one blank half of each adjacent pair of marks', () => {
    expect(squeezedInPair('”', '；')).toBe('before');
    expect(squeezedInPair('；', '“')).toBe('after');
    expect(squeezedInPair('）', '（')).toBe('after');
    expect(squeezedInPair('。', '”')).toBe('before');
    expect(squeezedInPair('“', '”')).toBeUndefined();
    expect(squeezedInPair('国', '“')).toBeUndefined();
  });

  it('sets ”；“ in two ems instead of three, keeping a half-em between ； and “', () => {
    const [line] = breakParagraph([{ text: `${han(3)}”；“${han(3)}`, face: FANG }], { ...GB, firstLineIndentPt: 0 });

    expect(squeezes(line ?? [])).toEqual([0, 0, 0, -0.5, -0.5, 0, 0, 0, 0]);
  });

  it('keeps a 点号 inside the line: a full stop that does not fit takes a character down with it', () => {
    const lines = breakParagraph([{ text: `${han(26)}${han(28)}。${han(5)}`, face: FANG }], GB);

    expect(Array.from(text(lines[1] ?? [])).length).toBe(27);
    expect(text(lines[2] ?? []).slice(0, 2)).toBe('国。');
  });

  it('does the same for a closing quote', () => {
    const lines = breakParagraph([{ text: `${han(26)}${han(28)}”${han(5)}`, face: FANG }], GB);

    expect(Array.from(text(lines[1] ?? [])).length).toBe(27);
    expect(text(lines[2] ?? []).slice(1, 2)).toBe('”');
  });

  it('leaves a line whose comma fits at full width unsqueezed', () => {
    const lines = breakParagraph([{ text: `${han(26)}${han(26)}，${han(5)}`, face: FANG }], GB);

    expect(text(lines[1] ?? [])).toBe(`${han(26)}，国`);
    expect(squeezes(lines[1] ?? []).every((s) => s === 0)).toBe(true);
  });
});

describe('the automatic space between Chinese and Latin letters or digits', () => {
  it('goes between a Chinese character and a Latin letter or digit, either way round', () => {
    expect([autoSpaceBetween('实', '30'), autoSpaceBetween('30', '项'), autoSpaceBetween('的', 'GDP'), autoSpaceBetween('e-mail', '等')]).toEqual([true, true, true, true]);
  });

  it('never goes next to punctuation, nor between two Chinese characters or two Latin words', () => {
    expect([autoSpaceBetween('“', '8+'), autoSpaceBetween('98.6%', '以'), autoSpaceBetween('*', '公'), autoSpaceBetween('，', '68'), autoSpaceBetween('国', '家'), autoSpaceBetween('A', 'B')]).toEqual([
      false, false, false, false, false, false,
    ]);
  });

  it('adds a fifth of an em after 实 and after 30 in 落实30项, and none at the end of the line', () => {
    const [line] = breakParagraph([{ text: '落实30项', face: FANG }], { ...GB, firstLineIndentPt: 0 });

    expect(squeezes(line ?? [])).toEqual([0, 0.2, 0, 0.2, 0]);
  });

  it('counts the space when it fills a line: 26 characters and 2023 take one character less', () => {
    const lines = breakParagraph([{ text: `2023${han(26)}`, face: FANG }], GB);

    expect(text(lines[0] ?? [])).toBe(`2023${han(23)}`);
  });
});
