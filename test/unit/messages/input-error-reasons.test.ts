import { describe, expect, it } from 'vitest';
import { cleanStage, splitStage } from '../../../lib/convert.js';
import { InputError, InputErrorCode } from '../../../lib/errors.js';
import { formatError, Lang } from '../../../lib/messages/index.js';
import { inputErrorRecord } from '../../../lib/pipeline/work-items.js';
import { StageName } from '../../../lib/pipeline/stages.js';
import { DEFAULT_MAX_BYTES, TextEncoding } from '../../../lib/text/decode.js';
import { encode, randomBytes, seedTexts, traditionalText } from '../text/decode-helpers.js';

const MB = 1024 * 1024;
const report = seedTexts()[1]!.text;
const concat = (...parts: Uint8Array[]) => new Uint8Array(parts.flatMap((part) => [...part]));

/** The error the chain's clean and split stages raise for `bytes` (no options: the chain sets none). */
function chainRefusal(bytes: Uint8Array): InputError {
  try {
    splitStage(cleanStage(bytes, 'upload.txt'));
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected the input to be refused');
}

/** The reasons of the error.json the chain writes for `bytes`. */
function reasonsFor(bytes: Uint8Array): Record<Lang, string> {
  const record = inputErrorRecord('upload.txt', StageName.Clean, chainRefusal(bytes), new Date('2024-05-01T10:00:00Z'));
  return record.reasons as Record<Lang, string>;
}

/** Numbers, percentages and encoding names: the facts a reason is built from. */
const facts = (text: string) => text.match(/\d+(?:\.\d+)?(?: MB|%)?|UTF-(?:8|16(?:LE|BE)?)|GB18030|Big5/g) ?? [];

/** Valid GB18030 of the GBK extension rows, which hold no common characters. */
function rareCharacters(): Uint8Array {
  const pairs = Array.from({ length: 600 }, (_, i) => [0x81 + (i % 32), 0x40 + ((i * 7) % 63)]);
  const text = new TextDecoder('gb18030').decode(new Uint8Array(pairs.flat())).replace(/(.{40})/gu, '$1\n');
  return encode(text, TextEncoding.Gb18030);
}

const gb18030Report = encode(Array.from({ length: 30 }, () => report).join('\n'), TextEncoding.Gb18030);
let brokenAt = 700_000;
while (gb18030Report[brokenAt - 1]! >= 0x80) brokenAt++;

describe('the reasons in the chain’s error.json', () => {
  it('call a file of white space only that, in Chinese as in English, not an empty file of 0 bytes', () => {
    // act
    const reasons = reasonsFor(new TextEncoder().encode('  \n\t\r\n　\n'));
    // assert
    expect(reasons[Lang.En]).toBe('the file contains only white space; export the report text again');
    expect(reasons[Lang.ZhCN]).toBe('文件里只有空白字符，请重新导出报告文本');
  });

  it('still call an empty file empty, with its 0 bytes', () => {
    // act
    const reasons = reasonsFor(new Uint8Array());
    // assert
    expect(reasons[Lang.En]).toBe('the file is empty (0 bytes); export the report text again');
    expect(reasons[Lang.ZhCN]).toBe('文件为空（0 字节），请重新导出报告文本');
  });

  it('give an oversized upload its size and the limit, and tell its uploader to split it, not to raise --max-size', () => {
    // act
    const reasons = reasonsFor(new Uint8Array(DEFAULT_MAX_BYTES + 3 * MB).fill(0x41));
    // assert
    expect(reasons[Lang.En]).toBe('the file is 23 MB, over the 20 MB limit; split it into smaller files');
    expect(reasons[Lang.ZhCN]).toBe('文件大小为 23 MB，超过了 20 MB 的上限，请拆分成较小的文件');
  });

  it('tell text with no report in it apart from text that is all adverts, in Chinese too', () => {
    // act
    const reasons = reasonsFor(new TextEncoder().encode('目 录\n一、abc……1'));
    // assert
    expect(reasons[Lang.En]).toBe('no report text was found after cleaning');
    expect(reasons[Lang.ZhCN]).toBe('清理之后没有找到报告正文');
  });

  it.each([
    ['random bytes', randomBytes(1, 200_000, 1, 255)],
    ['mostly symbols', new TextEncoder().encode('a#########'.repeat(2000))],
    ['rare characters only', rareCharacters()],
    ['an invalid byte in GB18030', concat(gb18030Report.subarray(0, brokenAt), new Uint8Array([0xff]), gb18030Report.subarray(brokenAt))],
    ['GB18030 and Big5 mixed', concat(encode(report.slice(0, 4000) + '\n', TextEncoding.Gb18030), encode(traditionalText() + '\n', TextEncoding.Big5), encode(report.slice(4000, 8000), TextEncoding.Gb18030))],
    ['a broken UTF-16LE file', concat(new Uint8Array([0xff, 0xfe]), encode('述职报告', TextEncoding.Utf16le), new Uint8Array([0x41]))],
  ])('give every fact of the English reason in the Chinese one too: %s', (_name, bytes) => {
    // act
    const error = chainRefusal(bytes);
    const reasons = reasonsFor(bytes);
    // assert: the English is the catalogue's, rendered from the same code and facts as the Chinese
    expect(reasons[Lang.En]).toBe(error.message);
    expect(reasons[Lang.En]).toBe(formatError({ code: error.code, params: error.params }, Lang.En));
    expect(facts(reasons[Lang.En]).length).toBeGreaterThan(0);
    for (const fact of facts(reasons[Lang.En])) expect(reasons[Lang.ZhCN]).toContain(fact);
  });
});

describe('the CLI’s refusal of an oversized input', () => {
  it('names --max-size in both languages, since its user can raise the limit', () => {
    // prepare
    const bytes = new Uint8Array(3 * MB).fill(0x41);
    // act
    let error: unknown;
    try {
      cleanStage(bytes, 'big.txt', { decode: { maxBytes: 2 * MB, limitOption: '--max-size' } });
    } catch (caught) {
      error = caught;
    }
    // assert
    expect(error).toBeInstanceOf(InputError);
    const refusal = error as InputError;
    expect(refusal.code).toBe(InputErrorCode.TooLarge);
    expect(formatError(refusal, Lang.En)).toBe('the file is 3 MB, over the 2 MB limit; split it or raise --max-size');
    expect(formatError(refusal, Lang.ZhCN)).toBe('文件大小为 3 MB，超过了 2 MB 的上限，请拆分后再转换，或用 --max-size 调高上限');
  });
});
