import { describe, expect, it } from 'vitest';
import { FileErrorCode, InputError, InputErrorCode } from '../../../lib/errors.js';
import { CATALOGUES, formatError, formatMessage, Lang, langFromLocale, parseLang, type MessageKey, type ParamsOf } from '../../../lib/messages/index.js';
import { CUT_RULE_IDS, KNOWN_RULES } from '../../../lib/text/rule-index.js';
import { WarningCode } from '../../../lib/warnings.js';
import { CORRECTIONS_SAMPLES } from './corrections-samples.js';

/**
 * Params for every message, as a caller would pass them. Typed by key, so a new message does not
 * compile until it has a sample here, and the walk below renders it in every language.
 */
const SAMPLES: { readonly [K in MessageKey]: ParamsOf<K> } = {
  EMPTY: { size: 0 },
  TOO_LARGE: { size: 30 * 1024 * 1024, limit: 20 * 1024 * 1024, limitOption: '--max-size' },
  TOO_MANY_LINES: { lines: 600000, limit: 500000 },
  TOO_MANY_REPORTS: { reports: 5001, limit: 5000 },
  BINARY: { cause: 'suspect', share: 0.29 },
  UNDECODABLE: { cause: 'mixed-at', encoding: 'GB18030', line: 1234, fault: 'not-chinese', share: 0.41 },
  NOTHING_LEFT: { stage: 'clean' },
  LEGACY_WORD: undefined,
  UNREADABLE_DOCX: { cause: 'Could not find main document part' },
  NOT_FOUND: undefined,
  NOT_A_FILE: undefined,
  UNREADABLE: { errno: 'EACCES' },
  NO_TEXT_FILES: { skipped: 3, subfolders: 2 },
  DUPLICATE_NAME: { first: 'a/report.txt', folder: 'report' },
  UNWRITABLE: { action: 'create', path: '/proc/x', errno: 'ENOENT', at: '/proc' },
  TOC_ENTRY_MISSING: { text: '2023年度述职报告' },
  TITLE_IN_BODY: { text: '个人工作总结', title: '2023年度述职报告' },
  OVERSIZED_REPORT: { text: '2023年度述职报告', size: 6620, median: 1200, factor: 3 },
  EMPTY_REPORT: { text: '2023年度述职报告' },
  NO_TITLE: { text: 'report' },
  MISSING_GLYPH: { text: '𠮷' },
  REPORT_IN_PARTS: { text: '2023年度工作总结', parts: 9 },
  'cli.converted': { input: 'texts/a.txt', folder: 'out/a', reports: 5, cuts: 8, seconds: 1.25 },
  'cli.summary': { files: 4, converted: 3, refused: 1, reports: 11 },
  'cli.summaryFound': { found: 4, folders: 1, folder: 'texts', skipped: 2, subfolders: 1 },
  'cli.warning': { input: 'texts/a.txt', report: 2, line: 40, message: '…' },
  'cli.progress': undefined,
  'cli.internalError': { message: 'boom' },
  'cli.version': { version: '0.1.0', node: '20.20.2', platform: 'linux x64' },
  'cli.devBanner': { endpoint: 'http://127.0.0.1:4568', dataDir: '/data', accessKeyId: 'report-press', secretAccessKey: 'report-press', region: 'us-east-1', eventSource: 'report-press' },
  'cli.devWebPage': { url: 'http://127.0.0.1:4569/' },
  'cli.devStopping': undefined,
  'cli.devStopped': { dir: '/data' },
  'usage.unknownOption': { option: '--bogus' },
  'usage.unknownCommand': { command: 'conver' },
  'usage.didYouMean': { suggestions: 'convert', several: false },
  'usage.missingArgument': { name: 'input' },
  'usage.optionMissingArgument': { option: '-o, --out <dir>' },
  'usage.excessArguments': { expected: 0, got: 1 },
  'usage.invalidOptionArgument': { option: '--format <list>', value: 'odt', reason: '…' },
  'usage.other': { message: 'error: something new' },
  'usage.seeHelp': undefined,
  'usage.megabytes': undefined,
  'usage.minutes': undefined,
  'usage.formats': { value: 'odt' },
  'usage.profile': { value: 'fancy', choices: 'gbt9704, plain' },
  'usage.port': undefined,
  'usage.lang': { value: 'fr' },
  'help.usage': undefined,
  'help.programUsage': undefined,
  'help.convertUsage': undefined,
  'help.devUsage': undefined,
  'help.arguments': undefined,
  'help.options': undefined,
  'help.globalOptions': undefined,
  'help.commands': undefined,
  'help.default': { value: 'out' },
  'help.program': undefined,
  'help.version': undefined,
  'help.help': undefined,
  'help.helpCommand': undefined,
  'help.lang': undefined,
  'help.convert': undefined,
  'help.convertInput': undefined,
  'help.out': undefined,
  'help.recursive': undefined,
  'help.profile': { choices: 'gbt9704, plain' },
  'help.format': undefined,
  'help.maxSize': undefined,
  'help.author': undefined,
  'help.json': undefined,
  'help.noProgress': undefined,
  'help.explain': undefined,
  'help.convertAfter': undefined,
  'help.dev': undefined,
  'help.devPort': undefined,
  'help.devDir': undefined,
  'help.devStall': undefined,
  'help.devWebPort': undefined,
  'help.devAfter': undefined,
  STAGE_FAILED: undefined,
  STALLED: { minutes: 60, stage: 'split' },
  NO_NAME: { name: '..txt' },
  KEY_TOO_LONG: { bytes: 900, limit: 775 },
  SIGN_IN_REQUIRED: undefined,
  NO_SUCH_JOB: { jobId: '0f1e2d3c' },
  NO_SUCH_ROUTE: { method: 'DELETE', path: '/api/jobs' },
  BAD_REQUEST: undefined,
  NOT_TXT: { name: 'report.docx' },
  UPLOAD_EMPTY: { name: 'empty.txt' },
  UPLOAD_TOO_LARGE: { name: 'big.txt', size: 25 * 1024 * 1024, limit: 20 * 1024 * 1024 },
  NOT_PLAIN_TEXT: { name: 'report.txt', contentType: 'application/pdf' },
  PROOF_NEEDS_TEXT: { name: '述职报告.docx' },
  'web.title': undefined,
  'web.heading': undefined,
  'web.lead': undefined,
  'web.drop': undefined,
  'web.pick': undefined,
  'web.dropHint': { limit: 20 * 1024 * 1024 },
  'web.jobs': undefined,
  'web.noJobs': undefined,
  'web.forget': undefined,
  'web.retry': undefined,
  'web.state': { state: 'rendering' },
  'web.uploadProgress': { sent: 1024 * 1024, total: 4 * 1024 * 1024 },
  'web.renderProgress': { done: 3, total: 10 },
  'web.reportCount': { reports: 5 },
  'web.pages': { pages: 7 },
  'web.characters': { characters: 5230 },
  'web.downloadDocx': undefined,
  'web.downloadPdf': undefined,
  'web.previewPdf': undefined,
  'web.downloadAll': undefined,
  'web.zipping': { done: 2, total: 10 },
  'web.zipFailed': { status: 403 },
  'web.warnings': undefined,
  'web.warningAt': { report: 2, line: 40 },
  'web.removals': { removals: 12, characters: 640 },
  'web.removalsNone': undefined,
  'web.family': { family: 'bracketed-advert' },
  'web.rule': { ruleId: 'whitespace/hard-wrap' },
  'web.familyCount': { removals: 4 },
  'web.removalLine': { line: 17 },
  'web.whitespaceOnly': undefined,
  'web.failedReason': undefined,
  'web.uploadFailed': { status: 403 },
  'web.networkError': undefined,
  'web.jobGone': undefined,
  'web.signInTitle': undefined,
  'web.username': undefined,
  'web.password': undefined,
  'web.newPassword': undefined,
  'web.newPasswordHint': undefined,
  'web.signIn': undefined,
  'web.setPassword': undefined,
  'web.signOut': undefined,
  'web.signInFailed': { reason: 'Incorrect username or password.' },
  'web.moreRemovals': { count: 120 },
  'web.loading': undefined,
  ...CORRECTIONS_SAMPLES,
};

/** Keys whose text is the same in every language on purpose (a pass-through or pure syntax). */
const LANGUAGE_NEUTRAL = new Set<MessageKey>(['usage.other', 'cli.version']);

/** Params that choose a wording rather than being shown. */
const SELECTORS = new Set(['action', 'cause', 'fault', 'stage', 'state', 'family', 'ruleId', 'op', 'why', 'kind']);

const HAN = /\p{Script=Han}/u;

function render(lang: Lang, key: MessageKey): string {
  return (CATALOGUES[lang][key] as (p: unknown) => string)(SAMPLES[key]);
}

describe('the message catalogue', () => {
  const keys = Object.keys(CATALOGUES[Lang.En]) as MessageKey[];

  it('has the same keys in every language', () => {
    // act
    const byLang = Object.values(Lang).map((lang) => Object.keys(CATALOGUES[lang]).sort());
    // assert
    for (const langKeys of byLang) expect(langKeys).toEqual([...keys].sort());
  });

  it('has a message for every input-error, file-error and warning code', () => {
    // prepare
    const codes = [...Object.values(InputErrorCode), ...Object.values(FileErrorCode), ...Object.values(WarningCode)];
    // assert
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(keys).toContain(code);
  });

  it.each(Object.keys(CATALOGUES[Lang.En]) as MessageKey[])('renders %s in every language, the Chinese in Chinese, with the same facts', (key) => {
    // act
    const english = render(Lang.En, key);
    const chinese = render(Lang.ZhCN, key);
    // assert
    for (const text of [english, chinese]) {
      expect(text.trim()).not.toBe('');
      expect(text).not.toMatch(/undefined|NaN|\[object /);
    }
    if (!LANGUAGE_NEUTRAL.has(key)) expect(chinese).toMatch(HAN);
    // Every path, code or number the English shows, the Chinese shows too.
    for (const [name, value] of Object.entries(SAMPLES[key] ?? {})) {
      if (SELECTORS.has(name) || typeof value !== 'string' || !english.includes(value)) continue;
      // A list may be punctuated the Chinese way (、); its items must all be there.
      for (const item of value.split(', ')) expect(chinese).toContain(item);
    }
  });

  it('names every family of the removal log in every language, none as the fallback for unknown ones', () => {
    // prepare
    const families = [...new Set([...KNOWN_RULES.values()].flatMap((rule) => (rule.family === undefined ? [] : [rule.family])))];
    for (const lang of Object.values(Lang)) {
      // act
      const names = families.map((family) => formatMessage('web.family', { family }, lang));
      // assert
      expect(new Set(names).size).toBe(families.length);
      expect(names).not.toContain(formatMessage('web.family', { family: 'no-such-family' }, lang));
    }
  });

  it.each(CUT_RULE_IDS)('names the rule %s, which cuts text, in every language', (ruleId) => {
    // act
    const english = formatMessage('web.rule', { ruleId }, Lang.En);
    const chinese = formatMessage('web.rule', { ruleId }, Lang.ZhCN);
    // assert
    expect(english).not.toBe(ruleId);
    expect(chinese).toMatch(HAN);
  });

  it('words an empty file as a Chinese engineer would', () => {
    // act
    const text = formatMessage(InputErrorCode.Empty, { size: 0 }, Lang.ZhCN);
    // assert
    expect(text).toBe('文件为空（0 字节），请重新导出报告文本');
  });

  it('tells a white-space-only file from an empty one by its size', () => {
    // act
    const english = formatMessage(InputErrorCode.Empty, { size: 12 }, Lang.En);
    const chinese = formatMessage(InputErrorCode.Empty, { size: 12 }, Lang.ZhCN);
    // assert
    expect(english).toBe('the file contains only white space; export the report text again');
    expect(chinese).toContain('空白');
  });

  it('says the size and the limit of an oversized file in megabytes', () => {
    // act
    const text = formatMessage(InputErrorCode.TooLarge, { size: 31.5 * 1024 * 1024, limit: 20 * 1024 * 1024 }, Lang.ZhCN);
    // assert
    expect(text).toContain('31.5 MB');
    expect(text).toContain('20 MB');
  });

  it('gives back a code it does not know, so a newer record still shows something searchable', () => {
    // act
    const text = formatMessage('SOME_FUTURE_CODE', {}, Lang.ZhCN);
    // assert
    expect(text).toBe('SOME_FUTURE_CODE');
  });

  it('explains each kind of file-system refusal differently', () => {
    // prepare
    const errnos = ['EACCES', 'EROFS', 'ENOTDIR', 'EISDIR', 'ENOENT', 'ENOSPC', 'EDQUOT', 'ENAMETOOLONG', 'ELOOP', 'EWHATEVER'];
    for (const lang of Object.values(Lang)) {
      // act
      const texts = errnos.map((errno) => formatMessage(FileErrorCode.Unwritable, { action: 'write', path: '/out/a.pdf', errno, at: '/out' }, lang));
      // assert
      expect(new Set(texts).size).toBe(errnos.length);
      texts.forEach((text, i) => {
        expect(text).toContain('/out/a.pdf');
        expect(text).toContain(errnos[i]);
      });
    }
  });
});

describe('InputError', () => {
  it('takes its English message from the catalogue when given params', () => {
    // act
    const error = new InputError(InputErrorCode.Undecodable, { offset: 17 });
    // assert
    expect(error.message).toBe(formatMessage(InputErrorCode.Undecodable, { offset: 17 }, Lang.En));
    expect(error.params).toEqual({ offset: 17 });
  });

  it('keeps a hand-written English message and still renders in Chinese from its code', () => {
    // prepare
    const error = new InputError(InputErrorCode.Binary, 'the file contains NUL bytes; upload text', { cause: 'nul' });
    // act
    const english = formatError(error, Lang.En);
    const chinese = formatError(error, Lang.ZhCN);
    // assert
    expect(english).toBe('the file contains NUL bytes; upload text');
    expect(chinese).toBe(formatMessage(InputErrorCode.Binary, { cause: 'nul' }, Lang.ZhCN));
  });

  it('lets the shell add facts it knows, while the error’s own params win', () => {
    // prepare
    const error = new InputError(InputErrorCode.TooLarge, 'too large', { limit: 1024 * 1024 });
    // act
    const text = formatError(error, Lang.ZhCN, { size: 3 * 1024 * 1024, limit: 99 });
    // assert
    expect(text).toContain('3 MB');
    expect(text).toContain('1 MB');
  });
});

describe('choosing the language', () => {
  it.each([
    [{ LANG: 'zh_CN.UTF-8' }, Lang.ZhCN],
    [{ LANG: 'zh_TW.UTF-8' }, Lang.ZhCN],
    [{ LANG: 'en_US.UTF-8' }, Lang.En],
    [{ LANG: 'C.UTF-8' }, Lang.En],
    [{}, Lang.En],
    [{ LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }, Lang.ZhCN],
    [{ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }, Lang.En],
    [{ LC_ALL: '', LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }, Lang.ZhCN],
    [{ LANG: 'de_DE.UTF-8' }, Lang.En],
  ])('reads %o as %s', (variables, lang) => {
    // act
    const chosen = langFromLocale(variables);
    // assert
    expect(chosen).toBe(lang);
  });

  it.each([
    ['zh', Lang.ZhCN],
    ['zh-CN', Lang.ZhCN],
    ['ZH_cn.utf8', Lang.ZhCN],
    ['en', Lang.En],
    ['en-GB', Lang.En],
    ['fr', undefined],
    ['zhx', undefined],
    ['', undefined],
  ])('parses the language name %j as %s', (value, lang) => {
    // act
    const parsed = parseLang(value);
    // assert
    expect(parsed).toBe(lang);
  });
});
