import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../lib/model/build-report.js';
import type { Block } from '../../../lib/model/report.js';

const TITLE = '2023年度抓基层党建工作述职报告';
const BODY = [
  '一年来，在县委的正确领导下，我认真履行第一责任人职责，现将有关情况报告如下。',
  '一、主要工作',
  '全年组织集中学习12次，覆盖党员100%，效果明显。',
];

const UNITS = ['中共XX县委办公室', 'XX市财政局', '**公司党委', 'XX镇人民政府', 'XX街道党工委', 'XX大学图书馆党支部', 'XX县住房和城乡建设局'];
const NAMES = ['张三', '李XX', '欧阳明华', '**', '王某某'];
const DATES = ['2024年1月15日', '2023年12月5日', '2024 年 3 月 8 日', '二〇二四年一月十五日', '2024.1.15', '2024-01-15', '2024/1/5'];
const BYLINES = [
  ...UNITS,
  ...UNITS.slice(0, 3).flatMap((unit) => NAMES.slice(0, 3).map((name) => `${unit} ${name}`)),
  'XX局党组书记、局长 张三',
  '述职人：李XX',
  '（2024年1月15日）',
];

const roles = (blocks: readonly Block[]) => blocks.map((block) => (block.kind === 'paragraph' ? (block.role ?? block.kind) : block.kind));

describe('the author line and closing block of a report', () => {
  it.each(BYLINES)('takes “%s” under the title for the author line', (byline) => {
    // act
    const report = buildReport(TITLE, [byline, ...BODY]);
    // assert
    expect(roles(report.blocks)).toEqual(['byline', 'paragraph', 'heading', 'paragraph']);
    expect(report.blocks[0]!.text).toBe(byline);
  });

  it('takes every shape of signature and date at the end: a unit, a person, both, or the date alone', () => {
    // prepare: every date shape with each signature shape
    const closings = DATES.flatMap((date, i) => [
      { lines: [UNITS[i % UNITS.length]!, date], expected: ['signature', 'date'] },
      { lines: [NAMES[i % NAMES.length]!, date], expected: ['signature', 'date'] },
      { lines: [UNITS[(i + 1) % UNITS.length]!, NAMES[(i + 2) % NAMES.length]!, date], expected: ['signature', 'signature', 'date'] },
      { lines: [date], expected: ['date'] },
    ]);
    // act
    const found = closings.map(({ lines }) => roles(buildReport(TITLE, [...BODY, ...lines]).blocks).slice(BODY.length));
    // assert
    expect(found).toEqual(closings.map(({ expected }) => expected));
  });

  it('takes a unit alone as the signature of a report without a date', () => {
    // act
    const report = buildReport(TITLE, [...BODY, 'XX县人民政府办公室']);
    // assert
    expect(roles(report.blocks).at(-1)).toBe('signature');
  });

  it.each([
    ['a sentence that ends with a date', ['本办法自2024年1月15日起施行。']],
    ['a sentence that is only a date and a full stop', ['2024年1月15日。']],
    ['a heading before the date', ['三、下一步工作打算', '2024年1月15日']],
    ['a heading as the last line', ['三、2024年工作打算']],
    ['a short last sentence', ['谢谢大家！']],
    ['a short last line without a unit', ['谢谢大家']],
    ['a year alone', ['2024年']],
    ['a labelled line ending in a unit’s name', ['附件：XX县财政局']],
    ['a last paragraph of several sentences before a date', ['以上报告，请审议。', '2024年1月15日']],
  ])('leaves %s as body text', (_what, closing) => {
    // act
    const report = buildReport(TITLE, [...BODY, ...closing]);
    // assert
    const tail = roles(report.blocks).slice(BODY.length);
    const signatures = tail.filter((role) => role === 'signature');
    expect(signatures).toEqual([]);
    // Only a date alone on its line is ever a date.
    tail.forEach((role, i) => expect(role === 'date').toBe(closing[i] === '2024年1月15日'));
  });

  it.each([
    ['a first paragraph', '一年来，在县委的正确领导下，我认真履行职责。'],
    ['a salutation', '各位领导、同志们：'],
    ['a heading', '一、XX县财政局'],
    ['a bare name, which could be a one-word paragraph', '张三'],
    ['a subtitle', '——在全县党建工作会议上的讲话'],
    ['a line too long for an author line', 'XX省XX市XX县XX镇XX村党支部委员会全体党员干部代表大会主席团'],
  ])('leaves %s under the title as body text', (_what, first) => {
    // act
    const report = buildReport(TITLE, [first, ...BODY]);
    // assert
    expect(report.blocks[0]).not.toHaveProperty('role');
  });

  it('keeps a report of one line as its text, with nothing to attribute', () => {
    // act
    const report = buildReport(TITLE, ['2024年1月15日']);
    // assert
    expect(roles(report.blocks)).toEqual(['paragraph']);
  });
});
