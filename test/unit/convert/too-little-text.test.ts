import { describe, expect, it } from 'vitest';
import { cleanStage } from '../../../lib/convert.js';
import { InputError, InputErrorCode } from '../../../lib/errors.js';
import { formatError, Lang } from '../../../lib/messages/index.js';

const bytesOf = (text: string) => new TextEncoder().encode(text);

function refusal(text: string, source: string): InputError | undefined {
  try {
    cleanStage(bytesOf(text), source);
    return undefined;
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
}

describe('a file too slight to be a report', () => {
  it('refuses one holding only an advert label, as nothing is left after cleaning', () => {
    // act
    const error = refusal('【广告】\n', 'ad.txt');
    // assert
    expect(error?.code).toBe(InputErrorCode.NothingLeft);
    expect(error?.params).toEqual({ stage: 'clean' });
  });

  it('refuses one holding a single Latin word, saying how little it holds and that none of it is Chinese', () => {
    // act
    const error = refusal('mine\n', 'mine.txt');
    // assert
    expect(error?.code).toBe(InputErrorCode.NothingLeft);
    expect(error && formatError(error, Lang.ZhCN)).toBe('文件里只有 4 个字符，没有中文，不是报告正文；请确认选对了文件');
    expect(error && formatError(error, Lang.En)).toBe('the file holds only 4 characters and no Chinese, which is not report text; check that it is the file you meant');
  });

  it('converts a short Chinese text, and a page of English prose', () => {
    // prepare
    const english = 'The committee met on Monday to review the budget for the coming year and agreed on three changes. '.repeat(3);
    // act
    const refused = [refusal('述职报告\n正文。\n', 'short.txt'), refusal(english, 'english.txt')];
    // assert
    expect(refused).toEqual([undefined, undefined]);
  });
});
