import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TextEncoding } from '../../lib/text/decode.js';
import { encode, randomBytes, seedTexts, traditionalText } from '../unit/text/decode-helpers.js';

// The built command, run as a user runs it (`npm test` builds it first).
const CLI = join(process.cwd(), 'bin', 'report-press.js');
const GOLD = join(process.cwd(), 'test', 'fixtures', 'gold');

interface ManifestJson {
  reports: { title: string; docx: string; pdf: string }[];
}

let work: string;

function run(...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
}

function documentsUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(docx|pdf)$/.test(f));
}

function manifestOf(folder: string): ManifestJson {
  return JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as ManifestJson;
}

/** The text of a DOCX's paragraphs, from word/document.xml. */
function docxText(file: string): string {
  const xml = strFromU8(unzipSync(readFileSync(file))['word/document.xml']!);
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'report-press-encodings-'));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('report-press convert, given bytes that are not a Chinese text', () => {
  it.each([
    ['random.txt', randomBytes(1, 200_000, 1, 255), /the file does not look like text \(\d+% of its characters are control, private-use or replacement characters\)/],
    ['hashes.txt', new Uint8Array(200_000).fill(0x23), /the file does not look like text \(none of its characters are letters or digits\)/],
  ])('refuses %s (200 KB, no NUL byte) with one line naming the file and the reason, and writes no documents', (name, bytes, reason) => {
    // prepare
    const input = join(work, name);
    writeFileSync(input, bytes);
    const out = join(work, `out-${name}`);
    // act
    const result = run('convert', input, '--out', out);
    // assert
    expect(result.status).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(input);
    expect(lines[0]).toMatch(reason);
    expect(lines[0]).toMatch(/upload the report as a plain \.txt file$/);
    expect(documentsUnder(out)).toEqual([]);
  });

  it('still converts a GB18030 input given in the same call as random bytes', () => {
    // prepare
    const noise = join(work, 'noise.txt');
    writeFileSync(noise, randomBytes(2, 200_000, 1, 255));
    const seed = seedTexts()[0]!;
    const gb = join(work, 'seed-gb18030.txt');
    writeFileSync(gb, encode(seed.text, TextEncoding.Gb18030));
    const out = join(work, 'out-together');
    // act
    const result = run('convert', noise, gb, '--out', out);
    // assert
    expect(result.status).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    const gold = JSON.parse(readFileSync(join(GOLD, seed.name.replace(/\.txt$/, '.json')), 'utf8')) as { reports: { title: string }[] };
    expect(manifestOf(join(out, 'seed-gb18030')).reports.map((r) => r.title)).toEqual(gold.reports.map((r) => r.title));
    expect(documentsUnder(join(out, 'noise'))).toEqual([]);
  });
});

describe('report-press convert, given a Big5 file', () => {
  it('keeps the traditional characters: title, file names and text are those of the same text in UTF-8', () => {
    // prepare
    const text = traditionalText();
    writeFileSync(join(work, 'traditional-big5.txt'), encode(text, TextEncoding.Big5));
    writeFileSync(join(work, 'traditional-utf8.txt'), text);
    const out = join(work, 'out-big5');
    // act
    const result = run('convert', join(work, 'traditional-big5.txt'), join(work, 'traditional-utf8.txt'), '--out', out);
    // assert
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const big5 = manifestOf(join(out, 'traditional-big5'));
    const utf8 = manifestOf(join(out, 'traditional-utf8'));
    expect(big5.reports.map((r) => [r.title, r.docx, r.pdf])).toEqual(utf8.reports.map((r) => [r.title, r.docx, r.pdf]));
    big5.reports.forEach((report, i) => {
      expect(docxText(join(out, 'traditional-big5', report.docx))).toBe(docxText(join(out, 'traditional-utf8', utf8.reports[i]!.docx)));
    });
  });

  it('puts a title of traditional characters in the manifest, one for one with the simplified gold title', () => {
    // prepare: the fixture is seed 000 in traditional characters
    const gold = JSON.parse(readFileSync(join(GOLD, '000_51d4175613d3e64f.json'), 'utf8')) as { reports: { title: string }[] };
    const simplified = gold.reports[0]!.title;
    const input = join(work, 'title-big5.txt');
    writeFileSync(input, encode(traditionalText(), TextEncoding.Big5));
    // act
    const result = run('convert', input, '--out', join(work, 'out-title'));
    // assert
    expect(result.status).toBe(0);
    const title = manifestOf(join(work, 'out-title', 'title-big5')).reports[0]!.title;
    expect([...title]).toHaveLength([...simplified].length);
    expect(title).not.toBe(simplified);
    expect(traditionalText()).toContain(title);
    expect(title).not.toMatch(/[\ue000-\uf8ff\ufffd]/);
  });
});

describe('report-press convert, given a French text in ISO-8859-1', () => {
  it('converts it as it converts the same text in UTF-8: the same titles, file names and document text', () => {
    // prepare
    const text =
      'Le café est prêt à être servi, élève, garçon.\n' +
      "J'ai reçu ta lettre où tu décris ta journée à la plage ; l'été était très chaud et « la mer, déjà tiède ».\n" +
      'Noël approche : les enfants sont impatients, et même les élèves les plus sérieux rêvent déjà des fêtes.\n';
    writeFileSync(join(work, 'french-latin1.txt'), Buffer.from(text, 'latin1'));
    writeFileSync(join(work, 'french-utf8.txt'), text);
    const out = join(work, 'out-latin1');
    // act
    const result = run('convert', join(work, 'french-latin1.txt'), join(work, 'french-utf8.txt'), '--out', out);
    // assert
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const latin1 = manifestOf(join(out, 'french-latin1'));
    const utf8 = manifestOf(join(out, 'french-utf8'));
    expect(latin1.reports.map((r) => [r.title, r.docx, r.pdf])).toEqual(utf8.reports.map((r) => [r.title, r.docx, r.pdf]));
    expect(latin1.reports[0]!.title).toBe('Le café est prêt à être servi, élève, garçon.');
    latin1.reports.forEach((report, i) => {
      expect(docxText(join(out, 'french-latin1', report.docx))).toBe(docxText(join(out, 'french-utf8', utf8.reports[i]!.docx)));
    });
  });
});
