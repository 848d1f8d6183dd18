import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Correction, CorrectionOp } from '../../lib/corrections/corrections-document.js';
import type { Manifest } from '../../lib/convert.js';
import { decodeText } from '../../lib/text/decode.js';
import { documentParagraphTexts, openDocx } from '../unit/docx/docx-package.js';
import { readWithPdfJs } from '../unit/pdf/read-pdf.js';

// The built command, run as a user runs it (`npm test` builds it first).
const CLI = join(process.cwd(), 'bin', 'report-press.js');
const SEEDS = join(process.cwd(), 'test', 'fixtures', 'seeds');
const SEED = join(SEEDS, '000_51d4175613d3e64f.txt');
const BYTES = readFileSync(SEED);
const TEXT = decodeText(BYTES);
const LINES = TEXT.split('\n');
const SHA = createHash('sha256').update(BYTES).digest('hex');

let work: string;

function run(args: readonly string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'C.UTF-8' };
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env, cwd: work, timeout: 60_000 });
}

/** An operation on the whole input line `line` (1-based), as the proofread view anchors it. */
function atLine(id: string, op: CorrectionOp, line: number, extra: Partial<Correction> = {}): Correction {
  const offset = LINES.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  return { id, op, line, offset, text: LINES[line - 1]!, ...extra };
}

function lineNumberOf(start: string): number {
  return LINES.findIndex((line) => line.startsWith(start)) + 1;
}

function writeJson(name: string, value: unknown): string {
  const path = join(work, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

const docxText = (path: string) => documentParagraphTexts(openDocx(readFileSync(path))).join('\n');

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'report-press-cli-corrections-'));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('report-press convert --corrections --rules', () => {
  it('applies the corrections and the rules to the documents, and records them in the manifest and the removal log', async () => {
    // prepare
    const problems = lineNumberOf('二、存在的主要问题及原因');
    const reflection = lineNumberOf('反思存在的问题');
    const corrections = writeJson('seed.corrections.json', {
      version: 1,
      input: { sha256: SHA },
      operations: [
        atLine('c1', 'start-report', problems),
        atLine('c2', 'set-title', problems, { title: '存在的主要问题' }),
        { ...atLine('c3', 'remove-lines', reflection), text: `${LINES[reflection - 1]}\n` },
      ],
    });
    const rules = writeJson('rules.json', { version: 1, rules: [{ id: 'r1', kind: 'line-starts-with', phrase: '四是红绿融合' }] });
    const out = join(work, 'out');
    // act
    const result = run(['convert', SEED, '--out', out, '--corrections', corrections, '--rules', rules]);
    // assert
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const folder = join(out, '000_51d4175613d3e64f');
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.reports.map((r) => r.title)).toEqual(['党委书记2023年党建述职报告', '存在的主要问题']);
    expect(manifest.corrections).toMatchObject({ madeFor: SHA, otherInput: false, operations: [{ id: 'c1', applied: true }, { id: 'c2', applied: true }, { id: 'c3', applied: true, cuts: 1 }] });
    const first = docxText(join(folder, manifest.reports[0]!.docx));
    const second = docxText(join(folder, manifest.reports[1]!.docx));
    expect(first).not.toContain('二、存在的主要问题及原因');
    expect(first).not.toContain('四是红绿融合');
    expect(second.split('\n')[0]).toBe('存在的主要问题');
    expect(second).not.toContain('反思存在的问题');
    const pdf = (await readWithPdfJs(new Uint8Array(readFileSync(join(folder, manifest.reports[1]!.pdf))))).pageTexts.flat().join('');
    expect(pdf).toContain('存在的主要问题');
    expect(pdf).not.toContain('反思存在的问题');
    const log = JSON.parse(readFileSync(join(folder, 'removals.json'), 'utf8')) as { removals: Record<string, unknown>[] };
    expect(log.removals).toContainEqual(expect.objectContaining({ family: 'correction', ruleId: 'correction/remove-lines', correction: 'c3' }));
    expect(log.removals).toContainEqual(expect.objectContaining({ family: 'correction', ruleId: 'correction/set-title', correction: 'c2', text: '二、存在的主要问题及原因' }));
    expect(log.removals).toContainEqual(expect.objectContaining({ family: 'user-rule', ruleId: 'user-rule/r1', rule: { kind: 'line-starts-with', phrase: '四是红绿融合' } }));
  });

  it('converts with a warning, and without the operation, when an anchor no longer matches', () => {
    // prepare
    const corrections = writeJson('stale.corrections.json', { version: 1, input: { sha256: SHA }, operations: [{ ...atLine('c1', 'start-report', 3), text: '这一行已经不在原文里' }] });
    const out = join(work, 'stale');
    // act
    const result = run(['convert', SEED, '--out', out, '--corrections', corrections]);
    // assert
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/warning: .*000_51d4175613d3e64f\.txt \(line 3\): correction c1 \(start a report\) was not applied: the input no longer holds its text at that place/);
    const manifest = JSON.parse(readFileSync(join(out, '000_51d4175613d3e64f', 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.reports).toHaveLength(1);
  });

  it.each([
    ['overlapping operations', { version: 1, input: { sha256: SHA }, operations: [atLine('a', 'start-report', 3), atLine('b', 'join-report', 3)] }, /corrections a and b change the same text/],
    ['10 MB of JSON', { version: 1, input: { sha256: SHA }, operations: [], padding: 'x'.repeat(10 * 1024 * 1024) }, /the corrections are 10241 KB, over the 256 KB limit/],
  ])('refuses a corrections file of %s in one line, writing nothing', (_, document, reason) => {
    // prepare
    const corrections = writeJson('bad.corrections.json', document);
    const out = join(work, 'refused');
    // act
    const result = run(['convert', SEED, '--out', out, '--corrections', corrections]);
    // assert
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(reason);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses --corrections with more than one input, since they belong to one', () => {
    // prepare
    const corrections = writeJson('one.corrections.json', { version: 1, input: { sha256: SHA }, operations: [] });
    // act
    const result = run(['convert', SEED, join(SEEDS, '002_4c7955c042904a00.txt'), '--out', join(work, 'two'), '--corrections', corrections]);
    // assert
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--corrections belongs to one input, and 2 were given');
    expect(existsSync(join(work, 'two'))).toBe(false);
  });

  it('refuses a rules file with a phrase of one character', () => {
    // prepare
    const rules = writeJson('bad-rules.json', { version: 1, rules: [{ id: 'r', kind: 'phrase', phrase: '的' }] });
    // act
    const result = run(['convert', SEED, '--out', join(work, 'rules'), '--rules', rules]);
    // assert
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('“的” cannot be a rule');
    expect(readdirSync(work)).not.toContain('rules');
  });
});
