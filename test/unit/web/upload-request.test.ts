import { describe, expect, it } from 'vitest';
import { WebErrorCode } from '../../../lib/web/api-contract.js';
import { checkUploadRequest } from '../../../lib/web/upload-request.js';

const MB = 1024 * 1024;

describe('checking an upload request', () => {
  it('accepts a .txt of plain text within the limit, extension written .txt', () => {
    // act
    const check = checkUploadRequest({ name: 'C:\\Users\\王\\述职报告.TXT', bytes: 41319, contentType: 'text/plain;charset=UTF-8' });
    // assert
    expect(check).toEqual({ ok: true, request: { name: '述职报告.txt', bytes: 41319, contentType: 'text/plain;charset=UTF-8' } });
  });

  it('accepts an empty content type, which browsers send for files they cannot classify', () => {
    // act
    const check = checkUploadRequest({ name: 'a.txt', bytes: 10, contentType: '' });
    // assert
    expect(check.ok).toBe(true);
  });

  it('refuses a name that is not .txt, in both languages', () => {
    // act
    const check = checkUploadRequest({ name: 'report.docx', bytes: 10, contentType: '' });
    // assert
    expect(check).toMatchObject({ ok: false, status: 400, error: { code: WebErrorCode.NotTxt, params: { name: 'report.docx' } } });
    if (!check.ok) expect(check.error.reasons['zh-CN']).toContain('不是 .txt 文件');
  });

  it('refuses a name with nothing but dots before .txt, which could name no output folder, in both languages', () => {
    // act
    const checks = ['..txt', '...TXT', 'C:\\tmp\\.txt'].map((name) => checkUploadRequest({ name, bytes: 10, contentType: '' }));
    // assert
    expect(checks.map((check) => (check.ok ? 'accepted' : check.error.code))).toEqual([WebErrorCode.NoName, WebErrorCode.NoName, WebErrorCode.NoName]);
    const [first] = checks;
    if (first && !first.ok) expect(first.error.reasons['zh-CN']).toContain('“..txt”在 .txt 前没有名称');
  });

  it('refuses a file over the limit with 413, naming both sizes', () => {
    // act
    const check = checkUploadRequest({ name: 'big.txt', bytes: 25 * MB, contentType: 'text/plain' }, { maxBytes: 20 * MB });
    // assert
    expect(check).toMatchObject({ ok: false, status: 413, error: { code: WebErrorCode.UploadTooLarge, params: { size: 25 * MB, limit: 20 * MB } } });
    if (!check.ok) expect(check.error.reasons.en).toBe('big.txt is 25 MB, over the 20 MB limit; split it into smaller files');
  });

  it('takes the clean stage’s limit by default: one byte over 20 MB is refused', () => {
    // act
    const atLimit = checkUploadRequest({ name: 'a.txt', bytes: 20 * MB, contentType: '' });
    const over = checkUploadRequest({ name: 'a.txt', bytes: 20 * MB + 1, contentType: '' });
    // assert
    expect([atLimit.ok, over.ok]).toEqual([true, false]);
  });

  it('refuses an empty file, a non-text type and a body of the wrong shape', () => {
    // act
    const empty = checkUploadRequest({ name: 'a.txt', bytes: 0, contentType: '' });
    const pdf = checkUploadRequest({ name: 'a.txt', bytes: 5, contentType: 'application/pdf' });
    const shapes = [undefined, 'a.txt', { name: 'a.txt' }, { name: 'a.txt', bytes: -1 }, { name: 'a.txt', bytes: 1.5 }, { name: 'a\u0000.txt', bytes: 1 }, { name: '.txt', bytes: 1 }];
    // assert
    expect(empty).toMatchObject({ ok: false, status: 400, error: { code: WebErrorCode.UploadEmpty } });
    expect(pdf).toMatchObject({ ok: false, status: 415, error: { code: WebErrorCode.NotPlainText } });
    expect(shapes.map((body) => checkUploadRequest(body).ok)).toEqual(shapes.map(() => false));
  });
});
