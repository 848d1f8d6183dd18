import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeJsonBytes } from '../../../lib/json-bytes.js';

/** Every value is written in pieces here, as a large one would be: small ones take the one-string path. */
const inPieces = { oneStringLimit: 0 };

/** What encodeJsonBytes must equal: the JSON text as one string, then encoded. */
const reference = (value: unknown, suffix = '') => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}${suffix}`);

/**
 * Bytes compared as their text: strict UTF-8 decoding is one-to-one, so equal texts mean equal
 * bytes, and a failure shows a readable diff (element-wise equality of large arrays shows none).
 */
const strict = new TextDecoder('utf-8', { fatal: true });
const text = (bytes: Uint8Array) => strict.decode(bytes);

describe('JSON as bytes', () => {
  it('writes a removal log of more entries than one slice exactly as JSON.stringify with two-space indentation', () => {
    const removals = Array.from({ length: 2_100 }, (_, i) => ({
      ruleId: 'bracketed-advert/search-tag',
      family: 'bracketed-advert',
      line: i + 1,
      column: 3,
      offset: i * 17,
      text: i % 7 === 0 ? '【更多素材搜索文库】' : '##paidend##',
    }));
    const log = { source: '报告.txt', removals };

    expect(text(encodeJsonBytes(log, '\n', inPieces))).toBe(text(reference(log, '\n')));
  });

  it('writes long arrays nested inside objects inside arrays at the right depth', () => {
    const report = { title: '述职报告', blocks: Array.from({ length: 1_100 }, (_, i) => ({ kind: 'paragraph', text: `第${i}段`, runIn: i % 2 ? { level: 2, length: 3 } : undefined })) };
    const value = [{ report, empty: [], none: {}, list: [[1, [2, []]], {}] }];

    expect(text(encodeJsonBytes(value, '', inPieces))).toBe(text(reference(value)));
  });

  it('leaves out what JSON.stringify leaves out and uses toJSON where it does', () => {
    const value = { skip: undefined, fn: () => 1, keep: [undefined, () => 1, Symbol('s')], when: new Date(0), boxed: [new String('字'), new Number(3)] };

    expect(text(encodeJsonBytes(value, '', inPieces))).toBe(text(reference(value)));
  });

  it('encodes characters outside the BMP and lone surrogates as TextEncoder would', () => {
    const value = { text: '𠮷\ud800x\udc00', key: ['喆', '\u2028'] };

    expect(text(encodeJsonBytes(value, '', inPieces))).toBe(text(reference(value)));
  });

  it('writes a value larger than the one-string limit in pieces, to the same bytes', () => {
    const blocks = Array.from({ length: 30_000 }, (_, i) => ({ kind: 'paragraph', text: `第${i}段：坚持以习近平新时代中国特色社会主义思想为指导。` }));
    const item = { inputKey: 'a/b.txt', report: { title: '汇编', blocks } };

    expect(text(encodeJsonBytes(item, '\n'))).toBe(text(reference(item, '\n')));
  });

  it('gives the same bytes as JSON.stringify for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (value, suffix) => {
        expect(text(encodeJsonBytes(value, suffix, inPieces))).toBe(text(reference(value, suffix)));
      }),
      { numRuns: 300 },
    );
  });
});
