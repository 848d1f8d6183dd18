import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PART_LINES } from '../../lib/model/report-parts.js';
import { normalisePunctuationWidth } from '../../lib/text/punctuation-width.js';

// These tests run the built command exactly as a user does (`npm test` builds it first).
const CLI = join(process.cwd(), 'bin', 'report-press.js');
const SEEDS = join(process.cwd(), 'test', 'fixtures', 'seeds');
const GOLD = join(process.cwd(), 'test', 'fixtures', 'gold');

interface Gold {
  reports: { title: string; paragraphs: string[] }[];
}

interface ManifestJson {
  source: string;
  reports: { index: number; title: string; docx: string; pdf: string | null; pages?: number; part?: { number: number; count: number; reportTitle: string } }[];
  warnings: { code: string; report?: number; text?: string }[];
  cleaning: { log: string; removals: number };
}

interface RemovalLogJson {
  source: string;
  removals: { ruleId: string; family: string; line: number; column: number; text: string }[];
}

interface ExplainJson {
  source: string;
  decisions: { line: number; stage: string; kind: string; rule: string; verdict?: string; why: string; text: string }[];
}

let work: string;

function run(...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
}

/** Paragraph texts of a DOCX, read back from word/document.xml. */
/** Paragraph texts as Word shows them: a style separator's paragraph (`w:specVanish`) runs on into the next. */
function docxParagraphs(file: string): string[] {
  const xml = strFromU8(unzipSync(readFileSync(file))['word/document.xml']!);
  const texts: string[] = [];
  let runOn = '';
  for (const [p] of xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)) {
    const own = [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');
    const text = runOn + own.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");
    runOn = /<w:specVanish\/><\/w:rPr><\/w:pPr>/.test(p) ? text : '';
    if (!runOn && text.trim() !== '') texts.push(text);
  }
  return texts;
}

function documentsUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(docx|pdf)$/.test(f));
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'report-press-cli-'));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('report-press convert', () => {
  const seeds = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();

  it('writes every fixture as documents whose text is exactly the gold reports, each PDF’s pages in the manifest', async () => {
    // prepare
    const out = join(work, 'gold');
    // act
    const result = run('convert', ...seeds.map((s) => join(SEEDS, s)), '--out', out);
    // assert
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    for (const seed of seeds) {
      const stem = seed.replace(/\.txt$/, '');
      const gold = JSON.parse(readFileSync(join(GOLD, `${stem}.json`), 'utf8')) as Gold;
      const manifest = JSON.parse(readFileSync(join(out, stem, 'manifest.json'), 'utf8')) as ManifestJson;
      expect(manifest.source).toBe(seed);
      expect(manifest.reports.map((r) => r.title)).toEqual(gold.reports.map((r) => normalisePunctuationWidth(r.title)));
      const log = JSON.parse(readFileSync(join(out, stem, manifest.cleaning.log), 'utf8')) as RemovalLogJson;
      expect(log.removals).toHaveLength(manifest.cleaning.removals);
      for (const removal of log.removals) {
        expect(removal).toMatchObject({ ruleId: expect.any(String), line: expect.any(Number), column: expect.any(Number), text: expect.any(String) });
      }
      for (const [i, entry] of manifest.reports.entries()) {
        const want = gold.reports[i]!;
        expect(entry.index).toBe(i + 1);
        expect(entry.docx).toMatch(new RegExp(`^${String(i + 1).padStart(2, '0')}-.+\\.docx$`));
        // As cleaning leaves the gold: the half-width marks of Chinese text made full-width.
        expect(docxParagraphs(join(out, stem, entry.docx))).toEqual([want.title, ...want.paragraphs].map(normalisePunctuationWidth));
        const pdf = readFileSync(join(out, stem, entry.pdf!));
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        expect(entry.pages).toBe((await PDFDocument.load(pdf)).getPageCount());
      }
    }
  });

  it('writes byte-identical documents when run twice on the same input', () => {
    // prepare
    const input = join(SEEDS, seeds[0]!);
    const [a, b] = [join(work, 'twice-a'), join(work, 'twice-b')];
    // act
    run('convert', input, '--out', a);
    run('convert', input, '--out', b);
    // assert
    const stem = seeds[0]!.replace(/\.txt$/, '');
    const files = readdirSync(join(a, stem));
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) expect(readFileSync(join(b, stem, file)).equals(readFileSync(join(a, stem, file)))).toBe(true);
  });

  it('dates both documents by the input file’s modification time, to the second, and writes the --author given', async () => {
    // prepare
    const input = join(work, 'dated.txt');
    copyFileSync(join(SEEDS, seeds[0]!), input);
    const mtime = new Date('2024-03-05T06:07:08.750Z');
    utimesSync(input, mtime, mtime);
    const out = join(work, 'dated-out');
    // act
    const result = run('convert', input, '--out', out, '--author', '县委办公室');
    // assert
    expect(result.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'dated', 'manifest.json'), 'utf8')) as ManifestJson;
    const core = strFromU8(unzipSync(readFileSync(join(out, 'dated', manifest.reports[0]!.docx)))['docProps/core.xml']!);
    const pdfBytes = readFileSync(join(out, 'dated', manifest.reports[0]!.pdf!));
    const pdf = await PDFDocument.load(pdfBytes, { updateMetadata: false });
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2024-03-05T06:07:08Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2024-03-05T06:07:08Z</dcterms:modified>');
    expect(core).toContain('<dc:creator>县委办公室</dc:creator>');
    expect([pdf.getCreationDate()?.toISOString(), pdf.getModificationDate()?.toISOString(), pdf.getAuthor()]).toEqual([
      '2024-03-05T06:07:08.000Z',
      '2024-03-05T06:07:08.000Z',
      '县委办公室',
    ]);
    // The XMP packet is stored uncompressed, as its specification recommends.
    expect(pdfBytes.toString('utf8')).toContain('<xmp:CreateDate>2024-03-05T06:07:08Z</xmp:CreateDate>');
  });

  it.each([
    ['empty.txt', Buffer.alloc(0), /empty/i],
    ['binary.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), /binary/i],
    ['only-adverts.txt', Buffer.from('##paidbegin##\n【公众号：某某君】，最新最全党建资料库\n##paidend##\n'), /nothing is left/i],
    ['undecodable.txt', Buffer.from([0xe4, 0xb8, 0x80, 0xff, 0xfe, 0xfd, 0x81, 0x20, 0x41]), /invalid byte sequence/i],
  ])('refuses %s with one plain line naming the file, and writes no documents', (name, bytes, reason) => {
    // prepare
    const input = join(work, name);
    writeFileSync(input, bytes);
    const out = join(work, `bad-${name}`);
    // act
    const result = run('convert', input, '--out', out);
    // assert
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(input);
    // The reason, not the file name (which may well contain the same word).
    expect(lines[0]?.slice((lines[0]?.indexOf(input) ?? 0) + input.length)).toMatch(reason);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(documentsUnder(out)).toEqual([]);
  });

  it('refuses an input over --max-size', () => {
    // prepare
    const input = join(work, 'large.txt');
    writeFileSync(input, '述职报告\n'.repeat(100_000));
    // act
    const result = run('convert', input, '--out', join(work, 'large-out'), '--max-size', '0.5');
    // assert
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(input);
    expect(result.stderr).toMatch(/limit|large/i);
  });

  it('still converts the good inputs of a call when one is bad', () => {
    // prepare
    const bad = join(work, 'missing.txt');
    const good = join(SEEDS, seeds[0]!);
    const out = join(work, 'mixed');
    // act
    const result = run('convert', bad, good, '--out', out, '--json');
    // assert
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/missing\.txt: no such file/);
    const summary = JSON.parse(result.stdout) as { converted: number; failed: number };
    expect(summary).toMatchObject({ converted: 1, failed: 1 });
    expect(documentsUnder(join(out, seeds[0]!.replace(/\.txt$/, ''))).length).toBeGreaterThan(0);
  });

  it('writes only the formats asked for with --format', () => {
    // prepare
    const out = join(work, 'docx-only');
    // act
    const result = run('convert', join(SEEDS, seeds[0]!), '--out', out, '--format', 'docx');
    // assert
    expect(result.status).toBe(0);
    const docs = documentsUnder(out);
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.every((d) => d.endsWith('.docx'))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, seeds[0]!.replace(/\.txt$/, ''), 'manifest.json'), 'utf8')) as ManifestJson;
    expect(manifest.reports.every((r) => r.pdf === null && r.docx.endsWith('.docx') && r.pages === undefined)).toBe(true);
  });

  it('writes a report longer than one document holds in parts, each with its part and pages, every line once, and says so', async () => {
    // prepare: one sentence on 100 lines more than a document holds; no title splits it
    const input = join(work, '流水账.txt');
    const out = join(work, 'parts-out');
    writeFileSync(input, '工作很好。\n'.repeat(MAX_PART_LINES + 100));
    // act
    const result = run('convert', input, '--out', out, '--lang', 'en');
    // assert
    expect(result.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, '流水账', 'manifest.json'), 'utf8')) as ManifestJson;
    expect(manifest.reports.map(({ title, docx, pdf, part }) => ({ title, docx, pdf, part }))).toEqual([1, 2].map((number) => ({
      title: `流水账（${number}）`,
      docx: `0${number}-流水账（${number}）.docx`,
      pdf: `0${number}-流水账（${number}）.pdf`,
      part: { number, count: 2, reportTitle: '流水账' },
    })));
    const paragraphs = manifest.reports.flatMap((entry) => docxParagraphs(join(out, '流水账', entry.docx)).slice(1));
    expect(paragraphs).toEqual(Array.from({ length: MAX_PART_LINES + 100 }, () => '工作很好。'));
    for (const entry of manifest.reports) {
      expect(entry.pages).toBe((await PDFDocument.load(readFileSync(join(out, '流水账', entry.pdf!)), { updateMetadata: false })).getPageCount());
    }
    expect(manifest.warnings).toEqual([
      expect.objectContaining({ code: 'NO_TITLE', report: 1, text: '流水账' }),
      expect.objectContaining({ code: 'REPORT_IN_PARTS', report: 1, text: '流水账' }),
    ]);
    expect(result.stderr).toMatch(/“流水账” is longer than one document holds .*“流水账（1）”, “流水账（2）”/);
  });

  it('writes explain.json with --explain: the rule and reason of every cut, line break and report, at its input line; and none without it', () => {
    // prepare
    const out = join(work, 'explain');
    const plain = join(work, 'no-explain');
    const name = seeds.find((seed) => seed.startsWith('001'))!;
    const folder = name.replace(/\.txt$/, '');
    // act
    const explained = run('convert', join(SEEDS, name), '--out', out, '--format', 'docx', '--explain');
    const notExplained = run('convert', join(SEEDS, name), '--out', plain, '--format', 'docx');
    // assert
    expect(explained.status).toBe(0);
    expect(notExplained.status).toBe(0);
    expect(existsSync(join(plain, folder, 'explain.json'))).toBe(false);
    const trace = JSON.parse(readFileSync(join(out, folder, 'explain.json'), 'utf8')) as ExplainJson;
    const log = JSON.parse(readFileSync(join(out, folder, 'removals.json'), 'utf8')) as RemovalLogJson;
    const manifest = JSON.parse(readFileSync(join(out, folder, 'manifest.json'), 'utf8')) as ManifestJson;
    expect(trace.decisions.every((d) => /^[a-z-]+\/[a-z-]+$/.test(d.rule) && d.why.length > 20 && d.line >= 1)).toBe(true);
    expect(trace.decisions.filter((d) => d.kind === 'cut').map((d) => [d.line, d.rule, d.text])).toEqual(log.removals.map((r) => [r.line, r.ruleId, r.text]));
    expect(trace.decisions.filter((d) => d.kind === 'report').map((d) => d.text)).toEqual(manifest.reports.map((r) => r.title));
    // The same documents and logs as without it.
    expect(readFileSync(join(out, folder, 'removals.json'))).toEqual(readFileSync(join(plain, folder, 'removals.json')));
  });

  it('removes documents left by an earlier, longer version of the same input', () => {
    // prepare: a two-report compilation, converted once
    const input = join(work, 'shrinking.txt');
    const out = join(work, 'shrinking-out');
    const compilation = readFileSync(join(SEEDS, seeds.find((s) => s.startsWith('001'))!), 'utf8');
    writeFileSync(input, compilation);
    run('convert', input, '--out', out);
    const before = documentsUnder(out);
    writeFileSync(join(out, 'shrinking', 'notes.txt'), 'mine');
    // act: the input now holds only its first report
    const first = readFileSync(join(SEEDS, seeds[0]!), 'utf8');
    writeFileSync(input, first);
    const result = run('convert', input, '--out', out);
    // assert
    expect(result.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'shrinking', 'manifest.json'), 'utf8')) as ManifestJson;
    const listed = manifest.reports.flatMap((r) => [r.docx, r.pdf!]).sort();
    expect(before.length).toBeGreaterThan(listed.length);
    expect(documentsUnder(join(out, 'shrinking')).sort()).toEqual(listed);
    expect(readFileSync(join(out, 'shrinking', 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('keeps a user\'s files beside an input named ...txt or ..txt: its documents go to a folder of their own inside --out', () => {
    // prepare: documents of the user's own, beside the input and inside --out
    const home = join(work, 'dots');
    const out = join(home, 'out');
    const sample = readFileSync(join(SEEDS, seeds[0]!));
    mkdirSync(out, { recursive: true });
    writeFileSync(join(home, '...txt'), sample);
    writeFileSync(join(home, '..txt'), sample);
    for (const mine of [join(home, '99-contract.pdf'), join(home, '2024-budget.docx'), join(out, '01-mine.pdf')]) writeFileSync(mine, 'mine');
    // act: twice, so that the second run's sweep of stale documents runs too
    const first = run('convert', join(home, '...txt'), join(home, '..txt'), '--out', out);
    const second = run('convert', join(home, '...txt'), join(home, '..txt'), '--out', out);
    // assert
    expect([first.status, second.status]).toEqual([0, 0]);
    for (const mine of [join(home, '99-contract.pdf'), join(home, '2024-budget.docx'), join(out, '01-mine.pdf')]) expect(readFileSync(mine, 'utf8')).toBe('mine');
    expect(readdirSync(out).sort()).toEqual(['01-mine.pdf', '_', '__']);
    expect(documentsUnder(join(out, '__')).length).toBeGreaterThan(0);
    expect(readdirSync(home).sort()).toEqual(['...txt', '..txt', '2024-budget.docx', '99-contract.pdf', 'out']);
  });

  it('removes no document a previous manifest of the folder did not list', () => {
    // prepare: a folder converted once, then a document of the same shape put there by hand
    const input = join(work, 'own-documents.txt');
    const out = join(work, 'own-documents-out');
    writeFileSync(input, readFileSync(join(SEEDS, seeds[0]!)));
    run('convert', input, '--out', out);
    const mine = join(out, 'own-documents', '07-我的批注.pdf');
    writeFileSync(mine, 'mine');
    // act
    const result = run('convert', input, '--out', out);
    // assert
    expect(result.status).toBe(0);
    expect(readFileSync(mine, 'utf8')).toBe('mine');
  });

  it('explains usage errors with exit status 2', () => {
    // act
    const result = run('convert', 'x.txt', '--format', 'odt');
    // assert
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/docx, pdf/);
  });
});
