import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cleanStage, encodeRemovalLog, splitStage } from '../../../lib/convert.js';
import type { Correction, CorrectionOp } from '../../../lib/corrections/corrections-document.js';
import { reportParagraphs } from '../../../lib/model/report.js';
import { restoreRemovals } from '../text/restore-removals.js';

const INPUT = [
  '首页 > 范文 > 述职报告',
  '2023年度个人述职报告',
  '今年以来，我认真履行岗位职责，各项工作取得新进展。',
  '一、加强学习',
  '坚持每周学习两次，撰写心得体会十篇。',
  '关注公众号获取更多素材，加微信客服领取svip会员',
  '二、改进作风',
  '深入基层调研二十次，解决实际问题五个。',
  '2023年度工作总结',
  '一年来，在上级的正确领导下，我们完成了全年任务。',
  '明年我们将继续努力，推动工作再上新台阶。',
].join('\n');

const bytes = new TextEncoder().encode(INPUT);
const SHA = createHash('sha256').update(bytes).digest('hex');

/** An operation anchored at the whole input line `line` (1-based), as the proofread view makes it. */
function atLine(op: CorrectionOp, line: number, extra: Partial<Correction> = {}, input = INPUT): Correction {
  const lines = input.split('\n');
  const offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  return { id: extra.id ?? `${op}-${line}`, op, line, offset, text: lines[line - 1]!, ...extra };
}

/** An operation anchored at the first occurrence of `text`. */
function atText(op: CorrectionOp, text: string, extra: Partial<Correction> = {}): Correction {
  const offset = INPUT.indexOf(text);
  return { id: extra.id ?? `${op}-${offset}`, op, line: INPUT.slice(0, offset).split('\n').length, offset, text, ...extra };
}

function convert(operations: readonly Correction[], sha256 = SHA) {
  const cleaned = cleanStage(bytes, 'a.txt', { corrections: { version: 1, input: { sha256 }, operations } });
  const split = splitStage(cleaned);
  const log = JSON.parse(new TextDecoder().decode(encodeRemovalLog(cleaned, split.removals))) as { removals: { ruleId: string; family: string; offset: number; text: string; correction?: string }[] };
  return { cleaned, split, log: log.removals, reports: split.reports.map((r) => ({ title: r.title, text: reportParagraphs(r).slice(1) })) };
}

const plain = convert([]);

describe('corrections applied after cleaning and splitting', () => {
  it('leave a conversion as it was when there are none', () => {
    // prepare
    const without = splitStage(cleanStage(bytes, 'a.txt'));
    // assert
    expect(plain.split.reports).toEqual(without.reports);
    expect(plain.split.manifest).toEqual({ ...without.manifest, corrections: { madeFor: SHA, otherInput: false, operations: [] } });
  });

  it('put a cut of the cleaning back where it was, and out of the removal log', () => {
    // act
    const { reports, log, split } = convert([atText('restore-cut', '关注公众号获取更多素材，加微信客服领取svip会员\n', { id: 'c1' })]);
    // assert
    expect(reports[0]!.text).toContain('关注公众号获取更多素材，加微信客服领取svip会员');
    expect(log.map((r) => r.family)).not.toContain('advert-line');
    expect(split.manifest.corrections?.operations).toEqual([{ id: 'c1', op: 'restore-cut', line: 6, applied: true, restored: { ruleId: 'advert-line/promotion', family: 'advert-line' } }]);
  });

  it('put a cut of the split back into the report it stands before', () => {
    // act
    const { reports, log } = convert([atText('restore-cut', '首页 > 范文 > 述职报告', { id: 'c1' })]);
    // assert
    expect(reports[0]!.text[0]).toBe('首页 > 范文 > 述职报告');
    expect(log.map((r) => r.family)).not.toContain('site-header');
  });

  it('cut a line the tool left in, logged as the correction that cut it', () => {
    // act
    const { reports, log } = convert([atText('remove-lines', '深入基层调研二十次，解决实际问题五个。\n', { id: 'c2' })]);
    // assert
    expect(reports[0]!.text).not.toContain('深入基层调研二十次，解决实际问题五个。');
    expect(log).toContainEqual(expect.objectContaining({ ruleId: 'correction/remove-lines', family: 'correction', text: '深入基层调研二十次，解决实际问题五个。\n', correction: 'c2' }));
  });

  it('start a report at a line of another, that line its title', () => {
    // act
    const { reports } = convert([atLine('start-report', 7)]);
    // assert
    expect(reports.map((r) => r.title)).toEqual(['2023年度个人述职报告', '二、改进作风', '2023年度工作总结']);
    expect(reports[0]!.text).toEqual(['今年以来，我认真履行岗位职责，各项工作取得新进展。', '一、加强学习', '坚持每周学习两次，撰写心得体会十篇。']);
    expect(reports[1]!.text).toEqual(['深入基层调研二十次，解决实际问题五个。']);
  });

  it('join a report to the one before, its title a line of the text', () => {
    // act
    const { reports } = convert([atLine('join-report', 9)]);
    // assert
    expect(reports.map((r) => r.title)).toEqual(['2023年度个人述职报告']);
    expect(reports[0]!.text.slice(-3)).toEqual(['2023年度工作总结', '一年来，在上级的正确领导下，我们完成了全年任务。', '明年我们将继续努力，推动工作再上新台阶。']);
  });

  it('rename a report, logging the title it replaced, and keep the other report as the split made it', () => {
    // act
    const { split, log } = convert([atLine('set-title', 9, { id: 't1', title: '2023年度机关工作总结' })]);
    // assert
    expect(split.reports.map((r) => r.title)).toEqual(['2023年度个人述职报告', '2023年度机关工作总结']);
    expect(split.reports[0]).toEqual(plain.split.reports[0]);
    expect(log).toContainEqual(expect.objectContaining({ ruleId: 'correction/set-title', family: 'correction', text: '2023年度工作总结', correction: 't1' }));
    expect(split.manifest.reports[1]).toMatchObject({ title: '2023年度机关工作总结', docx: '02-2023年度机关工作总结.docx' });
  });

  it('start a report and name it in one go', () => {
    // act
    const { reports } = convert([atLine('start-report', 7, { id: 's' }), atLine('set-title', 7, { id: 't', title: '改进作风情况' })]);
    // assert
    expect(reports.map((r) => r.title)).toEqual(['2023年度个人述职报告', '改进作风情况', '2023年度工作总结']);
  });

  it.each([
    ['its text no longer stands where it says', atLine('remove-lines', 8, { text: '深入基层调研三十次' }), 'stale'],
    ['a cut it restores is not made', atText('restore-cut', '坚持每周学习两次'), 'cut-gone'],
    ['a report is started where one starts already', atLine('start-report', 9), 'already-starts'],
    ['a report is started on its first line of text', atLine('start-report', 3), 'no-text-above'],
    ['the first report is joined', atLine('join-report', 2), 'first-report'],
    ['a line of text is renamed', atLine('set-title', 4, { title: '新标题' }), 'not-report-start'],
    ['a line outside every report is joined', atLine('join-report', 1), 'not-in-report'],
  ])('drop an operation, with a warning, when %s, and apply nothing of it', (_, op, why) => {
    // act
    const { split } = convert([op]);
    // assert
    expect(split.reports).toEqual(plain.split.reports);
    expect(split.manifest.corrections?.operations).toEqual([{ id: op.id, op: op.op, line: op.line, applied: false, why }]);
    expect(split.manifest.warnings).toContainEqual(expect.objectContaining({ code: 'CORRECTION_DROPPED', line: op.line, params: { id: op.id, op: op.op, why } }));
  });

  it('made on another input, apply each operation only where its text still stands, and say so', () => {
    // act
    const { split, reports } = convert([atLine('start-report', 7, { id: 'ok' }), atLine('remove-lines', 8, { id: 'gone', text: '别的文字' })], 'b'.repeat(64));
    // assert
    expect(reports).toHaveLength(3);
    expect(split.manifest.warnings.map((w) => w.code)).toEqual(['CORRECTIONS_OTHER_INPUT', 'CORRECTION_DROPPED']);
  });

  it('keep every removed character in exactly one removal, at its place in the input', () => {
    // act
    const { log } = convert([
      atText('restore-cut', '首页 > 范文 > 述职报告'),
      atText('remove-lines', '坚持每周学习两次，撰写心得体会十篇。\n'),
      atLine('start-report', 7),
      atLine('set-title', 9, { title: '工作总结' }),
    ]);
    // assert
    let end = 0;
    for (const removal of log) {
      expect(INPUT.slice(removal.offset, removal.offset + removal.text.length)).toBe(removal.text);
      expect(removal.offset).toBeGreaterThanOrEqual(end);
      end = removal.offset + removal.text.length;
    }
  });

  it('give each report its place in the input, for the proofread view', () => {
    // act
    const { split } = convert([atLine('start-report', 7)]);
    // assert
    const places = split.manifest.reports.map((r) => r.at);
    expect(places.map((at) => at?.line)).toEqual([2, 7, 9]);
    for (const at of places) expect(INPUT.slice(at!.offset, at!.bodyOffset).trim()).toBe(INPUT.split('\n')[at!.line - 1]);
  });

  it('take a line break the cleaning put back inside a removed passage away with it, and the log still rebuilds the input', () => {
    // prepare: a text layer that lost the breaks after the title and the salutation
    const flattened = `全旗表彰大会主持词同志们：今天我们在这里召开大会。${'我们要坚持问题导向，扎实推进各项工作落地见效，切实把会议精神转化为推动发展的实际成效。'.repeat(6)}`;
    const input = new TextEncoder().encode(flattened);
    const passage = { id: 'c1', op: 'remove-lines' as const, line: 1, offset: flattened.indexOf('主持词'), text: '主持词同志们' };
    // act
    const plainText = cleanStage(input, 'a.txt').text;
    const cleaned = cleanStage(input, 'a.txt', { corrections: { version: 1, input: { sha256: createHash('sha256').update(input).digest('hex') }, operations: [passage] } });
    // assert
    expect(plainText.split('\n').slice(0, 2)).toEqual(['全旗表彰大会主持词', '同志们：']);
    expect(cleaned.text.split('\n')[0]).toBe('全旗表彰大会：');
    expect(cleaned.removals.filter((r) => r.text === '' && r.offset > passage.offset && r.offset < passage.offset + passage.text.length)).toEqual([]);
    expect(restoreRemovals(cleaned.text, cleaned.removals)).toBe(flattened);
  });
});
