// The proofread view (校对) in a real browser: Debian's Chromium, headless, driven by playwright-core,
// against `report-press dev` started as a user starts it (the built CLI). Without a Chromium the
// test is skipped and says so, unless REPORT_PRESS_REQUIRE_BROWSER=1 (CI sets it) makes that a failure.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUCKETS } from '../../cli/local-s3.js';
import { createS3Client } from '../../functions/s3-client.js';
import type { Manifest } from '../../lib/convert.js';
import { LOCAL_USER_ID, userPrefix } from '../../lib/web/api-contract.js';
import { getJson, listKeys, pollUntil } from '../integration/s3-helpers.js';
import { documentParagraphTexts, openDocx } from '../unit/docx/docx-package.js';
import { readWithPdfJs } from '../unit/pdf/read-pdf.js';

const CHROMIUM = process.env.REPORT_PRESS_CHROMIUM ?? '/usr/bin/chromium';
const REQUIRED = process.env.REPORT_PRESS_REQUIRE_BROWSER === '1';
/** A folder to save the view's screenshot in (the README's comes from `REPORT_PRESS_SCREENSHOTS=docs`). */
const SCREENSHOTS = process.env.REPORT_PRESS_SCREENSHOTS;
const available = existsSync(CHROMIUM);
const CLI = join(process.cwd(), 'bin', 'report-press.js');
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * A real-shaped input: a service centre's year report whose sentence about its WeChat account the
 * cleaning takes for an advert line, a scanning house's line left in, and a town's report that
 * follows without a title the split knows (no genre word), so the two are merged.
 */
const NAME = '政务服务中心总结.txt';
const WRONGLY_CUT = '开通微信公众号和客服热线，关注公众号即可在线咨询，全年受理群众诉求1200件。';
const FURNITURE = '扫描件整理：县档案馆数字化中心';
const MERGED_TITLE = '关于农村人居环境整治情况';
const NEW_TITLE = '关于农村人居环境整治情况的报告';
const INPUT = [
  '2023年度县政务服务中心工作总结',
  '一年来，县政务服务中心在县委县政府的正确领导下，围绕优化营商环境，扎实推进各项工作。',
  '一、拓宽诉求渠道',
  WRONGLY_CUT,
  FURNITURE,
  '二、提升办事效率',
  '推行一窗受理、集成服务，平均办理时限压缩40%。',
  MERGED_TITLE,
  '今年以来，我镇坚持把农村人居环境整治作为重点工作来抓，取得阶段性成效。',
  '一、主要做法',
  '开展村庄清洁行动，清理生活垃圾3000余吨。',
  '二、下一步打算',
  '持续巩固整治成果，建立长效管护机制。',
].join('\n');
const lineOf = (text: string) => INPUT.split('\n').indexOf(text) + 1;

let work: string;
let dev: ChildProcess | undefined;
let context: BrowserContext | undefined;
let page: Page;
let s3Endpoint: string;
const policyViolations: string[] = [];

const card = (): Locator => page.locator('article.job', { has: page.locator('h3.name', { hasText: NAME }) });
const proofLine = (line: number): Locator => page.locator(`[data-proofread-view] .proof-line[data-line="${line}"]`);

/** A fontconfig naming only the project's fonts: this machine's Chromium has no CJK font of its own, and a screenshot needs one. */
function projectFontconfig(): string {
  const file = join(work, 'fonts.conf');
  writeFileSync(file, `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><dir>${resolve('assets/fonts')}</dir><cachedir>${join(work, 'fc-cache')}</cachedir></fontconfig>`);
  return file;
}

async function download(click: () => Promise<void>): Promise<Uint8Array> {
  const [started] = await Promise.all([page.waitForEvent('download'), click()]);
  return new Uint8Array(readFileSync((await started.path()) as string));
}

/** Each report's text as its downloaded DOCX and PDF hold it: the DOCX's paragraphs, the PDF's text layer. */
async function documentsOfCard(): Promise<{ docx: string[]; pdf: string }[]> {
  const rows = await card().locator('tr[data-report]').count();
  const documents = [];
  for (let i = 1; i <= rows; i++) {
    const row = card().locator(`tr[data-report="${i}"]`);
    const docx = documentParagraphTexts(openDocx(await download(() => row.locator('a[data-download=docx]').click())));
    const pdf = (await readWithPdfJs(await download(() => row.locator('a[data-download=pdf]').click()))).pageTexts.flat().join('');
    documents.push({ docx, pdf });
  }
  return documents;
}

async function manifest(): Promise<Manifest> {
  const client = createS3Client({ endpoint: s3Endpoint });
  const key = (await listKeys(client, BUCKETS.output, userPrefix(LOCAL_USER_ID))).find((k) => k.endsWith('/manifest.json'))!;
  return getJson<Manifest>(client, BUCKETS.output, key);
}

/** The job's status start time: a new conversion of the job starts anew. */
async function started(): Promise<string> {
  const client = createS3Client({ endpoint: s3Endpoint });
  const key = (await listKeys(client, BUCKETS.output, userPrefix(LOCAL_USER_ID))).find((k) => k.endsWith('/status.json'))!;
  return (await getJson<{ started: string }>(client, BUCKETS.output, key)).started;
}

async function doneAfter(previous: string | undefined): Promise<void> {
  await pollUntil('the job to be converted again', async () => ((await started().catch(() => previous)) !== previous ? true : undefined), 40_000, 250);
  await expect.poll(() => card().getAttribute('data-state'), { timeout: 40_000, interval: 250 }).toBe('done');
}

if (!available && !REQUIRED) {
  console.warn(`SKIPPED the proofread view's browser test: no Chromium at ${CHROMIUM}. Install Debian's chromium (apt-get install -y chromium) or set REPORT_PRESS_CHROMIUM; CI sets REPORT_PRESS_REQUIRE_BROWSER=1, which makes a missing Chromium a failure.`);
}

describe.runIf(available || REQUIRED)('the proofread view in headless Chromium, against report-press dev', () => {
  beforeAll(async () => {
    if (!available) throw new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium) or set REPORT_PRESS_CHROMIUM`);
    work = mkdtempSync(join(tmpdir(), 'report-press-proofread-'));
    writeFileSync(join(work, NAME), INPUT);
    dev = spawn(process.execPath, [CLI, 'dev', '--port', '0', '--web-port', '0', '--dir', join(work, 'data')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    dev.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const env = SCREENSHOTS ? { ...process.env, FONTCONFIG_FILE: projectFontconfig() } : process.env;
    const [pageUrl, browser] = await Promise.all([
      pollUntil('the page URL', async () => /web page on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)?.[1], 20_000),
      chromium.launchPersistentContext(join(work, 'profile'), { executablePath: CHROMIUM, args: CHROMIUM_FLAGS, viewport: { width: 1100, height: 900 }, acceptDownloads: true, locale: 'zh-CN', env: env as Record<string, string> }),
    ]);
    s3Endpoint = /S3-compatible server on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1] ?? '';
    context = browser;
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) policyViolations.push(message.text());
    });
    await page.goto(pageUrl);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    dev?.kill('SIGINT');
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('restores a wrongly cut line, removes a leftover line, splits a merged report and renames it; the documents then hold exactly the corrected text', async () => {
    // prepare: the job as the tool reads it, one report with the sentence cut and the line left in
    await page.setInputFiles('#file-input', join(work, NAME));
    await expect.poll(() => card().getAttribute('data-state'), { timeout: 40_000, interval: 250 }).toBe('done');
    expect(await card().locator('td.title').allTextContents()).toEqual(['2023年度县政务服务中心工作总结']);
    const before = await started();

    // act: in the proofread view
    await card().locator('button[data-proofread]').click();
    await proofLine(lineOf(FURNITURE)).waitFor();
    await proofLine(lineOf(FURNITURE)).click();
    await page.locator('[data-proofread-view] button[data-remove-line]').click();
    await proofLine(lineOf(MERGED_TITLE)).click();
    await page.locator('[data-proofread-view] button[data-start-report]').click();
    await proofLine(lineOf(MERGED_TITLE)).click();
    await page.locator('[data-proofread-view] button[data-rename]').click();
    await page.locator('[data-proofread-view] input[data-title-input]').fill(NEW_TITLE);
    await page.locator('[data-proofread-view] button[data-rename-ok]').click();
    await proofLine(lineOf(WRONGLY_CUT)).click();
    if (SCREENSHOTS) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.mouse.move(0, 0);
      await page.locator('[data-proofread-view]').screenshot({ path: join(SCREENSHOTS, 'web-page-proofread.png') });
    }
    await page.locator('[data-proofread-view] button[data-restore]').click();
    const changes = await page.locator('[data-changes] li').count();
    await page.locator('[data-proofread-view] button[data-apply]').click();
    await doneAfter(before);
    const documents = await documentsOfCard();
    const corrected = await manifest();

    // assert: four changes, two reports, each document exactly the corrected text
    expect(changes).toBe(4);
    expect(await card().locator('td.title').allTextContents()).toEqual(['2023年度县政务服务中心工作总结', NEW_TITLE]);
    expect(documents.map((d) => d.docx)).toEqual([
      ['2023年度县政务服务中心工作总结', '一年来，县政务服务中心在县委县政府的正确领导下，围绕优化营商环境，扎实推进各项工作。', '一、拓宽诉求渠道', WRONGLY_CUT, '二、提升办事效率', '推行一窗受理、集成服务，平均办理时限压缩40%。'],
      [NEW_TITLE, '今年以来，我镇坚持把农村人居环境整治作为重点工作来抓，取得阶段性成效。', '一、主要做法', '开展村庄清洁行动，清理生活垃圾3000余吨。', '二、下一步打算', '持续巩固整治成果，建立长效管护机制。'],
    ]);
    documents.forEach(({ docx, pdf }) => expect(pdf.replace(/\s/g, '').replace(/—\d+—/g, '')).toBe(docx.join('').replace(/\s/g, '')));
    expect(corrected.corrections?.operations.map((o) => [o.op, o.line, o.applied])).toEqual([
      ['restore-cut', lineOf(WRONGLY_CUT), true],
      ['remove-lines', lineOf(FURNITURE), true],
      ['start-report', lineOf(MERGED_TITLE), true],
      ['set-title', lineOf(MERGED_TITLE), true],
    ]);
    expect(corrected.corrections?.operations.map((o) => o.id)).toEqual(['c4', 'c1', 'c2', 'c3']);
  });

  it('reopens the corrections applied before in the proofread view', async () => {
    // act
    await card().locator('button[data-proofread]').click();
    await page.locator('[data-changes] li').first().waitFor();
    const listed = await page.locator('[data-changes] li').count();
    await page.locator('[data-proofread-view] button[data-close]').click();
    // assert
    expect(listed).toBe(4);
  });

  it('gives the same corrected documents when the same file is uploaded again', async () => {
    // prepare
    const first = await documentsOfCard();
    const before = await started();
    // act
    await page.setInputFiles('#file-input', join(work, NAME));
    await doneAfter(before);
    const again = await documentsOfCard();
    // assert
    expect(await page.locator('article.job').count()).toBe(1);
    expect(again.map((d) => d.docx)).toEqual(first.map((d) => d.docx));
  });

  it('keeps a line as a rule of mine from the proofread view, lists it under my rules, and deletes it there', async () => {
    // prepare
    const rules = page.locator('[data-rules] li[data-rule]');
    // act: always remove lines like the scanning house's
    await card().locator('button[data-proofread]').click();
    await proofLine(lineOf(FURNITURE)).click();
    await page.locator('[data-proofread-view] button[data-always]').click();
    const offered = await page.locator('[data-rules] li[data-rule] input[data-rule-phrase]').inputValue();
    await page.locator('[data-rules] button[data-save-rules]').click();
    await expect.poll(() => page.locator('[data-rules] .rules-status').textContent()).not.toBe('');
    await page.locator('[data-rules] button', { hasText: '关闭' }).click();
    await page.locator('[data-proofread-view] button[data-close]').click();
    // then under 我的规则
    await page.locator('button[data-my-rules]').click();
    await rules.first().waitFor();
    const listed = await rules.locator('input[data-rule-phrase]').evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value));
    await rules.first().locator('button[data-delete-rule]').click();
    await page.locator('[data-rules] button[data-save-rules]').click();
    await expect.poll(() => page.locator('[data-rules] .rules-status').textContent()).not.toBe('');
    const client = createS3Client({ endpoint: s3Endpoint });
    const saved = await getJson<{ rules: unknown[] }>(client, BUCKETS.input, `${userPrefix(LOCAL_USER_ID)}rules.json`);
    await page.locator('[data-rules] button', { hasText: '关闭' }).click();
    // assert
    expect(offered).toBe(FURNITURE);
    expect(listed).toEqual([FURNITURE]);
    expect(saved.rules).toEqual([]);
    expect(await page.locator('article.job').isVisible()).toBe(true);
  });

  it('does nothing the deployed Content-Security-Policy blocks', () => {
    expect(policyViolations).toEqual([]);
  });
});
