import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The built command, run as a user runs it (`npm test` builds it first), in a known locale.
const CLI = join(process.cwd(), 'bin', 'report-press.js');
const SEEDS = join(process.cwd(), 'test', 'fixtures', 'seeds');
const ONE_REPORT = join(SEEDS, '000_51d4175613d3e64f.txt');
const PACKAGE_VERSION = (JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { version: string }).version;

let work: string;

interface RunOptions {
  readonly lang?: string;
  readonly cwd?: string;
}

function run(args: readonly string[], options: RunOptions = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: options.lang ?? 'C.UTF-8' };
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  // A hang is what these tests guard against: a killed run fails them (status null) instead of
  // leaving the whole suite waiting.
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env, cwd: options.cwd ?? work, timeout: 30_000 });
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

/** A folder this process cannot write into: read-only for ordinary users; /sys refuses even root. */
function unwritableFolder(): string {
  if (process.getuid?.() === 0) return '/sys/report-press-test';
  const folder = join(work, 'read-only');
  mkdirSync(folder, { recursive: true });
  chmodSync(folder, 0o555);
  return join(folder, 'out');
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'report-press-cli-more-'));
});

afterAll(() => {
  if (existsSync(join(work, 'read-only'))) chmodSync(join(work, 'read-only'), 0o755);
  rmSync(work, { recursive: true, force: true });
});

describe('report-press convert with an output folder it cannot use', () => {
  it.runIf(existsSync('/proc/self'))('fails at once for a folder under /proc, in one line naming it', () => {
    // act: Node's recursive mkdir would spin here forever
    const result = run(['convert', ONE_REPORT, join(SEEDS, '002_4c7955c042904a00.txt'), '--out', '/proc/x']);
    // assert
    expect(result.status).toBe(1);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toContain('/proc/x');
    expect(result.stderr).toContain('ENOENT');
    expect(result.stdout).toBe('');
  });

  it('fails at once for a folder whose missing parent would have to go inside a file', () => {
    // prepare
    writeFileSync(join(work, 'notes.txt'), 'mine');
    const out = join(work, 'notes.txt', '2024', 'out');
    // act
    const result = run(['convert', ONE_REPORT, '--out', out]);
    // assert
    expect(result.status).toBe(1);
    expect(lines(result.stderr)).toEqual([expect.stringContaining(out)]);
    expect(result.stderr).toContain(`${join(work, 'notes.txt')} is not a folder`);
  });

  it('fails at once for a folder it has no permission to write in', () => {
    // prepare
    const out = unwritableFolder();
    // act
    const result = run(['convert', ONE_REPORT, '--out', out]);
    // assert
    expect(result.status).toBe(1);
    expect(lines(result.stderr)).toEqual([expect.stringContaining(out)]);
    expect(result.stderr).toMatch(/EACCES|EPERM/);
  });

  it('still converts the other inputs when one input’s own folder cannot be made', () => {
    // prepare: a file sits where the first input's folder would go
    const out = join(work, 'blocked-out');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, '000_51d4175613d3e64f'), 'in the way');
    const other = join(SEEDS, '002_4c7955c042904a00.txt');
    // act
    const result = run(['convert', ONE_REPORT, other, '--out', out, '--format', 'docx']);
    // assert
    expect(result.status).toBe(1);
    expect(lines(result.stderr)).toEqual([expect.stringContaining(join(out, '000_51d4175613d3e64f'))]);
    expect(result.stderr).toContain(ONE_REPORT);
    expect(readdirSync(join(out, '002_4c7955c042904a00'))).toContain('manifest.json');
  });
});

describe('report-press convert with Word documents', () => {
  const COMPILATION = join(SEEDS, '001_ee58601975a31a3a.txt');
  const dated = new Date('2024-05-01T10:00:00Z');

  beforeAll(async () => {
    // The compilation as a .txt and as a .docx holding the same text, one paragraph per line, equally dated.
    mkdirSync(join(work, 'word', 'as-text'), { recursive: true });
    mkdirSync(join(work, 'word', 'as-word'), { recursive: true });
    copyFileSync(COMPILATION, join(work, 'word', 'as-text', '汇编.txt'));
    const lines = readFileSync(COMPILATION, 'utf8').split('\n');
    const word = await Packer.toBuffer(new Document({ sections: [{ children: lines.map((line) => new Paragraph({ children: [new TextRun(line)] })) }] }));
    writeFileSync(join(work, 'word', 'as-word', '汇编.docx'), word);
    for (const file of ['as-text/汇编.txt', 'as-word/汇编.docx']) utimesSync(join(work, 'word', file), dated, dated);
    // Word's lock file beside an open document: not a document.
    writeFileSync(join(work, 'word', 'as-word', '~$汇编.docx'), Buffer.from([0x0c, 0x00, 0x41, 0x00]));
  });

  it('converts a .docx into the same documents and cuts as the .txt of the same text', () => {
    // act
    const text = run(['convert', 'word/as-text/汇编.txt', '--out', join(work, 'word-out', 'text')]);
    const word = run(['convert', 'word/as-word/汇编.docx', '--out', join(work, 'word-out', 'word')]);
    // assert
    expect([text.status, word.status, word.stderr]).toEqual([0, 0, text.stderr]);
    const folder = (from: string) => join(work, 'word-out', from, '汇编');
    const manifest = (from: string) => JSON.parse(readFileSync(join(folder(from), 'manifest.json'), 'utf8')) as { source: string; reports: { docx: string; pdf: string }[] };
    expect(manifest('word').source).toBe('汇编.docx');
    expect(manifest('word').reports).toEqual(manifest('text').reports);
    const documents = manifest('text').reports.flatMap((r) => [r.docx, r.pdf]);
    expect(documents.length).toBeGreaterThan(2);
    for (const name of documents) expect(Buffer.compare(readFileSync(join(folder('word'), name)), readFileSync(join(folder('text'), name))), name).toBe(0);
    const removals = (from: string) => (JSON.parse(readFileSync(join(folder(from), 'removals.json'), 'utf8')) as { removals: unknown[] }).removals;
    expect(removals('word')).toEqual(removals('text'));
  });

  it('converts the .docx of a folder, passing over Word’s lock files', () => {
    // act
    const result = run(['convert', 'word/as-word', '--out', join(work, 'word-out', 'folder'), '--format', 'docx']);
    // assert
    expect(result.status).toBe(0);
    expect(lines(result.stdout).at(-1)).toMatch(/; 1 \.txt or \.docx file found in word\/as-word, 1 other file skipped$/);
  });

  it('refuses a Word 97–2003 .doc in one line that says how to save it as text, in English and in Chinese', () => {
    // prepare: an OLE2 compound file, as every .doc starts
    writeFileSync(join(work, 'word', '旧报告.doc'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array<number>(504).fill(0)]));
    // act
    const english = run(['convert', 'word/旧报告.doc', '--out', join(work, 'word-out', 'doc')]);
    const chinese = run(['convert', 'word/旧报告.doc', '--out', join(work, 'word-out', 'doc')], { lang: 'zh_CN.UTF-8' });
    // assert
    expect([english.status, chinese.status]).toEqual([1, 1]);
    expect(lines(english.stderr)).toEqual([
      'report-press: word/旧报告.doc: the file is a Word 97–2003 document (.doc) or another older Office or WPS file, which cannot be read; open it in Word or WPS, choose Save As (另存为) → Plain Text (纯文本, *.txt) or Word Document (*.docx), and use the saved file instead',
    ]);
    expect(lines(chinese.stderr)).toEqual([
      'report-press: word/旧报告.doc: 文件是 Word 97–2003 文档（.doc）或其他旧版 Office、WPS 文件，无法读取；请用 Word 或 WPS 打开，选择“另存为”→“纯文本（*.txt）”或“Word 文档（*.docx）”，然后改用另存的文件',
    ]);
    expect(existsSync(join(work, 'word-out', 'doc', '旧报告'))).toBe(false);
  });
});

describe('report-press convert with folder inputs', () => {
  let texts: string;

  beforeAll(() => {
    // A folder as users keep them: reports, other files, a subfolder with a report of the same name.
    texts = join(work, 'texts');
    mkdirSync(join(texts, 'sub'), { recursive: true });
    copyFileSync(ONE_REPORT, join(texts, 'report.txt'));
    copyFileSync(join(SEEDS, '002_4c7955c042904a00.txt'), join(texts, 'sub', 'report.txt'));
    copyFileSync(join(SEEDS, '003_ba1c32b545c6b4ce.txt'), join(texts, 'SHOUT.TXT'));
    writeFileSync(join(texts, 'notes.md'), '# notes');
    writeFileSync(join(texts, 'scan.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    writeFileSync(join(texts, '.hidden.txt'), '不应被转换');
  });

  it('converts the .txt files of a folder and ends with one summary line saying what it found', () => {
    // prepare
    const out = join(work, 'folder-out');
    // act
    const result = run(['convert', 'texts', '--out', out, '--format', 'docx']);
    // assert
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const stdout = lines(result.stdout);
    expect(stdout).toHaveLength(3);
    expect(stdout[2]).toBe('2 files: 2 converted (2 reports); 2 .txt or .docx files found in texts, 2 other files skipped, 1 subfolder not searched (add --recursive)');
    expect(readdirSync(out).sort()).toEqual(['SHOUT', 'report']);
  });

  it('with --recursive, gives each file the folder of its relative path, so equal names stay apart', () => {
    // prepare
    const out = join(work, 'recursive-out');
    // act
    const result = run(['convert', 'texts', '--recursive', '--out', out, '--format', 'docx']);
    // assert
    expect(result.status).toBe(0);
    expect(lines(result.stdout).at(-1)).toBe('3 files: 3 converted (3 reports); 3 .txt or .docx files found in texts, 2 other files skipped');
    expect(existsSync(join(out, 'report', 'manifest.json'))).toBe(true);
    expect(existsSync(join(out, 'sub', 'report', 'manifest.json'))).toBe(true);
    const nested = JSON.parse(readFileSync(join(out, 'sub', 'report', 'manifest.json'), 'utf8')) as { source: string };
    expect(nested.source).toBe('report.txt');
  });

  it('refuses a folder with no .txt files in one line, and says --recursive would look deeper', () => {
    // prepare
    mkdirSync(join(work, 'only-sub', 'inner'), { recursive: true });
    // act
    const result = run(['convert', 'only-sub', '--out', join(work, 'only-sub-out')]);
    // assert
    expect(result.status).toBe(1);
    expect(lines(result.stderr)).toEqual(['report-press: only-sub: no .txt or .docx files in this folder (add --recursive to search its 1 subfolder)']);
  });

  it('lists the folder and its counts in --json', () => {
    // act
    const result = run(['convert', 'texts', '--out', join(work, 'json-out'), '--format', 'docx', '--json']);
    // assert
    const summary = JSON.parse(result.stdout) as { folders: unknown[]; converted: number };
    expect(summary.folders).toEqual([{ folder: 'texts', found: 2, skipped: 2, subfolders: 1 }]);
    expect(summary.converted).toBe(2);
  });
});

describe('report-press --version', () => {
  it.each([['--version'], ['-v']])('prints the package version with %s', (flag) => {
    // act
    const result = run([flag]);
    // assert
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(new RegExp(`^report-press ${PACKAGE_VERSION.replace(/\./g, '\\.')} \\(Node\\.js `));
  });
});

describe('report-press in Chinese', () => {
  it('refuses an empty file in Chinese when LANG is zh_CN.UTF-8', () => {
    // prepare
    writeFileSync(join(work, 'empty.txt'), '');
    // act
    const result = run(['convert', 'empty.txt', '--out', join(work, 'zh-out')], { lang: 'zh_CN.UTF-8' });
    // assert
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('report-press: empty.txt: 文件为空（0 字节），请重新导出报告文本\n');
  });

  it('reports a conversion in Chinese', () => {
    // act
    const result = run(['convert', ONE_REPORT, '--out', join(work, 'zh-ok'), '--format', 'docx'], { lang: 'zh_CN.UTF-8' });
    // assert
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/（1 篇报告，清除 \d+ 处，用时 [\d.]+ 秒）\n$/);
  });

  it('shows help in Chinese, usage lines included, and --lang en switches it back', () => {
    // act
    const chinese = run(['convert', '--help'], { lang: 'zh_CN.UTF-8' });
    const program = run(['--help'], { lang: 'zh_CN.UTF-8' });
    const english = run(['convert', '--help', '--lang', 'en'], { lang: 'zh_CN.UTF-8' });
    // assert
    expect(chinese.status).toBe(0);
    expect(chinese.stdout).toMatch(/^用法：report-press convert \[选项\] <input\.\.\.>\n/);
    expect(program.stdout).toMatch(/^用法：report-press \[选项\] \[命令\]\n/);
    expect(program.stdout).toContain('  convert [选项] <input...>');
    expect(program.stdout).not.toContain('[options]');
    expect(chinese.stdout).toContain('选项：');
    expect(chinese.stdout).toContain('输出文件夹');
    expect(english.stdout).toMatch(/^Usage: report-press convert \[options\] <input\.\.\.>\n/);
  });

  it('explains a usage error in Chinese with --lang zh, with exit status 2', () => {
    // act
    const result = run(['convert', 'x.txt', '--format', 'odt', '--lang', 'zh']);
    // assert
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('错误：选项 -f, --format <list> 的取值“odt”无效');
    expect(result.stderr).toContain('（加 --help 查看用法）');
  });

  it('says an unwritable output folder in Chinese', () => {
    // prepare
    writeFileSync(join(work, 'plain-file'), '');
    // act
    const result = run(['convert', ONE_REPORT, '--out', join(work, 'plain-file')], { lang: 'zh_CN.UTF-8' });
    // assert
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`report-press: 无法创建文件夹 ${join(work, 'plain-file')}：${join(work, 'plain-file')} 不是文件夹（ENOTDIR）\n`);
  });
});

describe('report-press wording', () => {
  it('counts one report in the singular', () => {
    // act
    const result = run(['convert', ONE_REPORT, '--out', join(work, 'singular'), '--format', 'docx']);
    // assert
    expect(result.stdout).toMatch(/\(1 report, \d+ cuts?, /);
  });

  it('says an empty --format is empty instead of printing nothing', () => {
    // act
    const result = run(['convert', 'x.txt', '--format', '']);
    // assert
    expect(result.status).toBe(2);
    expect(result.stderr).not.toContain('(got )');
    expect(result.stderr).toContain('(got nothing)');
  });

  it('gives a missing input the code NOT_FOUND in --json', () => {
    // act
    const result = run(['convert', 'missing.txt', ONE_REPORT, '--out', join(work, 'nf'), '--format', 'docx', '--json']);
    // assert
    const summary = JSON.parse(result.stdout) as { inputs: { code?: string; reason?: string }[] };
    expect(summary.inputs[0]).toMatchObject({ code: 'NOT_FOUND', reason: 'no such file' });
  });
});
