/**
 * The lexicon's classes, each with a table of lines it must recognise and lines it must not, in
 * the manner of textlint's rule tests: what a class means is read from its examples.
 */
import { describe, expect, it } from 'vitest';
import {
  charClass,
  CUTTABLE_AFTER_MARKS,
  endsSentence,
  FULL_WIDTH_PUNCTUATION,
  COLLECTION_ENDING,
  GENRE_ENDING,
  hasStrayFullStop,
  holdsStatementMark,
  isBracketedDateLine,
  isCountLine,
  isDateLine,
  isPageNumberLine,
  isRemarkLine,
  isReportTitle,
  isSubtitle,
  isTitleLine,
  isTitleShaped,
  isTocLine,
  LINE_START_FORBIDDEN,
  LOOSE_TITLE_NUMBER,
  matchHeadingNumber,
  NAME_BREAKING_MARKS,
  numeralValue,
  pieceNumber,
  RUNS_ON_MARKS,
  SENTENCE_FINAL,
  SENTENCE_FINAL_WITH_ASCII,
  SENTENCE_OR_CLAUSE_MARKS,
  startsEnumeratedSentence,
  startsWithOrdinal,
  STRAY_END_MARKS,
  textBesidePageNumber,
  TITLE_CLAUSE_MARKS,
  TOC_HEADER,
  TOC_LEADERS_AND_PAGE,
  TRAILING_CLOSERS,
  UNCLOSED_TAIL,
  withoutPieceNumber,
  withoutStrayFullStop,
  withoutTrailingRemark,
} from '../../../lib/text/lexicon/index.js';

interface Table {
  readonly valid: readonly string[];
  readonly invalid: readonly string[];
}

/** One `it` per example: each valid one is recognised, each invalid one is not. */
function recognises(name: string, test: (text: string) => boolean, { valid, invalid }: Table): void {
  describe(name, () => {
    it.each(valid)('recognises %s', (text) => {
      expect(test(text)).toBe(true);
    });
    it.each(invalid)('does not recognise %s', (text) => {
      expect(test(text)).toBe(false);
    });
  });
}

const inClass = (chars: string) => {
  const pattern = new RegExp(`^${charClass(chars)}$`, 'u');
  return (mark: string) => pattern.test(mark);
};

describe('punctuation classes (GB/T 15834 names)', () => {
  recognises('sentence-final marks (句末点号)', inClass(SENTENCE_FINAL), { valid: ['。', '？', '！'], invalid: ['.', '?', '；', '，'] });
  recognises('sentence-final marks with their ASCII forms', inClass(SENTENCE_FINAL_WITH_ASCII), {
    valid: ['。', '？', '！', '?', '!'],
    // A full stop in ASCII is a decimal point as often.
    invalid: ['.', '；', '…'],
  });
  recognises('marks that divide a sentence or end it', inClass(SENTENCE_OR_CLAUSE_MARKS), {
    valid: ['。', '！', '？', '，', '；', '：'],
    // 顿号 lists words inside a title.
    invalid: ['、', ',', '…'],
  });
  recognises('marks that divide a title into clauses', inClass(TITLE_CLAUSE_MARKS), { valid: ['，', '、', ','], invalid: ['。', '；', '：'] });
  recognises('closing quotes and brackets after a sentence end', inClass(TRAILING_CLOSERS), {
    valid: ['”', '’', '」', '』', '）', ')', '》', '〉'],
    invalid: ['“', '（', '】', '。'],
  });
  recognises('marks a name never holds', inClass(NAME_BREAKING_MARKS), {
    valid: ['。', '，', '；', '！', '？', '!', '?', ',', ';', '…', '“', '”', '"'],
    invalid: ['、', '：', '·', '（'],
  });
  recognises('marks after which a line runs on (no title ends with one, none follows one)', inClass(RUNS_ON_MARKS), {
    valid: ['，', '、', '：', ':', ',', '；', ';', '（', '(', '“', '‘', '《', '〈', '【', '—'],
    invalid: ['。', '！', '》', '”', '】', '）'],
  });
  recognises('marks no line starts with (kinsoku)', inClass(LINE_START_FORBIDDEN), {
    valid: ['。', '，', '、', '；', '：', '？', '！', '）', '」', '』', '》', '】', '”', '’', '.', ',', ')'],
    invalid: ['（', '“', '《', '【', '—', '…'],
  });
  recognises('full-width punctuation a space beside is an artefact', inClass(FULL_WIDTH_PUNCTUATION), {
    valid: ['，', '。', '“', '”', '（', '》', '【', '〔', '「', '…', '—'],
    invalid: [',', '.', '"', '(', '·'],
  });
  recognises('marks after which a paragraph may be cut', inClass(CUTTABLE_AFTER_MARKS), {
    valid: ['。', '！', '？', '；', '!', '?', ';', '…'],
    invalid: ['，', '：', '、', '.', '”'],
  });
  recognises('stray marks at the end of an entry', inClass(STRAY_END_MARKS), { valid: ['。', '.', '，', ',', '；', ';'], invalid: ['！', '？', '：'] });

  recognises('a line that ends its sentence', endsSentence, {
    valid: ['认真学习。', '要做到以下三点：', '他说：“我们一定完成任务！”', '（见附件。）', '等等……', 'Done!'],
    invalid: ['我们要认真学习，', '述职报告', '一是加强学习', '他说“好”'],
  });
  recognises('a line holding a statement mark', holdsStatementMark, {
    valid: ['认真学习。提高认识', '对吗？', '是的；', 'yes; no', 'Why?'],
    invalid: ['2024年度述职报告', '党建、业务工作总结', '主题：学习', '（范文）'],
  });
  recognises('a line with a stray full stop', hasStrayFullStop, { valid: ['述职报告。', '讲稿.'], invalid: ['述职报告', '述职报告！', '。报告'] });

  it('takes a stray full stop, and only that, off a line', () => {
    expect(withoutStrayFullStop('讲稿。')).toBe('讲稿');
    expect(withoutStrayFullStop('讲稿。。')).toBe('讲稿。');
    expect(withoutStrayFullStop('讲稿')).toBe('讲稿');
  });
});

describe('numerals', () => {
  it.each([
    ['1', 1],
    ['12', 12],
    ['三', 3],
    ['十', 10],
    ['十三', 13],
    ['二十', 20],
    ['九十九', 99],
  ])('reads %s as %i', (digits, value) => {
    expect(numeralValue(digits)).toBe(value);
  });
});

describe('heading numbers', () => {
  it.each([
    ['一、总体情况', 1, 2],
    ['十二、其他', 1, 3],
    ['一百零一、附则', 1, 5],
    ['（一）强化理论武装', 2, 3],
    ['(二)加强学习', 2, 3],
    ['1.加强学习', 3, 2],
    ['2、提高认识', 3, 2],
    ['3．落实责任', 3, 2],
    ['（1）明确目标', 4, 3],
    ['①明确目标', 4, 1],
  ])('reads %s as a level-%i heading number of %i characters', (line, level, length) => {
    expect(matchHeadingNumber(line)).toEqual({ level, length });
  });

  it.each(['1.5亿元的投资', '一是加强学习', '第一篇 述职报告', '2024年工作总结', '十分重要'])('finds no heading number in %s', (line) => {
    expect(matchHeadingNumber(line)).toBeUndefined();
  });

  recognises('an enumerated sentence', startsEnumeratedSentence, { valid: ['一是加强学习', '十二是做好宣传'], invalid: ['一、加强学习', '是否加强', '一定要'] });
});

describe('piece numbers', () => {
  it.each([
    ['1.张XX述职报告', 0, 1, '张XX述职报告'],
    ['2、李XX述职报告', 1, 2, '李XX述职报告'],
    ['三、王XX工作总结', 2, 3, '王XX工作总结'],
    ['（四）刘XX讲话', 3, 4, '刘XX讲话'],
    ['第五篇 心得体会', 4, 5, '心得体会'],
    ['第二十部分 附录', 4, 20, '附录'],
    ['材料六：发言材料', 5, 6, '发言材料'],
    ['范文3：述职报告', 5, 3, '述职报告'],
    // Full-width digits are a style of their own.
    ['１．张XX述职报告', 6, 1, '张XX述职报告'],
  ])('reads %s as style %i, value %i, rest %s', (line, style, value, rest) => {
    expect(pieceNumber(line)).toEqual({ style, value, rest });
  });

  it.each(['张XX述职报告', '2024年工作总结', '第一书记述职报告', '材料的整理'])('finds no piece number in %s', (line) => {
    expect(pieceNumber(line)).toBeUndefined();
  });

  it('takes the piece number off a line, or leaves the line trimmed', () => {
    expect(withoutPieceNumber('第三篇 述职报告')).toBe('述职报告');
    expect(withoutPieceNumber(' 述职报告 ')).toBe('述职报告');
  });

  recognises('an ordinal opening a part', startsWithOrdinal, {
    valid: ['第三篇 述职报告', '第二章', '第一部分 总体要求', '第12篇', '第１篇'],
    invalid: ['第一书记述职报告', '三、述职报告', '第三次会议'],
  });
  recognises('a loose number at a title start', (line) => LOOSE_TITLE_NUMBER.test(line), {
    valid: ['1，述职报告', '1）述职报告', '（1）述职报告', '①述职报告', '第1篇章 报告'],
    invalid: ['述职报告', '2024年述职报告'],
  });
});

describe('genre words', () => {
  recognises('a genre word at the end', (text) => GENRE_ENDING.test(text), {
    valid: ['2024年述职报告', '在全县大会上的讲话', '专题民主生活会对照检查材料', '实施方案', '主持词'],
    invalid: ['述职报告会议', '工作情况', '学习'],
  });
  recognises('a collection word at the end (a compilation\'s cover)', (text) => COLLECTION_ENDING.test(text), {
    valid: ['2024年度党建工作材料汇编', '述职报告范文大全', '心得体会合集', '讲话稿精选'],
    invalid: ['2024年度述职报告', '汇编工作的总结', '关于做好资料汇编工作的'],
  });
});

describe('dates', () => {
  recognises('a date line (成文日期)', isDateLine, {
    valid: ['2024年3月5日', '2024 年 3 月 5 日', '二〇二四年三月五日', '二〇二四年十二月三十一日', '2024.3.5', '2024-03-05', '2024/3/5'],
    invalid: ['2024年3月', '于2024年3月5日召开', '2024.3-5', '（2024年3月5日）'],
  });
  recognises('a bracketed date line', isBracketedDateLine, { valid: ['（2024年3月5日）', '(2024年3月5日)'], invalid: ['2024年3月5日', '（范文）', '（2024年）'] });
});

describe('page and site furniture', () => {
  recognises('a page-number line', isPageNumberLine, {
    valid: ['— 3 —', '-3-', '－12－', '第3页', '第3页 共12页', '第 3 页，共 12 页', 'Page 3 of 12', 'page 3', '\u3000— 3 —'],
    // A bare number: a flattened table has them too.
    invalid: ['3', '第三页', '— 3 — 附件', '共12页'],
  });

  it.each([
    ['2024年度党建工作材料汇编    第3页', '2024年度党建工作材料汇编'],
    ['— 3 —  XX县委办公室', 'XX县委办公室'],
  ])('reads the text beside the page number in %s', (line, text) => {
    expect(textBesidePageNumber(line)).toBe(text);
  });

  it.each(['— 3 —', '这是第3页的内容', '汇编 第3页 的内容'])('reads no text beside a page number in %s', (line) => {
    expect(textBesidePageNumber(line)).toBeUndefined();
  });

  recognises('an unclosed remark or tag at a line end', (line) => UNCLOSED_TAIL.test(line), {
    valid: ['述职报告（范', '工作总结*【更多素材', '工作总结【'],
    invalid: ['述职报告（范文）', '工作总结【更多素材】', '工作总结'],
  });
  recognises('a table-of-contents heading', (line) => TOC_HEADER.test(line), { valid: ['目录', '目 录', '目  录：', 'Contents', 'TABLE OF CONTENTS'], invalid: ['目录如下', '总目录'] });
  recognises('leaders and a page number at an entry end', (line) => TOC_LEADERS_AND_PAGE.test(line), {
    valid: ['述职报告……3', '述职报告.... 12', '述职报告  5', '述职报告——iv'],
    invalid: ['述职报告', '述职报告3', '2024年'],
  });
  recognises('a table-of-contents line by its end', isTocLine, {
    valid: ['述职报告...3', '述职报告……… 12', '述职报告  5'],
    // A wrapped paragraph's line may end in a dash and a number, or two dots.
    invalid: ['增长了— 5', '述职报告..3', '2024年'],
  });
  recognises('a count line under a cover title', isCountLine, { valid: ['（5篇）', '(共5篇)', '5篇', '【十篇】', ' 共 12 篇 '], invalid: ['5篇述职报告', '（范文）', '第5篇'] });
});

describe('title shapes', () => {
  recognises('a title-shaped line', isTitleShaped, {
    valid: ['2024年度述职报告', '关于加强基层党建的实施方案', '《关于…的报告》学习体会', '目录页说明'],
    invalid: [
      '报告',
      '认真学习，提高认识，',
      // A wrap cut it off inside a tag or a clause: the words run on.
      '2024年度述职报告【',
      '学习党的二十大精神；',
      '一、总体情况',
      '一是加强学习',
      '（5篇）',
      '他说：“我们一定',
      '2024年度述职报告。',
      `${'很长的一行没有标点'.repeat(7)}述职报告`,
    ],
  });
  recognises('a title line, allowing a stray full stop', isTitleLine, { valid: ['2024年度述职报告。', '2024年度述职报告'], invalid: ['认真学习。提高认识。'] });
  recognises('a report title', isReportTitle, {
    valid: ['2024年度述职报告', '在全县大会上的讲话', '张XX同志述职报告（范文）', '校长述职报告【精选】', '工作总结[范文]'],
    invalid: ['2024年度工作情况', '一、工作总结', '述职报告会议纪实说明'],
  });
  recognises('a subtitle', isSubtitle, { valid: ['——在全市工作会议上的讲话', '—在全市工作会议上的讲话', '-- 在大会上的发言'], invalid: ['在全市工作会议上的讲话', '——主要做法'] });
  recognises('a remark alone on a line', isRemarkLine, { valid: ['（范文）', '(2篇)', '【精选】', '[范文]'], invalid: ['范文', '（）', '（这是一个超过十二个字符的很长的备注内容）'] });

  it('takes a trailing remark off a title', () => {
    expect(withoutTrailingRemark('述职报告（范文）')).toBe('述职报告');
    expect(withoutTrailingRemark('述职报告')).toBe('述职报告');
  });
});
