/**
 * Line breaks a document viewer's text layer lost without a space (family viewer-layer, rule
 * viewer-layer/lost-break). Each row is a site's shape written for the test: a 文库 text layer with
 * the whole speech on one line, a secretary site's download with its banner, the title, the author,
 * the date and the salutation run together, and a template site's preview flattened with spaces and
 * headed by an advert. The lines that must stay are documents whose line breaks are all there.
 */
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../lib/text/clean.js';
import { LOST_BREAK_RULE_ID } from '../../../lib/text/lost-breaks.js';
import { restoreRemovals } from './restore-removals.js';
import { readLines } from './zones/read-page.js';

/** A sentence of a speech, `n` times: a flattened document is long. */
const prose = (n: number) => '我们要坚持问题导向，扎实推进各项工作落地见效，切实把会议精神转化为推动发展的实际成效。'.repeat(n);

describe('line breaks a text layer lost without a space are put back', () => {
  it.each([
    [
      'a 文库 text layer: the title run into the salutation and the text',
      `全旗表彰大会主持词同志们：今天我们在这里召开大会。${prose(6)}`,
      ['全旗表彰大会主持词', '同志们：', `今天我们在这里召开大会。${prose(6)}`],
    ],
    [
      "a secretary site's download: its banner, then title, author, bracketed date and salutation, and headings after a colon and a full stop",
      `某某之家—全网资源每日更新 www.example.com县人代会表态发言某某县县长王某某（2026 年 2 月 6 日）各位代表，同志们：今天，大会选举我担任县长。${prose(2)}在此，我郑重表态：一、永葆忠诚之心讲政治我将${prose(2)}二、永葆实干之心抓发展我将${prose(1)}`,
      [
        '某某之家—全网资源每日更新 www.example.com',
        '县人代会表态发言',
        '某某县县长王某某',
        '（2026 年 2 月 6 日）',
        '各位代表，同志们：',
        `今天，大会选举我担任县长。${prose(2)}在此，我郑重表态：`,
        `一、永葆忠诚之心讲政治我将${prose(2)}`,
        `二、永葆实干之心抓发展我将${prose(1)}`,
      ],
    ],
    [
      "a template site's preview flattened with spaces: an advert before the title, the title run into the first sentence, a heading after a full stop",
      `-精品范文推荐- 2008年社区工作总结一年来，社区在上级的正确领导下扎实工作。${prose(2)} 作为社区负责人，现将一年来的工作总结如下。一、加大环境整治力度，绿化美化社区 ${prose(2)} ${prose(1)}`,
      ['-精品范文推荐-', '2008年社区工作总结', `一年来，社区在上级的正确领导下扎实工作。${prose(2)}`, '作为社区负责人，现将一年来的工作总结如下。', '一、加大环境整治力度，绿化美化社区', prose(2), prose(1)],
    ],
  ])('%s', (_name, input, lines) => {
    // act
    const result = cleanText(input);

    // assert
    expect(result.text.split('\n')).toEqual(lines);
    const inserted = result.removals.filter((removal) => removal.ruleId === LOST_BREAK_RULE_ID && removal.text === '');
    expect(inserted.length).toBeGreaterThan(0);
    expect(inserted.every((removal) => removal.replacement === '\n')).toBe(true);
    expect(restoreRemovals(result.text, result.removals)).toBe(input);
  });

  it.each([
    ['a document whose title stands on its own line', ['2024年度述职报告', `尊敬的各位领导：${prose(4)}`]],
    ['a long first paragraph that opens with words ending in a genre, with no sign of a flattened layer', [`本人述职报告如下：一是${prose(4)}`]],
    ['a paragraph enumerating inline after a colon, in a document with its line breaks', ['关于加强作风建设的实施方案', `为推动工作，现提出如下意见：一、${prose(2)}二、${prose(2)}`]],
  ])('leaves %s alone', (_name, lines) => {
    // prepare
    const input = lines.join('\n');

    // act
    const result = cleanText(input);

    // assert
    expect(result.removals.filter((removal) => removal.ruleId === LOST_BREAK_RULE_ID)).toEqual([]);
  });

  it('makes a report of the flattened speech under its own title, the banner cut as a site line', () => {
    // act
    const { reports, cuts } = readLines([`某某之家—全网资源每日更新 www.example.com县人代会表态发言某某县县长王某某（2026 年 2 月 6 日）各位代表，同志们：今天，大会选举我担任县长。${prose(3)}`]);

    // assert
    expect(reports.map((report) => report.title)).toEqual(['县人代会表态发言']);
    expect(reports[0]!.texts.slice(0, 3)).toEqual(['某某县县长王某某', '（2026 年 2 月 6 日）', '各位代表，同志们：']);
    expect(cuts.filter(([rule]) => rule!.startsWith('site-header/'))).toEqual([['site-header/site-name', '某某之家—全网资源每日更新 www.example.com']]);
  });
});
