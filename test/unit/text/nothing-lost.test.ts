/**
 * Nothing is lost without a trace: every non-blank character of the decoded input reaches a report
 * (title or block) or is in the removal log with its rule, counted character by character, over the
 * fixtures, the real pages of ../shared/fixtures/real when that corpus is beside the project, and
 * generated compilations.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanStage, encodeRemovalLog, splitStage, type RemovalLog } from '../../../lib/convert.js';
import { decodeText } from '../../../lib/text/decode.js';
import { reportParagraphs } from '../../../lib/model/report.js';
import { buildCompilation, compilationPlan, loadGoldReports } from '../../support/compilation-generator.js';

const FIXTURES = [join(process.cwd(), 'test', 'fixtures', 'seeds'), join(process.cwd(), 'test', 'fixtures', 'traditional')];
/** The shared real-page corpus (not in the repository); its cases are checked when it is there. */
const REAL = join(process.cwd(), '..', 'shared', 'fixtures', 'real', 'cases');

/** Characters of `text` that are not white space, with their counts. */
function tally(text: string, into = new Map<string, number>(), sign = 1): Map<string, number> {
  for (const character of text) {
    if (/\s/u.test(character)) continue;
    into.set(character, (into.get(character) ?? 0) + sign);
  }
  return into;
}

/** Characters of the input that neither a report nor the removal log holds (empty when none is lost). */
function lostCharacters(bytes: Uint8Array, source: string): string[] {
  const input = decodeText(bytes);
  const cleaned = cleanStage(bytes, source);
  const { reports, removals } = splitStage(cleaned);
  const log = JSON.parse(new TextDecoder().decode(encodeRemovalLog(cleaned, removals))) as RemovalLog;
  const counts = tally(input);
  for (const report of reports) for (const paragraph of reportParagraphs(report)) tally(paragraph, counts, -1);
  for (const removal of log.removals) tally(removal.text, counts, -1);
  return [...counts].filter(([, n]) => n > 0).map(([character, n]) => `${character}×${n}`);
}

function textFiles(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.txt')).map((name) => join(folder, name)) : [];
}

describe('every character of the input reaches a report or the removal log', () => {
  it.each(FIXTURES.flatMap(textFiles).map((file) => [file.slice(process.cwd().length + 1), file]))('loses nothing of %s', (_name, file) => {
    // act / assert
    expect(lostCharacters(readFileSync(file), 'input.txt')).toEqual([]);
  });

  const real = textFiles(REAL);
  it.runIf(real.length > 0)(`loses nothing of the ${real.length} real pages of ../shared/fixtures/real`, () => {
    // act
    const lost = real.map((file) => ({ file, lost: lostCharacters(readFileSync(file), 'input.txt') })).filter(({ lost }) => lost.length > 0);
    // assert
    expect(lost).toEqual([]);
  });

  it('loses nothing of 300 generated compilations', () => {
    const gold = loadGoldReports();
    fc.assert(
      fc.property(compilationPlan(gold.length), (plan) => {
        // prepare
        const { text } = buildCompilation(gold, plan);
        // act / assert
        expect(lostCharacters(new TextEncoder().encode(text), 'compilation.txt')).toEqual([]);
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});
