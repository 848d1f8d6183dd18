import { describe, expect, it } from 'vitest';
import {
  CORRECTIONS_LIMITS,
  CorrectionsError,
  CorrectionsErrorCode,
  parseCorrections,
  staleOperations,
  type Correction,
} from '../../../lib/corrections/corrections-document.js';

const SHA = 'a'.repeat(64);
const document = (operations: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ version: 1, input: { sha256: SHA }, operations, ...extra });
const op = (fields: Partial<Correction> & Pick<Correction, 'op'>): Correction => ({ id: 'c1', line: 1, offset: 0, text: '正文', ...fields });

/** The code a document is refused with, or `accepted`. */
function verdict(source: string | Uint8Array): string {
  try {
    parseCorrections(source);
    return 'accepted';
  } catch (error) {
    if (error instanceof CorrectionsError) return error.code;
    throw error;
  }
}

describe('a corrections document', () => {
  it.each([
    ['an empty list of operations', document([]), 'accepted'],
    ['one operation of each kind', document([
      op({ id: 'a', op: 'restore-cut', offset: 0, text: '广告' }),
      op({ id: 'b', op: 'remove-lines', offset: 10, text: '首页\n' }),
      op({ id: 'c', op: 'start-report', offset: 20, line: 3, text: '第二篇' }),
      op({ id: 'd', op: 'join-report', offset: 40, line: 5, text: '附件' }),
      op({ id: 'e', op: 'set-title', offset: 20, line: 3, text: '第二篇', title: '新标题' }),
    ]), 'accepted'],
    ['more than 256 KB of JSON', document([], { padding: 'x'.repeat(CORRECTIONS_LIMITS.bytes) }), CorrectionsErrorCode.TooLarge],
    ['10 MB of JSON', 'x'.repeat(10 * 1024 * 1024), CorrectionsErrorCode.TooLarge],
    ['bytes that are not UTF-8', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), CorrectionsErrorCode.NotJson],
    ['text that is not JSON', '{ operations: [] }', CorrectionsErrorCode.NotJson],
    ['another version', JSON.stringify({ version: 2, input: { sha256: SHA }, operations: [] }), CorrectionsErrorCode.Malformed],
    ['no input digest', JSON.stringify({ version: 1, operations: [] }), CorrectionsErrorCode.Malformed],
    ['an unknown operation', document([op({ op: 'rewrite' as Correction['op'] })]), CorrectionsErrorCode.Malformed],
    ['a negative offset', document([op({ op: 'remove-lines', offset: -1 })]), CorrectionsErrorCode.Malformed],
    ['an empty anchor text', document([op({ op: 'remove-lines', text: '' })]), CorrectionsErrorCode.Malformed],
    ['a repeated id', document([op({ op: 'remove-lines', offset: 0 }), op({ op: 'remove-lines', offset: 9 })]), CorrectionsErrorCode.Malformed],
    ['a title on another operation', document([op({ op: 'start-report', title: '标题' })]), CorrectionsErrorCode.Malformed],
    ['set-title without a title', document([op({ op: 'set-title' })]), CorrectionsErrorCode.Malformed],
    ['a title over two lines', document([op({ op: 'set-title', title: '上\n下' })]), CorrectionsErrorCode.Malformed],
    ['more operations than allowed', document(Array.from({ length: CORRECTIONS_LIMITS.operations + 1 }, (_, i) => op({ id: `c${i}`, op: 'remove-lines', offset: i * 2, text: '字' }))), CorrectionsErrorCode.TooMany],
    ['two removals sharing a character', document([op({ id: 'a', op: 'remove-lines', offset: 0, text: '一二三' }), op({ id: 'b', op: 'remove-lines', offset: 2, text: '三四' })]), CorrectionsErrorCode.Overlap],
    ['a cut restored inside a removed passage', document([op({ id: 'a', op: 'remove-lines', offset: 0, text: '一二三四' }), op({ id: 'b', op: 'restore-cut', offset: 1, text: '二' })]), CorrectionsErrorCode.Overlap],
    ['two report operations on one line', document([op({ id: 'a', op: 'start-report', offset: 5 }), op({ id: 'b', op: 'join-report', offset: 5 })]), CorrectionsErrorCode.Overlap],
    ['a report started on a removed line', document([op({ id: 'a', op: 'remove-lines', offset: 0, text: '第二篇\n' }), op({ id: 'b', op: 'start-report', offset: 0, text: '第二篇' })]), CorrectionsErrorCode.Overlap],
    ['a report started and titled on one line', document([op({ id: 'a', op: 'start-report', offset: 5 }), op({ id: 'b', op: 'set-title', offset: 5, title: '标题' })]), 'accepted'],
    ['removals side by side', document([op({ id: 'a', op: 'remove-lines', offset: 0, text: '一二' }), op({ id: 'b', op: 'remove-lines', offset: 2, text: '三四' })]), 'accepted'],
  ])('with %s is %s', (_, source, expected) => {
    // act
    const result = verdict(source);
    // assert
    expect(result).toBe(expected);
  });

  it('says in its refusal how to fix it, in English and with the facts', () => {
    // act
    const error = (() => {
      try {
        parseCorrections(document([op({ id: 'a', op: 'remove-lines', offset: 0, text: '一二三' }), op({ id: 'b', op: 'remove-lines', offset: 2, text: '三四' })]));
      } catch (caught) {
        return caught as CorrectionsError;
      }
      return undefined;
    })();
    // assert
    expect(error?.params).toEqual({ first: 'a', second: 'b' });
    expect(error?.message).toMatch(/a and b change the same text; undo one/);
  });

  it.each([
    ['the text at its offset on its line', { line: 2, offset: 3, text: '二行' }, []],
    ['other text at its offset', { line: 2, offset: 3, text: '三行' }, ['c1']],
    ['its text on another line than it says', { line: 1, offset: 3, text: '二行' }, ['c1']],
    ['an offset past the end', { line: 3, offset: 40, text: '三' }, ['c1']],
  ])('finds an operation stale when the input does not hold %s', (_, anchor, stale) => {
    // prepare
    const input = '一行\n二行\n三行';
    const parsed = parseCorrections(document([op({ id: 'c1', op: 'remove-lines', ...anchor })]));
    // act
    const found = staleOperations(parsed, input).map((o) => o.id);
    // assert
    expect(found).toEqual(stale);
  });
});
