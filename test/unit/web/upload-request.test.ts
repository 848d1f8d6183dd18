import { describe, expect, it } from 'vitest';
import { DOCX_CONTENT_TYPE, WebErrorCode } from '../../../lib/web/api-contract.js';
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

  it('accepts a Word document (.docx) of Word’s type, a generic one or none, extension written .docx', () => {
    // act
    const checks = [DOCX_CONTENT_TYPE, 'application/octet-stream', ''].map((contentType) => checkUploadRequest({ name: '述职报告.DOCX', bytes: 20480, contentType }));
    const image = checkUploadRequest({ name: '述职报告.docx', bytes: 20480, contentType: 'image/png' });
    // assert
    expect(checks.map((check) => (check.ok ? check.request.name : check.error.code))).toEqual(['述职报告.docx', '述职报告.docx', '述职报告.docx']);
    expect(image).toMatchObject({ ok: false, status: 415 });
  });

  it('refuses a name that is neither .txt nor .docx with the way to save it as one, in both languages', () => {
    // act
    const pdf = checkUploadRequest({ name: 'report.pdf', bytes: 10, contentType: '' });
    const doc = checkUploadRequest({ name: '旧报告.doc', bytes: 10, contentType: 'application/msword' });
    // assert
    expect(pdf).toMatchObject({ ok: false, status: 400, error: { code: WebErrorCode.NotTxt, params: { name: 'report.pdf' } } });
    if (!pdf.ok) expect(pdf.error.reasons['zh-CN']).toBe('report.pdf 既不是 .txt 也不是 .docx 文件，只能转换纯文本和 Word 文档；请用 Word 或 WPS 打开，选择“另存为”→“纯文本（*.txt）”或“Word 文档（*.docx）”，然后改用另存的文件');
    if (!doc.ok) expect(doc.error.reasons['zh-CN']).toContain('旧报告.doc 是 Word 97–2003 或 WPS 文件，无法读取；请用 Word 或 WPS 打开，选择“另存为”→“纯文本（*.txt）”');
    expect(doc.ok).toBe(false);
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
    if (!check.ok) expect(check.error.reasons.en).toBe('the file is 25 MB, over the 20 MB limit; split it into smaller files');
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
