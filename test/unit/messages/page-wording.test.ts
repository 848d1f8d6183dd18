import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatMessage, Lang } from '../../../lib/messages/index.js';

const HAN = /^\p{Script=Han}/u;

describe('the page’s wording', () => {
  it('gives the upload progress of a small file in KB, not as 0.0 MB', () => {
    // act
    const chinese = formatMessage('web.uploadProgress', { sent: 3 * 1024, total: 6 * 1024 + 200 }, Lang.ZhCN);
    const english = formatMessage('web.uploadProgress', { sent: 3 * 1024, total: 6 * 1024 + 200 }, Lang.En);
    // assert
    expect(chinese).toBe('已上传 3.0 KB，共 6.2 KB');
    expect(english).toBe('3.0 KB of 6.2 KB sent');
  });

  it('gives the upload progress of a file of a megabyte or more in MB', () => {
    // act
    const chinese = formatMessage('web.uploadProgress', { sent: 512 * 1024, total: 3.5 * 1024 * 1024 }, Lang.ZhCN);
    // assert
    expect(chinese).toBe('已上传 512 KB，共 3.5 MB');
  });

  it('labels the file button with what it does, not as the second half of the drop sentence', () => {
    // act
    const label = formatMessage('web.pick', undefined, Lang.ZhCN);
    // assert
    expect(label).toBe('选择文件');
  });

  it('titles the tab and heads the page in Chinese first', () => {
    // act
    const title = formatMessage('web.title', undefined, Lang.ZhCN);
    const heading = formatMessage('web.heading', undefined, Lang.ZhCN);
    // assert
    expect(title).toMatch(HAN);
    expect(title).toContain('report-press');
    expect(heading).toMatch(HAN);
  });

  it('shows the same tab title before the page’s script has run', () => {
    // act
    const html = readFileSync(new URL('../../../web/index.html', import.meta.url), 'utf8');
    // assert
    expect(html).toContain(`<title>${formatMessage('web.title', undefined, Lang.ZhCN)}</title>`);
  });

  it.each([Lang.ZhCN, Lang.En])('words a refused upload (%s) as the chain words the same failure, which the page shows after 失败原因', (lang) => {
    // prepare
    const size = 25 * 1024 * 1024;
    const limit = 20 * 1024 * 1024;
    // act
    const refused = [formatMessage('UPLOAD_EMPTY', { name: 'x.txt' }, lang), formatMessage('UPLOAD_TOO_LARGE', { name: 'x.txt', size, limit }, lang)];
    const failed = [formatMessage('EMPTY', { size: 0 }, lang), formatMessage('TOO_LARGE', { size, limit }, lang)];
    // assert
    expect(refused).toEqual(failed);
  });
});
