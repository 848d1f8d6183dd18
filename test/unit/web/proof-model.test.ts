import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cleanStage, encodeRemovalLog, splitStage } from '../../../lib/convert.js';
import { parseCorrections } from '../../../lib/corrections/corrections-document.js';
import { CorrectionsDraft, onLine, removeLine, restoreCut } from '../../../web/corrections-draft.js';
import { proofSections, type LoggedCut } from '../../../web/proof-model.js';

const INPUT = ['首页 > 范文', '2023年度个人述职报告', '今年以来，我认真履行岗位职责。【更多素材搜索文库】', '关注公众号获取更多素材，加微信客服领取svip会员', '2023年度工作总结', '一年来，我们完成了全年任务。'].join('\n');
const BYTES = new TextEncoder().encode(INPUT);

/** What the page has of a finished job: the input, the removal log and the reports with their places. */
function job(input = INPUT) {
  const bytes = new TextEncoder().encode(input);
  const cleaned = cleanStage(bytes, 'a.txt');
  const split = splitStage(cleaned);
  const log = JSON.parse(new TextDecoder().decode(encodeRemovalLog(cleaned, split.removals))) as { removals: LoggedCut[] };
  return { cuts: log.removals, reports: split.manifest.reports };
}

describe('the proofread view’s reading of a job', () => {
  it('puts each input line in its report, marks titles, and shows every cut inline where it was made', () => {
    // prepare
    const { cuts, reports } = job();
    // act
    const sections = proofSections(INPUT, cuts, reports);
    // assert
    expect(sections.map((s) => [s.report?.title, s.lines.map((l) => l.line)])).toEqual([
      [undefined, [1]],
      ['2023年度个人述职报告', [2, 3, 4]],
      ['2023年度工作总结', [5, 6]],
    ]);
    expect(sections.flatMap((s) => s.lines.filter((l) => l.title).map((l) => l.line))).toEqual([2, 5]);
    const third = sections[1]!.lines[1]!;
    expect(third.pieces.map((p) => [p.kind, p.text])).toEqual([
      ['kept', '今年以来，我认真履行岗位职责。'],
      ['cut', '【更多素材搜索文库】'],
    ]);
    expect(sections[1]!.lines[2]).toMatchObject({ kept: false, pieces: [{ kind: 'cut', text: '关注公众号获取更多素材，加微信客服领取svip会员\n' }] });
    expect(sections[0]!.lines[0]).toMatchObject({ kept: false, pieces: [{ kind: 'cut', cut: { family: 'site-header' } }] });
  });

  it('rebuilds every line of the input from its pieces', () => {
    // prepare
    const { cuts, reports } = job();
    // act
    const lines = proofSections(INPUT, cuts, reports).flatMap((s) => s.lines);
    // assert
    expect(lines.map((l) => l.pieces.map((p) => p.text).join('').replace(/\n$/, ''))).toEqual(INPUT.split('\n'));
  });
});

describe('the changes of a proofread view', () => {
  it('become a corrections document the API takes, anchored where the input holds their text', () => {
    // prepare
    const { cuts, reports } = job();
    const sections = proofSections(INPUT, cuts, reports);
    const lines = sections.flatMap((s) => s.lines);
    const advert = lines.find((l) => l.line === 4)!;
    const draft = new CorrectionsDraft(createHash('sha256').update(BYTES).digest('hex'));
    // act
    draft.add(restoreCut((advert.pieces[0] as { cut: LoggedCut }).cut));
    draft.add(removeLine(lines.find((l) => l.line === 3)!, INPUT));
    draft.add(onLine('join-report', lines.find((l) => l.line === 5)!));
    draft.add(onLine('set-title', lines.find((l) => l.line === 2)!, '述职报告'));
    const document = parseCorrections(JSON.stringify(draft.document()));
    // assert
    expect(document.operations.map((o) => [o.id, o.op, o.line])).toEqual([['c1', 'restore-cut', 4], ['c2', 'remove-lines', 3], ['c3', 'join-report', 5], ['c4', 'set-title', 2]]);
    for (const op of document.operations) expect(INPUT.slice(op.offset, op.offset + op.text.length)).toBe(op.text);
  });

  it('forget a new change on undo, and mark an applied one to be dropped until it is undone again', () => {
    // prepare
    const applied = { id: 'c7', op: 'start-report' as const, line: 5, offset: 40, text: '2023年度工作总结' };
    const draft = new CorrectionsDraft('a'.repeat(64), [applied]);
    const added = draft.add({ op: 'remove-lines', line: 1, offset: 0, text: '首页 > 范文\n' });
    // act
    draft.undo(added);
    draft.undo('c7');
    const dropping = draft.document().operations;
    draft.undo('c7');
    // assert
    expect(added).toBe('c8');
    expect(dropping).toEqual([]);
    expect(draft.document().operations).toEqual([applied]);
    expect(draft.dirty).toBe(false);
  });
});
