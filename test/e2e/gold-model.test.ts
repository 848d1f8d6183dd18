/**
 * Every seed input, decoded, cleaned and split, yields exactly the reports of its gold answer:
 * same count, same titles, same paragraph texts in order.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanStage, splitStage } from '../../lib/convert.js';
import type { Report } from '../../lib/model/report.js';
import { displayWidth } from '../../lib/text/hard-wrap.js';
import { normalisePunctuationWidth } from '../../lib/text/punctuation-width.js';

interface GoldReport {
  readonly title: string;
  readonly paragraphs: readonly string[];
}

const fixtures = join(import.meta.dirname, '..', 'fixtures');
const seeds = readdirSync(join(fixtures, 'seeds')).filter((name) => name.endsWith('.txt')).sort();

describe('the seed inputs reproduce their gold reports', () => {
  it('has seeds to check', () => {
    expect(seeds.length).toBeGreaterThan(0);
  });

  it.each(seeds)('%s splits into the gold reports with the gold paragraphs', (name) => {
    const bytes = readFileSync(join(fixtures, 'seeds', name));

    const { reports } = splitStage(cleanStage(bytes, name));

    expect(outline(reports)).toEqual(goldOf(name));
  });

  it.each(seeds)('%s splits with no warnings', (name) => {
    const bytes = readFileSync(join(fixtures, 'seeds', name));

    const { manifest } = splitStage(cleanStage(bytes, name));

    expect(manifest.warnings).toEqual([]);
  });

  it.each(seeds)('%s gives the same reports when saved as UTF-16 with a BOM and CRLF line endings', (name) => {
    const text = readFileSync(join(fixtures, 'seeds', name), 'utf8').replace(/\n/g, '\r\n');
    const bytes = new Uint8Array(Buffer.from(`\ufeff${text}`, 'utf16le'));

    const { reports } = splitStage(cleanStage(bytes, name));

    expect(outline(reports)).toEqual(goldOf(name));
  });

  it.each(seeds)('%s gives the same reports when copied out of a PDF: GB18030, hard-wrapped, indented, CRLF', (name) => {
    const text = readFileSync(join(fixtures, 'seeds', name), 'utf8');
    const bytes = encodeGb18030(asPdfCopy(text, WRAP_WIDTH).replace(/\n/g, '\r\n'));

    const { reports } = splitStage(cleanStage(bytes, name));

    expect(outline(reports)).toEqual(goldOf(name));
  });
});

/** Width of a line of the simulated PDF copy in half-width units: 38 Chinese characters. */
const WRAP_WIDTH = 76;

/**
 * What a copy out of a PDF looks like: paragraphs indented with two ideographic spaces and cut
 * into lines `width` half-width units wide (mid-word, mid-advert, mid-marker), with trailing spaces.
 */
function asPdfCopy(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((line) => {
      if (line.trim() === '') return [line];
      const indented = `\u3000\u3000${line}`;
      const pieces = [''];
      for (const char of indented) {
        if (pageWidth((pieces[pieces.length - 1] ?? '') + char) > width) pieces.push('');
        pieces[pieces.length - 1] += char;
      }
      return pieces.map((piece, k) => (k % 3 === 1 ? `${piece} ` : piece));
    })
    .join('\n');
}

/** Paywall markers are inserted by the site into the text; they take no room on the page. */
function pageWidth(line: string): number {
  return displayWidth(line.replace(/##paid(?:begin|end)##/g, ''));
}

let gb18030Table: Map<string, number[]> | undefined;

/**
 * A test-only GB18030 encoder for ASCII and the two-byte (GBK) range, built by decoding every
 * two-byte sequence once. Enough for the seeds; throws on anything else.
 */
function encodeGb18030(text: string): Uint8Array {
  if (!gb18030Table) {
    gb18030Table = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const char = decoder.decode(new Uint8Array([lead, trail]));
        if (char.length === 1 && char !== '\ufffd' && !gb18030Table.has(char)) gb18030Table.set(char, [lead, trail]);
      }
    }
  }
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = gb18030Table.get(char);
      if (!pair) throw new Error(`encodeGb18030: no two-byte code for U+${code.toString(16)}`);
      bytes.push(...pair);
    }
  }
  return new Uint8Array(bytes);
}

function goldOf(name: string): GoldReport[] {
  const gold = JSON.parse(readFileSync(join(fixtures, 'gold', name.replace(/\.txt$/, '.json')), 'utf8')) as {
    reports: GoldReport[];
  };
  // As cleaning leaves them: the half-width marks of Chinese text made full-width (`纪律,严禁` → `纪律，严禁`).
  return gold.reports.map((report) => ({ title: normalisePunctuationWidth(report.title), paragraphs: report.paragraphs.map(normalisePunctuationWidth) }));
}

function outline(reports: readonly Report[]): GoldReport[] {
  return reports.map((report) => ({ title: report.title, paragraphs: report.blocks.map((block) => block.text) }));
}
