// The page in a real browser: Debian's Chromium, headless, driven by playwright-core, against
// `report-press dev` started as a user starts it (the built CLI). Without a Chromium the test is
// skipped and says so, unless REPORT_PRESS_REQUIRE_BROWSER=1 (CI sets it) makes that a failure.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { unzipSync } from 'fflate';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMessage, Lang } from '../../lib/messages/index.js';
import { lastModifiedOf, listKeys, pollUntil } from '../integration/s3-helpers.js';
import { createS3Client } from '../../functions/s3-client.js';
import { BUCKETS } from '../../cli/local-s3.js';
import { LOCAL_USER_ID, userPrefix } from '../../lib/web/api-contract.js';
import { referenceOutputs, type ReferenceOutputs } from '../integration/reference-outputs.js';

const CHROMIUM = process.env.REPORT_PRESS_CHROMIUM ?? '/usr/bin/chromium';
const REQUIRED = process.env.REPORT_PRESS_REQUIRE_BROWSER === '1';
/** A folder to save the page's screenshots in (the README's come from `REPORT_PRESS_SCREENSHOTS=docs`). */
const SCREENSHOTS = process.env.REPORT_PRESS_SCREENSHOTS;
const available = existsSync(CHROMIUM);

const CLI = join(process.cwd(), 'bin', 'report-press.js');
const SEEDS = join(process.cwd(), 'test', 'fixtures', 'seeds');
const COMPILATION = '001_ee58601975a31a3a.txt';
const SINGLE = '004_ec1a424d1d804ec6.txt';
const BAD = '损坏的文件.txt';
const UNSURE = '目录缺篇的汇编.txt';
/** Uploaded after a restart of `report-press dev`, and while it is down. */
const AFTER_RESTART = '000_51d4175613d3e64f.txt';
const WHILE_DOWN = '002_4c7955c042904a00.txt';
/** The compilation's text saved as a Word document. */
const WORD = '述职报告汇编（Word 版）.docx';

/** A compilation whose table of contents lists a report the text does not have: a split warning. */
const UNSURE_TEXT = [
  '2023年度述职报告汇编（2篇）',
  '目 录',
  '1. 2023年度个人述职报告',
  '2. 2023年度党建工作总结',
  '2023年度个人述职报告',
  '今年以来，我认真履行岗位职责，扎实推进各项工作，现将有关情况报告如下。',
  '一、加强理论学习',
  '坚持把学习作为第一要务，认真学习党的二十大精神，不断提高政治素质和业务能力。',
  '二、存在的不足',
  '一是学习深度还不够；二是创新意识还不强。今后我将进一步改进工作作风，努力做出新的成绩。',
].join('\n');

/** Chromium on this machine's closed network: no first-run, sync, update or background connections. */
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let work: string;
let dev: ChildProcess | undefined;
let context: BrowserContext | undefined;
let page: Page;
let url: string;
let s3Endpoint: string;
let ports: { readonly s3: number; readonly web: number };
/** What the browser reported blocking under the page's Content-Security-Policy (the deployed one). */
const policyViolations: string[] = [];
const expected = new Map<string, ReferenceOutputs>();

/**
 * What `report-press convert` makes of the uploaded files, dated like the chain's documents by
 * their upload's LastModified: the documents the page offers must be these bytes.
 */
async function convertUploads(files: readonly string[]): Promise<void> {
  const client = createS3Client({ endpoint: s3Endpoint });
  const keys = await listKeys(client, BUCKETS.input, userPrefix(LOCAL_USER_ID));
  for (const file of files) {
    const key = keys.find((k) => k.endsWith(`/${file}`));
    if (!key) throw new Error(`no upload of ${file} among ${keys.join(', ')}`);
    expected.set(file, await referenceOutputs(readFileSync(join(SEEDS, file)), file, await lastModifiedOf(client, BUCKETS.input, key)));
  }
}

const card = (name: string): Locator => page.locator('article.job', { has: page.locator('h3.name', { hasText: name }) });

async function download(click: () => Promise<void>): Promise<{ name: string; bytes: Uint8Array }> {
  const [started] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), click()]);
  return { name: started.suggestedFilename(), bytes: readFileSync((await started.path()) as string) };
}

/** The whole page, or one element of it, saved when screenshots are asked for. */
async function screenshot(name: string, element?: Locator): Promise<void> {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, name);
  await (element ? element.screenshot({ path }) : page.screenshot({ path, fullPage: true }));
}

/** A TCP port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', () => resolveListen()));
  const { port } = server.address() as { port: number };
  await new Promise((resolveClose) => server.close(resolveClose));
  return port;
}

/** Starts `report-press dev` on the test's ports and data folder, as a user starts it, and waits for its page. */
async function startDev(): Promise<void> {
  const child = spawn(process.execPath, [CLI, 'dev', '--port', String(ports.s3), '--web-port', String(ports.web), '--dir', join(work, 'data')], { stdio: ['ignore', 'pipe', 'pipe'] });
  dev = child;
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  url = await pollUntil('the page URL', async () => /web page on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)?.[1], 20_000);
  s3Endpoint = /S3-compatible server on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1] ?? '';
}

/** Stops it as Ctrl-C does, and waits until it has. */
async function stopDev(): Promise<void> {
  const child = dev;
  dev = undefined;
  if (!child || child.exitCode !== null) return;
  child.kill('SIGINT');
  await once(child, 'exit');
}

if (!available && !REQUIRED) {
  // Printed with the test file's output, beside its skipped tests: a fresh machine's `npm test` still passes.
  console.warn(`SKIPPED the web page's browser test: no Chromium at ${CHROMIUM}. Install Debian's chromium (apt-get install -y chromium) or set REPORT_PRESS_CHROMIUM; CI sets REPORT_PRESS_REQUIRE_BROWSER=1, which makes a missing Chromium a failure.`);
}

describe.runIf(available || REQUIRED)('the web page in headless Chromium, against report-press dev', () => {
  beforeAll(async () => {
    if (!available) throw new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium) or set REPORT_PRESS_CHROMIUM`);
    work = mkdtempSync(join(tmpdir(), 'report-press-web-page-'));
    writeFileSync(join(work, BAD), Buffer.from('这不是文本\u0000\u0000\u0000\u0001\u0002', 'utf8'));
    writeFileSync(join(work, UNSURE), UNSURE_TEXT);
    // Fixed ports, so that a restarted `report-press dev` is where the open page looks for it.
    ports = { s3: await freePort(), web: await freePort() };
    const [, browser] = await Promise.all([
      startDev(),
      chromium.launchPersistentContext(join(work, 'profile'), { executablePath: CHROMIUM, args: CHROMIUM_FLAGS, viewport: { width: 1100, height: 900 }, acceptDownloads: true, locale: 'zh-CN' }),
    ]);
    context = browser;
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) policyViolations.push(message.text());
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await stopDev();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('uploads two fixtures, an unsure compilation and a bad file, and gives the same documents as report-press convert', async () => {
    // prepare
    await page.goto(url);

    // act: pick four files at once, as from the file dialog
    await page.setInputFiles('#file-input', [join(SEEDS, COMPILATION), join(SEEDS, SINGLE), join(work, UNSURE), join(work, BAD)]);
    await expect.poll(() => page.locator('article.job[data-state=done], article.job[data-state=failed]').count(), { timeout: 40_000, interval: 250 }).toBe(4);
    await convertUploads([COMPILATION, SINGLE]);
    const compilation = expected.get(COMPILATION)!;
    const single = expected.get(SINGLE)!;
    await screenshot('web-page-done.png');
    const pdf = await download(() => card(COMPILATION).locator('tr[data-report="1"] a[data-download=pdf]').click());
    const docx = await download(() => card(SINGLE).locator('tr[data-report="1"] a[data-download=docx]').click());
    // (a ZIP that could not be built says why in its status line, which a failure should show)
    const zip = await download(() => card(COMPILATION).locator('button[data-zip]').click()).catch(async (error: unknown) => {
      throw new Error(`no ZIP download; the page says “${await card(COMPILATION).locator('.zip-status').textContent()}”: ${String(error)}`);
    });

    // assert: the reports listed are the manifest's, with pages and characters
    const titles = await card(COMPILATION).locator('td.title').allTextContents();
    expect(titles).toEqual(compilation.manifest.reports.map((r) => r.title));
    expect(await card(COMPILATION).locator('tr[data-report="1"]').textContent()).toMatch(new RegExp(`\\d+ 页${compilation.manifest.reports[0]!.characters} 字`));
    // the downloads, byte for byte
    const firstPdf = compilation.manifest.reports[0]!.pdf;
    expect(pdf.name).toBe(firstPdf);
    expect(Buffer.compare(pdf.bytes, compilation.documents.get(firstPdf)!)).toBe(0);
    const singleDocx = single.manifest.reports[0]!.docx;
    expect(docx.name).toBe(singleDocx);
    expect(Buffer.compare(docx.bytes, single.documents.get(singleDocx)!)).toBe(0);
    // the ZIP holds every document of the job, as converted
    const zipped = unzipSync(zip.bytes);
    expect(zip.name).toBe('001_ee58601975a31a3a.zip');
    expect(Object.keys(zipped).sort()).toEqual(compilation.manifest.reports.flatMap((r) => [r.docx, r.pdf]).sort());
    for (const [name, bytes] of Object.entries(zipped)) expect(Buffer.compare(bytes, compilation.documents.get(name)!), name).toBe(0);
    // the unsure compilation's split warning at the top of its job, in Chinese, with its line
    const warning = await card(UNSURE).locator('.warnings li').allTextContents();
    expect(warning).toEqual([`第 4 行 ${formatMessage('TOC_ENTRY_MISSING', { text: '2. 2023年度党建工作总结' }, Lang.ZhCN)}`]);
    // the bad file fails with the error record's reason, in Chinese, saying what was found
    const reason = await card(BAD).locator('[data-reason]').textContent();
    expect(reason).toContain(formatMessage('BINARY', { cause: 'nul' }, Lang.ZhCN));
  });

  it('builds the ZIP after a single download of documents an hour old, which the browser keeps in its cache', async () => {
    // prepare: the compilation's documents dated an hour back (the embedded server gives a file's
    // mtime as Last-Modified), so a download without an Origin is cached for minutes, as a browser
    // caches a document a user fetched a while after the job ended
    const compilation = expected.get(COMPILATION)!;
    // (changed while the server is down: it keeps what it read of an object's metadata)
    const hourAgo = new Date(Date.now() - 3_600_000);
    const output = join(work, 'data', BUCKETS.output);
    await stopDev();
    for (const entry of readdirSync(output, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) utimesSync(join(entry.parentPath, entry.name), hourAgo, hourAgo);
    }
    await startDev();
    await page.reload();
    await card(COMPILATION).locator('button[data-zip]').waitFor();
    // act: one document downloaded by itself (a navigation, no Origin), then all of them as a ZIP
    const single = await download(() => card(COMPILATION).locator('tr[data-report="2"] a[data-download=pdf]').click());
    const zip = await download(() => card(COMPILATION).locator('button[data-zip]').click()).catch(async (error: unknown) => {
      throw new Error(`no ZIP download; the page says “${await card(COMPILATION).locator('.zip-status').textContent()}”: ${String(error)}`);
    });
    // assert
    expect(Buffer.compare(single.bytes, compilation.documents.get(compilation.manifest.reports[1]!.pdf)!)).toBe(0);
    const zipped = unzipSync(zip.bytes);
    expect(Object.keys(zipped).sort()).toEqual(compilation.manifest.reports.flatMap((r) => [r.docx, r.pdf]).sort());
  });

  it('shows what was removed, grouped by family with the removed text', async () => {
    // prepare
    const compilation = expected.get(COMPILATION)!;
    const log = JSON.parse(new TextDecoder().decode(compilation.documents.get('removals.json'))) as { removals: { family: string; text: string }[] };
    const advert = log.removals.find((r) => r.family === 'bracketed-advert')!;
    // act
    await card(COMPILATION).locator('details.removals summary').click();
    const groups = card(COMPILATION).locator('.removal-group');
    await groups.first().waitFor();
    await screenshot('web-page-removals.png', card(COMPILATION));
    // assert
    const families = await groups.evaluateAll((sections) => sections.map((s) => [s.getAttribute('data-family'), s.querySelectorAll('li').length]));
    expect(Object.fromEntries(families)).toEqual(compilation.manifest.cleaning.byFamily);
    expect(await card(COMPILATION).locator('.removal-group[data-family=bracketed-advert] code').allTextContents()).toContain(advert.text);
  });

  it('lists the jobs of this browser again after a reload', async () => {
    // act
    await page.reload();
    await expect.poll(() => page.locator('article.job[data-state=done], article.job[data-state=failed]').count(), { timeout: 10_000, interval: 250 }).toBe(4);
    // assert
    expect(await page.locator('article.job h3.name').allTextContents()).toEqual([BAD, UNSURE, SINGLE, COMPILATION]);
    await screenshot('web-page-failed.png', card(BAD));
  });

  it('keeps uploading after report-press dev restarts with the page open (a new local token)', async () => {
    // prepare
    await stopDev();
    await startDev();
    // act: no reload; the page still holds the token of the server before
    await page.setInputFiles('#file-input', [join(SEEDS, AFTER_RESTART)]);
    await expect.poll(() => card(AFTER_RESTART).getAttribute('data-state'), { timeout: 20_000, interval: 250 }).toMatch(/^(done|failed)$/);
    // assert
    expect(await card(AFTER_RESTART).locator('.error').allTextContents()).toEqual([]);
    expect(await card(AFTER_RESTART).getAttribute('data-state')).toBe('done');
  });

  it('offers 重试 on an upload that failed while the server was down, and the retry finishes the job', async () => {
    // prepare: the upload fails as the server is down
    await stopDev();
    await page.setInputFiles('#file-input', [join(SEEDS, WHILE_DOWN)]);
    await expect.poll(() => card(WHILE_DOWN).getAttribute('data-state'), { timeout: 10_000, interval: 250 }).toBe('failed');
    const reason = await card(WHILE_DOWN).locator('[data-reason]').textContent();
    await startDev();
    // act
    await card(WHILE_DOWN).locator('button[data-retry]').click();
    await expect.poll(() => card(WHILE_DOWN).getAttribute('data-state'), { timeout: 20_000, interval: 250 }).toMatch(/^(done|failed)$/);
    // assert: one card for the file, done, and the jobs listed after a reload are the ones that ran
    expect(reason).toBe(`${formatMessage('web.failedReason', {}, Lang.ZhCN)}：${formatMessage('web.networkError', {}, Lang.ZhCN)}`);
    expect(await card(WHILE_DOWN).getAttribute('data-state')).toBe('done');
    expect(await card(WHILE_DOWN).count()).toBe(1);
    await page.reload();
    await expect.poll(() => page.locator('article.job[data-state=done], article.job[data-state=failed]').count(), { timeout: 10_000, interval: 250 }).toBe(6);
    expect(await page.locator('article.job h3.name').allTextContents()).toEqual([WHILE_DOWN, AFTER_RESTART, BAD, UNSURE, SINGLE, COMPILATION]);
  });

  it('converts a Word document (.docx) into the same documents as the .txt of the same text', async () => {
    // prepare: the compilation's text, one paragraph per line, as Word holds a text pasted into it
    const text = new TextDecoder().decode(readFileSync(join(SEEDS, COMPILATION)));
    const document = new Document({ sections: [{ children: text.split('\n').map((line) => new Paragraph({ children: [new TextRun(line)] })) }] });
    writeFileSync(join(work, WORD), await Packer.toBuffer(document));
    // act
    await page.setInputFiles('#file-input', [join(work, WORD)]);
    await expect.poll(() => card(WORD).getAttribute('data-state'), { timeout: 30_000, interval: 250 }).toMatch(/^(done|failed)$/);
    expect(await card(WORD).locator('.error').allTextContents()).toEqual([]);
    const zip = await download(() => card(WORD).locator('button[data-zip]').click());
    // assert: what `report-press convert` makes of the .txt, dated by the Word upload, document for document
    const client = createS3Client({ endpoint: s3Endpoint });
    const key = (await listKeys(client, BUCKETS.input, userPrefix(LOCAL_USER_ID))).find((k) => k.endsWith(`/${WORD}`))!;
    const fromText = await referenceOutputs(readFileSync(join(SEEDS, COMPILATION)), WORD, await lastModifiedOf(client, BUCKETS.input, key));
    expect(await card(WORD).locator('td.title').allTextContents()).toEqual(fromText.manifest.reports.map((r) => r.title));
    expect(zip.name).toBe('述职报告汇编（Word 版）.zip');
    const zipped = unzipSync(zip.bytes);
    expect(Object.keys(zipped).sort()).toEqual(fromText.manifest.reports.flatMap((r) => [r.docx, r.pdf]).sort());
    for (const [name, bytes] of Object.entries(zipped)) expect(Buffer.compare(bytes, fromText.documents.get(name)!), name).toBe(0);
  });

  it('lays each report out as a card on a phone, titles on full lines, every target at least 44 px', async () => {
    // prepare: a phone's viewport (390 × 844 CSS px)
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await card(COMPILATION).locator('tr[data-report]').first().waitFor();
    // act
    await screenshot('web-page-phone.png');
    const titles = await page.locator('article.job td.title').evaluateAll((cells) =>
      cells.map((cell) => {
        // The lines the text is laid out on: its boxes' distinct tops.
        const range = cell.ownerDocument.createRange();
        range.selectNodeContents(cell);
        const lines = new Set([...range.getClientRects()].map((box) => Math.round(box.top))).size;
        return { title: cell.textContent ?? '', lines, perLine: (cell.textContent ?? '').length / lines };
      }),
    );
    const targets = await page.locator('main button, main a[href], main summary, header.site button').evaluateAll((elements) =>
      elements
        .map((element) => ({ element, box: element.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && box.height > 0)
        .map(({ element, box }) => ({ target: `${element.tagName.toLowerCase()} “${(element.textContent ?? '').trim().slice(0, 20)}”`, width: Math.round(box.width), height: Math.round(box.height) })),
    );
    const overflowing = await page.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);
    // assert: a title runs the width of its card (at least 12 characters a line; a report's longest take two lines)
    expect(titles.length).toBeGreaterThan(5);
    expect(titles.filter((t) => t.perLine < 12 || t.lines > 2)).toEqual([]);
    expect(targets.length).toBeGreaterThan(10);
    expect(targets.filter((t) => t.width < 44 || t.height < 44)).toEqual([]);
    expect(overflowing).toBe(0);
    await page.setViewportSize({ width: 1100, height: 900 });
  });

  it('lines the header up with the content on a laptop, and draws 预览 PDF as bordered as the download buttons', async () => {
    // prepare: a common laptop's viewport, wider than the content column
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.reload();
    const row = card(COMPILATION).locator('tr[data-report]').first();
    await row.waitFor();
    // act
    const left = (selector: string) => page.locator(selector).first().evaluate((element) => Math.round(element.getBoundingClientRect().left));
    const edges = { heading: await left('header.site h1'), content: await left('main h2') };
    const look = (selector: string) =>
      row.locator(selector).evaluate((element) => {
        const style = element.ownerDocument.defaultView!.getComputedStyle(element);
        return { border: `${style.borderTopWidth} ${style.borderTopStyle} ${style.borderTopColor}`, color: style.color };
      });
    const buttons = { preview: await look('a[data-preview=pdf]'), download: await look('a[data-download=pdf]') };
    // assert
    expect(edges.heading).toBe(edges.content);
    expect(buttons.preview).toEqual(buttons.download);
    await page.setViewportSize({ width: 1100, height: 900 });
  });

  it('does nothing the deployed Content-Security-Policy blocks', () => {
    expect(policyViolations).toEqual([]);
  });
});
