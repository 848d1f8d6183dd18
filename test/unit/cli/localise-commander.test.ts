import { describe, expect, it } from 'vitest';
import { displayWidth, wrapText } from '../../../cli/localise-commander.js';
import { cliLang } from '../../../cli/locale.js';
import { Lang } from '../../../lib/messages/index.js';

describe('help text layout', () => {
  it('counts a Chinese character as two terminal columns', () => {
    // act
    const width = displayWidth('版式：gbt9704');
    // assert
    expect(width).toBe(6 + 7);
  });

  it('wraps Chinese text that has no spaces within the width', () => {
    // prepare
    const text = '输出文件夹；每个输入写到 <dir>/<名称>/，内含 manifest.json 和 NN-<标题>.docx/.pdf（默认：out）';
    // act
    const lines = wrapText(text, 30).split('\n');
    // assert
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(30);
    expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  });

  it('never starts a line with closing punctuation', () => {
    // prepare: five characters fill the width exactly, so the comma would open the next line
    const text = '一二三四五，六七八九十';
    // act
    const lines = wrapText(text, 10).split('\n');
    // assert: the last character goes down with its comma
    expect(lines.slice(0, 2)).toEqual(['一二三四', '五，六七八']);
    expect(lines.every((line) => !/^[，。）]/.test(line))).toBe(true);
  });

  it('keeps English words whole', () => {
    // act
    const lines = wrapText('formats to write: docx, pdf or docx,pdf', 12).split('\n');
    // assert
    expect(lines).toEqual(['formats to', 'write: docx,', 'pdf or', 'docx,pdf']);
  });
});

describe('the language of a run', () => {
  it('follows LANG when nothing is asked for', () => {
    // act
    const lang = cliLang(['convert', 'a.txt'], { LANG: 'zh_CN.UTF-8' });
    // assert
    expect(lang).toBe(Lang.ZhCN);
  });

  it.each([
    [['--lang', 'en', 'convert', 'a.txt'], { LANG: 'zh_CN.UTF-8' }, Lang.En],
    [['convert', 'a.txt', '--lang=zh'], { LANG: 'en_US.UTF-8' }, Lang.ZhCN],
    [['convert', '--lang', 'zh', 'a.txt'], {}, Lang.ZhCN],
  ])('lets --lang win over the locale: %j', (argv, env, lang) => {
    // act
    const chosen = cliLang(argv, env);
    // assert
    expect(chosen).toBe(lang);
  });

  it('falls back to the locale for an unknown --lang, so the error is in a language the user reads', () => {
    // act
    const lang = cliLang(['--lang', 'fr'], { LC_ALL: 'zh_CN.UTF-8' });
    // assert
    expect(lang).toBe(Lang.ZhCN);
  });

  it('does not read --lang after --, where it is a file name', () => {
    // act
    const lang = cliLang(['convert', '--', '--lang', 'zh'], { LANG: 'C' });
    // assert
    expect(lang).toBe(Lang.En);
  });
});
