/**
 * The split against compilations generated from the gold reports, which know their right answer by
 * construction (test/support/compilation-generator.ts): whatever the order, count, table of
 * contents, separators, adverts, genres and hard wraps, clean + split return exactly the reports
 * that went in.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanStage, splitStage } from '../../../lib/convert.js';
import { buildCompilation, compilationPlan, loadGoldReports, type GoldReport } from '../../support/compilation-generator.js';

const gold = loadGoldReports();
const encoder = new TextEncoder();

function splitOf(text: string): GoldReport[] {
  const { reports } = splitStage(cleanStage(encoder.encode(text), 'compilation.txt'));
  return reports.map((report) => ({ title: report.title, paragraphs: report.blocks.map((block) => block.text) }));
}

describe('splitting generated compilations', () => {
  it('has gold reports to build from', () => {
    expect(gold.length).toBeGreaterThan(1);
  });

  it('returns exactly the constructed reports: same count, same titles, same paragraphs', () => {
    fc.assert(
      fc.property(compilationPlan(gold.length), (plan) => {
        const compilation = buildCompilation(gold, plan);

        expect(splitOf(compilation.text)).toEqual(compilation.reports);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it.each([
    // The last entry of a table of contents set as wide as the wrapped text, right above a body
    // title with a stray 。: once joined to it as a wrapped line.
    { seed: 15, run: 220 },
    // A document named alone in 《》 with an advert glued to its end: the advert's width made the
    // line look full, so the 一是… paragraph under it was joined to it.
    { seed: 22, run: 91 },
    // Entry 6 printed exactly as report 7's heading, report 6 headed with a year, entry 7 with
    // another: entry 6 took report 7's heading and report 6 merged into report 5.
    { seed: 21, run: 61 },
    // The only entry of a table of contents as wide as the wrapped text, above its body title
    // wrapped inside the advert tag after it (`…材料*【更` / `多素材…】`): joined as one line.
    { seed: 23, run: 122 },
    // Lines wrapped at 60 units, a few at 62–67 (adverts cut from their ends, counted back): the
    // wrap width was taken as 67, and a line that `95%` left at 59 ended its paragraph there.
    { seed: 38, run: 102 },
    { seed: 11, run: 173 },
    // The last entry of a table of contents as wide as the wrapped text, above its body title
    // wrapped full before its last words (`…述职报` / `告`, `…对照` / `检查材料`): joined to it, so
    // the cover became a report and the last report merged into the one before.
    { seed: 54, run: 4 },
    { seed: 50, run: 94 },
    // An advert line as wide as the wrapped text above a report title with a site tag: the three
    // joined as one line, which the advert rule then cut, title and first paragraph with it.
    { seed: 104, run: 43 },
    // A body title wrapped before its last word and remark (`…工作发言` / `材料（范文）`): the tail,
    // a title by its genre word, was taken for a second title and kept on its own line.
    { seed: 128, run: 92 },
  ])('returns exactly the constructed reports for a compilation that once split wrong ($seed, run $run)', ({ seed, run }) => {
    // As generated before page numbers and copy-paste white space were part of the plan.
    const plan = { ...fc.sample(compilationPlan(gold.length), { seed, numRuns: run + 1 })[run]!, pageNumbers: null, copy: null };
    const compilation = buildCompilation(gold, plan);

    expect(splitOf(compilation.text)).toEqual(compilation.reports);
  });

  it.each([
    // The cover's title (…材料汇编) right above the first report's title, a blank line before it:
    // taken for the first half of a title wrapped over two lines (npm run sweep, seeds 30–229).
    { seed: 130, run: 2 },
    { seed: 172, run: 9 },
  ])('keeps a cover title apart from the first report\'s title ($seed, run $run)', ({ seed, run }) => {
    const plan = fc.sample(compilationPlan(gold.length), { seed, numRuns: 150 })[run]!;
    const compilation = buildCompilation(gold, plan);

    expect(splitOf(compilation.text)).toEqual(compilation.reports);
  });
});
