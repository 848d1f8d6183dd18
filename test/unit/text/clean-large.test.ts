import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../lib/text/clean.js';
import { splitReports } from '../../../lib/text/split.js';
import { bracketFlood, longLine, paywallMarkers, tinyLines } from '../../../scripts/bench-cases.js';
import { restoreRemovals } from './restore-removals.js';

/**
 * The shapes `npm run bench` measures at 20 MB, here at 1 MB, with outputs known by construction:
 * the engine must give the same answer at scale as on a sentence.
 */
const MB = 1024 * 1024;

/** `unit` repeated to about `bytes` of UTF-8. */
const repeatTo = (unit: string, bytes: number) => unit.repeat(Math.floor(bytes / Buffer.byteLength(unit)));

describe('cleaning inputs of a megabyte and more', () => {
  it('leaves a flood of advert brackets that never close as it is', () => {
    const input = bracketFlood(MB).trimEnd();

    const result = cleanText(input);

    expect(result.text).toBe(input);
    expect(result.removals).toEqual([]);
  });

  it('cuts every closed advert glued to the prose of one long line, and logs each at its offset', () => {
    const prose = '推动高质量发展。';
    const advert = '*【更多素材搜索哒^#哒文库】';
    const input = repeatTo(prose + advert, MB);
    const count = input.length / (prose + advert).length;

    const { text, removals } = cleanText(input);

    expect(text).toBe(prose.repeat(count));
    expect(removals).toHaveLength(count);
    expect(removals.filter((r, i) => r.text !== advert || r.offset !== i * (prose + advert).length + prose.length)).toEqual([]);
  });

  it('keeps a megabyte of prose without a single line break as one paragraph', () => {
    const input = longLine(MB);

    const cleaned = cleanText(input);
    const reports = splitReports(cleaned.text);

    expect(cleaned.removals).toEqual([]);
    expect(reports.flatMap((report) => report.blocks.map((block) => block.text))).toEqual([input]);
  });

  it('keeps hundreds of thousands of one-character lines as they are', () => {
    const input = tinyLines(MB).trimEnd();

    const result = cleanText(input);

    expect(input.split('\n').length).toBeGreaterThan(200_000);
    expect(result.text).toBe(input);
    expect(result.removals).toEqual([]);
  });

  it('re-joins a hard-wrapped megabyte into its paragraphs, without their indentation', () => {
    const sentences = ['坚持以习近平新时代中国特色社会主义思想为指导，', '扎实推进党建促乡村振兴工作，', '着力在抓队伍建设上下功夫、求实效。'];
    const paragraphs = Array.from({ length: 4_000 }, (_, i) => `第${i + 1}项。${sentences.slice(0, 1 + (i % 3)).join('')}${sentences[2]}`);
    const wrapped = paragraphs.map((paragraph) => {
      const indented = `\u3000\u3000${paragraph}`;
      const lines: string[] = [];
      for (let i = 0; i < indented.length; i += 28) lines.push(indented.slice(i, i + 28));
      return lines.join('\n');
    });

    const result = cleanText(wrapped.join('\n'));

    expect(result.text).toBe(paragraphs.join('\n'));
  });

  it('cuts a file of nothing but paywall markers down to nothing, and logs every character', () => {
    const input = paywallMarkers(MB);

    const { text, removals } = cleanText(input);

    expect(text).toBe('');
    expect(restoreRemovals(text, removals)).toBe(input);
  });
});
