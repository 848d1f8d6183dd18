import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { readDocxParagraphs } from '../../../functions/word-reader.js';
import { InputError, InputErrorCode } from '../../../lib/errors.js';
import { InputFormat, inputFormatOf, readInputText } from '../../../lib/input-text.js';
import { formatMessage, Lang } from '../../../lib/messages/index.js';
import { decodeText } from '../../../lib/text/decode.js';

/** A .docx as Word saves it, one paragraph per line of `lines`, then `after` (a table, say). */
async function wordDocument(lines: readonly string[], after: (Paragraph | Table)[] = []): Promise<Uint8Array> {
  const children = [...lines.map((line) => new Paragraph({ children: [new TextRun(line)] })), ...after];
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

/** The first sector of a Word 97–2003 file: the OLE2 signature, then its header. */
const WORD_97 = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array<number>(504).fill(0)]);

const refusal = async (reading: Promise<unknown>): Promise<InputError> => {
  const error = await reading.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof InputError)) throw new Error(`expected an InputError, got ${String(error)}`);
  return error;
};

describe('reading an input file as text', () => {
  it('reads a Word document paragraph by paragraph, one per line, blank paragraphs as blank lines, table cells after', async () => {
    // prepare
    const table = new Table({ rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph('单元格甲')] }), new TableCell({ children: [new Paragraph('单元格乙')] })] })] });
    const bytes = await wordDocument(['2023年度述职报告', '', '　　一年来，我认真履行职责。', '【广告】更多范文 www.example.com'], [table]);
    // act
    const read = await readInputText(bytes, { readDocx: readDocxParagraphs });
    // assert
    expect(read).toEqual({ format: InputFormat.Docx, text: '2023年度述职报告\n\n　　一年来，我认真履行职责。\n【广告】更多范文 www.example.com\n单元格甲\n单元格乙', bytes });
  });

  it('tells the format by the first bytes, not the name: a ZIP, an OLE2 file, anything else', async () => {
    // act / assert
    expect(inputFormatOf(await wordDocument(['正文']))).toBe(InputFormat.Docx);
    expect(inputFormatOf(WORD_97)).toBe(InputFormat.LegacyOffice);
    expect(inputFormatOf(new TextEncoder().encode('PK 开头的普通文本'))).toBe(InputFormat.Text);
  });

  it('decodes anything that is not a ZIP or an OLE2 file as text, as before', async () => {
    // prepare
    const gb18030 = new Uint8Array([0xd2, 0xbb, 0xc4, 0xea, 0xc0, 0xb4, 0xa3, 0xac, 0xce, 0xd2, 0xc8, 0xcf, 0xd5, 0xe6, 0xc2, 0xc4, 0xd0, 0xd0, 0xd6, 0xb0, 0xd4, 0xf0, 0xa1, 0xa3]);
    // act
    const read = await readInputText(gb18030, { readDocx: readDocxParagraphs });
    // assert
    expect(read).toEqual({ format: InputFormat.Text, text: decodeText(gb18030), bytes: gb18030 });
  });

  it('refuses a Word 97–2003 file with a reason that says to save it as text or .docx, in both languages', async () => {
    // act
    const error = await refusal(readInputText(WORD_97, { readDocx: readDocxParagraphs }));
    // assert
    expect(error.code).toBe(InputErrorCode.LegacyWord);
    expect(error.message).toContain('Save As (另存为) → Plain Text (纯文本, *.txt)');
    expect(formatMessage(error.code, error.params, Lang.ZhCN)).toContain('“另存为”→“纯文本（*.txt）”');
  });

  it('refuses a ZIP that is not a Word document, saying what the reader found', async () => {
    // prepare
    const zip = zipSync({ 'notes.txt': new TextEncoder().encode('不是 Word 文档') });
    // act
    const error = await refusal(readInputText(zip, { readDocx: readDocxParagraphs }));
    // assert
    expect(error.code).toBe(InputErrorCode.UnreadableDocx);
    expect(error.message).toMatch(/^the file is a ZIP archive but not a Word document \(\.docx\) that can be read \(.+\); open it in Word or WPS/);
  });

  it('refuses a Word document without text as empty', async () => {
    // act
    const error = await refusal(readInputText(await wordDocument(['', '  ']), { readDocx: readDocxParagraphs }));
    // assert
    expect([error.code, error.params]).toEqual([InputErrorCode.Empty, { format: 'docx' }]);
    expect(formatMessage(error.code, error.params, Lang.ZhCN)).toBe('Word 文档中没有文字，请确认文件是否选对，或重新导出报告文本');
  });

  it('holds a Word document to the size limit before reading it', async () => {
    // prepare
    const bytes = await wordDocument(['正文']);
    const readDocx = vi.fn(readDocxParagraphs);
    // act
    const error = await refusal(readInputText(bytes, { decode: { maxBytes: bytes.length - 1, limitOption: '--max-size' }, readDocx }));
    // assert
    expect([error.code, error.params]).toEqual([InputErrorCode.TooLarge, { size: bytes.length, limit: bytes.length - 1, limitOption: '--max-size' }]);
    expect(readDocx).not.toHaveBeenCalled();
  });
});
