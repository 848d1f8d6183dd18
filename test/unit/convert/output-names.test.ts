import { describe, expect, it } from 'vitest';
import { GENERATOR, manifestListing, sourceStem, staleDocuments, type Manifest } from '../../../lib/convert.js';
import { outputFolder } from '../../../cli/inputs.js';

function manifestOf(...names: [string, string | null][]): Manifest {
  return {
    source: 'name.txt',
    generator: GENERATOR,
    profile: 'gbt9704',
    reports: names.map(([docx, pdf], i) => ({ index: i + 1, title: `t${i}`, docx, pdf }) as unknown as Manifest['reports'][number]),
    cleaning: { log: 'removals.json', removals: 0, charactersRemoved: 0, byFamily: {} },
    warnings: [],
  };
}

describe('output folder names', () => {
  it.each([
    ['a/b/name.txt', 'name'],
    ['name.TXT', 'name'],
    ['report.2024.txt', 'report.2024'],
    ['...txt', '__'],
    ['..txt', '_'],
    ['.txt', '_txt'],
    ['.notes.txt', '_notes'],
    ['dir\\..txt', '_'],
  ])('names the folder for %s as %s', (input, folder) => {
    // act / assert
    expect(sourceStem(input)).toBe(folder);
  });

  it('never gives `.`, `..`, an empty or a hidden folder name', () => {
    // prepare
    const names = ['.txt', '..txt', '...txt', '....txt', '.', '..', '', '.a.b.txt'];
    // act
    const stems = names.map(sourceStem);
    // assert
    expect(stems.filter((s) => s === '' || s.startsWith('.') || /[\\/]/.test(s))).toEqual([]);
  });

  it('refuses an output folder that would leave --out', () => {
    // act / assert
    expect(outputFolder('/tmp/x/out', 'name')).toBe('/tmp/x/out/name');
    expect(outputFolder('out', 'sub/name')).toBe('out/sub/name');
    expect(() => outputFolder('/tmp/x/out', '..')).toThrow(/not inside/);
    expect(() => outputFolder('/tmp/x/out', '.')).toThrow(/not inside/);
    expect(() => outputFolder('/tmp/x/out', 'sub/../../etc')).toThrow(/not inside/);
  });
});

describe('documents a re-conversion removes', () => {
  it('removes only documents the previous manifest listed and the new one does not', () => {
    // prepare
    const previous = manifestOf(['01-甲.docx', '01-甲.pdf'], ['02-乙.docx', '02-乙.pdf']);
    const next = manifestOf(['01-甲.docx', '01-甲.pdf']);
    // act
    const stale = staleDocuments(previous, next);
    // assert
    expect(stale).toEqual(['02-乙.docx', '02-乙.pdf']);
  });

  it('removes nothing without a previous manifest, whatever the folder holds', () => {
    // act / assert
    expect(staleDocuments(undefined, manifestOf(['01-甲.docx', '01-甲.pdf']))).toEqual([]);
  });

  it('never names a path outside the folder or a file of another shape, even if a manifest lists it', () => {
    // prepare: a tampered manifest
    const previous = manifestOf(['../99-contract.docx', '../../2024-budget.pdf'], ['notes.txt', null], ['sub/03-丙.pdf', '03-丙.docx']);
    // act
    const stale = staleDocuments(previous, manifestOf());
    // assert
    expect(stale).toEqual(['03-丙.docx']);
  });

  it('reads a previous manifest only when report-press wrote it', () => {
    // prepare
    const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
    // act / assert
    expect(manifestListing(encode(manifestOf(['01-甲.docx', '01-甲.pdf'])))?.reports).toHaveLength(1);
    expect(manifestListing(encode({ reports: [{ docx: '01-a.docx' }] }))).toBeUndefined();
    expect(manifestListing(new TextEncoder().encode('{"generator":"report-press","reports":[{"docx'))).toBeUndefined();
    expect(manifestListing(encode(null))).toBeUndefined();
  });
});
