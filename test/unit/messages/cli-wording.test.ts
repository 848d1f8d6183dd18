import { describe, expect, it } from 'vitest';
import { formatMessage, Lang } from '../../../lib/messages/index.js';

describe('the command line’s Chinese wording', () => {
  it('puts full-width colons after 警告 and after the file in a warning', () => {
    // act
    const warning = formatMessage('cli.warning', { input: 'texts/a.txt', report: 2, line: 40, message: '标题下面没有正文' }, Lang.ZhCN);
    // assert
    expect(warning).toBe('警告：texts/a.txt（第 2 篇报告，第 40 行）：标题下面没有正文');
  });
});
