/**
 * A generator of compilations built from the gold reports, which knows the right split by
 * construction: random order and count, with or without a table of contents (several numbering
 * styles, leaders, page numbers, entries that differ from the body titles in small ways), with or
 * without blank lines between reports, adverts and paywall markers between and inside reports,
 * titles renamed to other genres, subtitles, body lines that only look like titles, hard wraps.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { displayWidth } from '../../lib/text/hard-wrap.js';
import { normalisePunctuationWidth } from '../../lib/text/punctuation-width.js';

/** A report as the gold answers give it: title and paragraph texts in order. */
export interface GoldReport {
  readonly title: string;
  readonly paragraphs: readonly string[];
}

/** A generated input and the reports a perfect run extracts from it. */
export interface GeneratedCompilation {
  readonly text: string;
  readonly reports: readonly GoldReport[];
}

const GOLD_DIR = join(import.meta.dirname, '..', 'fixtures', 'gold');

/** Every report of every gold answer in test/fixtures/gold. */
export function loadGoldReports(): GoldReport[] {
  return readdirSync(GOLD_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .flatMap((name) => (JSON.parse(readFileSync(join(GOLD_DIR, name), 'utf8')) as { reports: GoldReport[] }).reports);
}

// ---------------------------------------------------------------------------------------------
// Titles

/** Genre endings the gold titles carry, stripped before a title is renamed to another genre. */
const GOLD_ENDING = /(?:及述责述廉)?(?:述职报告|工作总结)$/;

const UNITS = ['XX县委', '**市委组织部', '某某镇党委', 'XX公司党委', '市直机关工委', '区纪委监委', 'XX学校党支部', '**街道党工委'];
const PEOPLE = ['张XX', '李**同志', '王某某', '刘XX同志'];
const MEETINGS = ['全县基层党建工作会议', '2024年全市组织工作会议', '专题民主生活会', '党风廉政建设工作会议', '主题教育总结大会', '年度工作务虚会'];

/** How a title is turned into one of another genre: the stem is the gold title without its ending. */
const GENRES: readonly ((stem: string, unit: string, meeting: string) => string)[] = [
  (stem) => `${stem}述职报告`,
  (stem) => `${stem}工作总结`,
  (_stem, unit, meeting) => `${unit}书记在${meeting}上的讲话`,
  (stem) => `${stem}发言材料`,
  (stem) => `${stem}心得体会`,
  (stem) => `${stem}情况汇报`,
  (stem) => `关于${stem}的实施方案`,
  (stem) => `${stem}对照检查材料`,
  (stem) => `${stem}专题党课讲稿`,
  (_stem, _unit, meeting) => `${meeting}主持词`,
];

const TitlePrefix = { None: 'none', Year: 'year', Unit: 'unit', Person: 'person' } as const;
type TitlePrefix = (typeof TitlePrefix)[keyof typeof TitlePrefix];

interface TitlePlan {
  readonly genre: number;
  readonly prefix: TitlePrefix;
  readonly pick: number;
}

function makeTitle(gold: string, plan: TitlePlan): string {
  const stem = gold.replace(GOLD_ENDING, '') || gold;
  const unit = UNITS[plan.pick % UNITS.length] ?? '';
  const meeting = MEETINGS[plan.pick % MEETINGS.length] ?? '';
  const base = plan.genre === 0 ? gold : (GENRES[plan.genre] ?? GENRES[0]!)(stem, unit, meeting);
  switch (plan.prefix) {
    case TitlePrefix.Year:
      return /^\d{4}年/.test(base) ? base : `2024年${base}`;
    case TitlePrefix.Unit:
      return base.startsWith(unit) ? base : `${unit}${base}`;
    case TitlePrefix.Person:
      return `${PEOPLE[plan.pick % PEOPLE.length] ?? ''}${base}`;
    default:
      return base;
  }
}

/** Titles of one compilation must differ, as they do in real ones: repeats get a unit prefix. */
function distinctTitles(titles: readonly string[]): string[] {
  const seen = new Set<string>();
  return titles.map((title, i) => {
    let candidate = title;
    for (let k = 0; seen.has(candidate); k++) candidate = `${UNITS[(i + k) % UNITS.length] ?? ''}${k > UNITS.length ? k : ''}${title}`;
    seen.add(candidate);
    return candidate;
  });
}

// ---------------------------------------------------------------------------------------------
// Noise: adverts and paywall markers as the document sites insert them

const JUNK = ['*', '#', '^', '%', '~', '&', '@'];
const SITES = ['哒哒文库', '某某文库', '笔杆子宝库', '公文素材库', '材料范文网'];

/** A bracketed "more material" tag with junk characters scattered inside and around it. */
function bracketAdvert(pick: number): string {
  const junk = (k: number) => JUNK[(pick + k) % JUNK.length] ?? '*';
  const site = SITES[pick % SITES.length] ?? SITES[0]!;
  const forms = [
    `${junk(0)}【更多素材搜索${site.slice(0, 1)}${junk(1)}${site.slice(1)}】`,
    `${junk(2)}【更多素${junk(3)}材搜索${site}${junk(4)}】`,
    `【更多${junk(1)}素~材搜索${site}${junk(2)}~】`,
    `【${site}】`,
  ];
  return forms[pick % forms.length] ?? forms[0]!;
}

/** Whole advert lines, and footer blocks of several, as they sit between reports. */
const ADVERT_LINES = [
  '【公众号：某某君】，最新最全党建资料库',
  '【某某素材库】——每天更新材料1000多篇内部高质量素材，会员群+网盘群同步每日更新，一键精准搜索、一键极速下载，有意加入请联系：1 4367',
  '【某某代笔】——原创高质量保障、高度保密，各类代笔（润笔），好评如潮！持续接单中，需要的小伙伴请代笔客服：abc',
  '更多精彩材料请关注公众号：笔杆子宝库，svip会员每日更新',
];

const PAYWALL = ['##paidbegin##', '##paidend##'];

/** `text` with a paywall marker inserted after its `at`-th character (mid-word, as the sites do). */
function withMarker(text: string, at: number, pick: number): string {
  const chars = [...text];
  const k = 1 + (at % Math.max(1, chars.length - 1));
  return [...chars.slice(0, k), PAYWALL[pick % 2], ...chars.slice(k)].join('');
}

/** `paragraph` with an advert glued to its end, as the sites append them to paragraphs and headings. */
function withAdvertAtEnd(paragraph: string, pick: number): string {
  return `${paragraph}${bracketAdvert(pick)}`;
}

// ---------------------------------------------------------------------------------------------
// Tables of contents

const TocStyle = {
  Arabic: 'arabic',
  ArabicComma: 'arabic-comma',
  Chinese: 'chinese',
  Bracketed: 'bracketed',
  FullWidth: 'full-width',
  Piece: 'piece',
  Material: 'material',
  Sample: 'sample',
} as const;
type TocStyle = (typeof TocStyle)[keyof typeof TocStyle];

const CHINESE_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

function entryNumber(style: TocStyle, k: number): string {
  const chinese = CHINESE_NUMBERS[k] ?? String(k + 1);
  switch (style) {
    case TocStyle.Arabic:
      return `${k + 1}.`;
    case TocStyle.ArabicComma:
      return `${k + 1}、`;
    case TocStyle.Chinese:
      return `${chinese}、`;
    case TocStyle.Bracketed:
      return `（${chinese}）`;
    case TocStyle.FullWidth:
      return `${String(k + 1).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))}．`;
    case TocStyle.Material:
      return `材料${chinese}：`;
    case TocStyle.Sample:
      return `范文${k + 1}：`;
    default:
      return `第${chinese}篇 `;
  }
}

/** How the body title differs from its entry in the table (the entry is the plain title). */
const BodyVariant = { Same: 'same', Year: 'year', Sample: 'sample', Punctuation: 'punctuation', Advert: 'advert', Marker: 'marker' } as const;
type BodyVariant = (typeof BodyVariant)[keyof typeof BodyVariant];

function bodyTitle(title: string, variant: BodyVariant, pick: number): { raw: string; clean: string } {
  switch (variant) {
    case BodyVariant.Year: {
      const clean = /^\d{4}年/.test(title) ? title.replace(/^\d{4}年度?/, '') || title : `2023年度${title}`;
      return { raw: clean, clean };
    }
    case BodyVariant.Sample:
      return { raw: `${title}（范文）`, clean: `${title}（范文）` };
    case BodyVariant.Punctuation:
      return { raw: `${title}。`, clean: `${title}。` };
    case BodyVariant.Advert:
      return { raw: `${title}${bracketAdvert(pick)}`, clean: title };
    case BodyVariant.Marker:
      return { raw: withMarker(title, pick, pick), clean: title };
    default:
      return { raw: title, clean: title };
  }
}

// ---------------------------------------------------------------------------------------------
// Who wrote it: author lines under a title, signatures and dates closing a report

const BYLINES = ['中共XX县委组织部', 'XX局党组书记、局长 张XX', '述职人：李XX', '（2024年1月15日）'];

const CLOSINGS: readonly (readonly string[])[] = [
  ['2024年1月15日'],
  ['中共XX县委组织部', '2024年1月15日'],
  ['**市委组织部', '张XX', '二〇二四年一月十五日'],
  ['XX公司党委', '2024.1.15'],
];

// ---------------------------------------------------------------------------------------------
// Look-alikes: body lines shaped like titles that belong to their report

const LOOK_ALIKES = [
  '一、2023年度工作总结',
  '（二）参加专题学习的心得体会',
  '现将有关情况报告如下：',
  '《关于加强基层党组织建设的报告》',
  '以上报告，请审议。',
  '3.上半年工作总结',
];

// ---------------------------------------------------------------------------------------------
// Hard wraps, as text copied out of a PDF

/** Sentence ends a full line must not end with: the wrap detector would end the paragraph there. */
const SENTENCE_END = /[。！？；：!?;:…][”’」』）)》]{0,2}$/;

/**
 * `line` cut into lines `width` half-width units wide. A cut that would leave a full line ending
 * a sentence moves one character on, so the copy stays unambiguous (real PDF lines vary as much),
 * unless the next line opens the next item of an enumeration the paragraph runs inline
 * (`…一是…。` / `二是…`): its sequence tells the cut from a paragraph's end.
 */
function wrapLine(line: string, width: number, indent: boolean): string[] {
  // A paywall marker is one unit: the site inserts it into the text after wrapping.
  const chars = (indent ? `\u3000\u3000${line}` : line).match(/##paid(?:begin|end)##|[\s\S]/gu) ?? [];
  const pieces: string[] = [];
  let current = '';
  let before = '';
  // The page width of `current`, kept as characters are added (a marker takes none).
  let currentWidth = 0;
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] ?? '';
    const charWidth = char.length > 2 ? 0 : displayWidth(char);
    const ambiguous = SENTENCE_END.test(current) && !continuesInlineEnumeration(before + current, chars.slice(i, i + 3).join(''));
    if (current !== '' && currentWidth + charWidth > width && !ambiguous) {
      before += current;
      pieces.push(current);
      current = '';
      currentWidth = 0;
    }
    current += char;
    currentWidth += charWidth;
  }
  pieces.push(current);
  return pieces;
}

const ITEM_NUMERALS = '一二三四五六七八九';

/** `rest` opens item k of an enumeration (`二是`) whose item k - 1 stands inside `before`, after its start. */
function continuesInlineEnumeration(before: string, rest: string): boolean {
  const k = ITEM_NUMERALS.indexOf(rest[0] ?? '') + 1;
  if (k < 2 || rest[1] !== '是') return false;
  const previous = before.indexOf(`${ITEM_NUMERALS[k - 2]}是`);
  return previous > 0 && /[。！？；：]$/.test(before.slice(0, previous));
}

// ---------------------------------------------------------------------------------------------
// The compilation

const Separator = { None: 'none', Blank: 'blank', AdvertLine: 'advert-line', AdvertBlock: 'advert-block', MarkerLine: 'marker-line' } as const;
type Separator = (typeof Separator)[keyof typeof Separator];

interface ReportPlan {
  readonly gold: number;
  readonly title: TitlePlan;
  readonly subtitle: boolean;
  readonly lookAlike: number;
  readonly adverts: number;
  readonly marker: number;
  readonly bodyVariant: BodyVariant;
  readonly separator: Separator;
  /** An author line under the title (0: none; else one of {@link BYLINES}). */
  readonly byline?: number;
  /** A closing signature and date after the last paragraph (0: none; else one of {@link CLOSINGS}). */
  readonly closing?: number;
}

export interface CompilationPlan {
  readonly reports: readonly ReportPlan[];
  readonly toc: { readonly style: TocStyle; readonly pages: boolean; readonly blankAfter: boolean } | null;
  readonly cover: boolean;
  /** Body titles numbered as the pieces of a compilation of several (`1.`, `一、`, `第一篇`, `材料一：`); the reports' titles are without it. */
  readonly numbered?: TocStyle | null;
  readonly wrap: { readonly width: number; readonly indent: boolean } | null;
  /**
   * Page numbers a PDF copy carries on lines of their own, every `linesPerPage` lines (only with
   * `wrap`), and the running header printed on every page: the compilation's title under each page
   * number (the next page's header), above it (a footer line) or beside it on its line.
   */
  readonly pageNumbers?: { readonly style: PageNumberStyle; readonly linesPerPage: number; readonly header?: RunningHeader } | null;
  /** White space a copy-paste leaves: the indent's characters, spaces at line ends, a blank line after every line, CRLF. */
  readonly copy?: { readonly indent: CopyIndent; readonly trailingSpaces: boolean; readonly doubleSpaced: boolean; readonly crlf: boolean } | null;
}

/** Builds the text of a compilation and the reports a perfect run extracts from it. */
export function buildCompilation(gold: readonly GoldReport[], plan: CompilationPlan): GeneratedCompilation {
  const titles = distinctTitles(plan.reports.map((r) => makeTitle(gold[r.gold % gold.length]!.title, r.title)));
  // Body lines are wrapped (and indented, like a PDF copy) and titles wrapped; the table and
  // the adverts between reports stay whole.
  const lines: Line[] = [];
  const plain = (...texts: string[]) => lines.push(...texts.map((text) => ({ text, body: false })));
  const expected: GoldReport[] = [];
  if (plan.cover || plan.toc) plain(COMPILATION_TITLE, `（${plan.reports.length}篇）`);
  if (plan.toc) {
    const toc = plan.toc;
    plain('目 录');
    titles.forEach((title, k) => {
      const page = toc.pages ? `……………${3 + k * 4}` : '';
      plain(`${entryNumber(toc.style, k)}${title}${page}`);
    });
    if (toc.blankAfter) plain('');
  } else if (plan.cover) {
    plain('');
  }

  plan.reports.forEach((report, k) => {
    const source = gold[report.gold % gold.length]!;
    const title = titles[k] ?? '';
    // Body titles differ from their entries only when there is a table to differ from.
    const variant = plan.toc ? report.bodyVariant : pickNoTocVariant(report.bodyVariant);
    const heading = bodyTitle(title, variant, report.adverts);
    const paragraphs = [...source.paragraphs];
    const raw = [...paragraphs];
    if (report.subtitle) {
      const subtitle = `——在${MEETINGS[report.title.pick % MEETINGS.length]}上的讲话`;
      paragraphs.unshift(subtitle);
      raw.unshift(subtitle);
    }
    if (report.lookAlike > 0) {
      // After the first body paragraph, between two paragraphs of prose.
      const line = LOOK_ALIKES[report.lookAlike % LOOK_ALIKES.length] ?? '';
      const at = Math.min(report.subtitle ? 2 : 1, paragraphs.length);
      paragraphs.splice(at, 0, line);
      raw.splice(at, 0, line);
    }
    const byline = report.byline ? BYLINES[(report.byline - 1) % BYLINES.length] : undefined;
    if (byline) {
      // Under the title, or under the subtitle when there is one.
      const at = report.subtitle ? 1 : 0;
      paragraphs.splice(at, 0, byline);
      raw.splice(at, 0, byline);
    }
    for (let a = 0; a < report.adverts; a++) {
      const at = (a * 7 + report.adverts) % raw.length;
      raw[at] = withAdvertAtEnd(raw[at] ?? '', a + report.adverts);
    }
    if (report.marker > 0) {
      const at = report.marker % raw.length;
      raw[at] = withMarker(raw[at] ?? '', report.marker * 13, report.marker);
    }

    const closing = report.closing ? (CLOSINGS[(report.closing - 1) % CLOSINGS.length] ?? []) : [];
    // A compilation numbers its pieces when it has several.
    const number = plan.numbered && plan.reports.length > 1 ? entryNumber(plan.numbered, k) : '';

    if (k > 0) plain(...separatorLines(report.separator, report.adverts));
    // The author line and the closing block are set apart (centred, flush right), never indented.
    lines.push(
      { text: `${number}${heading.raw}`, body: false, title: true },
      ...raw.map((text) => ({ text, body: text !== byline })),
      ...closing.map((text) => ({ text, body: false })),
    );
    // As cleaning leaves them: the half-width marks of Chinese text made full-width (`纪律,严禁` → `纪律，严禁`).
    expected.push({ title: normalisePunctuationWidth(heading.clean), paragraphs: [...paragraphs, ...closing].map(normalisePunctuationWidth) });
  });

  const text = plan.wrap
    ? withPageNumbers(wrapText(lines, plan.wrap.width, plan.wrap.indent), plan.pageNumbers ?? null)
    : lines.map((line) => line.text).join('\n');
  return { text: asCopied(`${text}\n`, plan.copy), reports: expected };
}

/** Without a table of contents a body title has nothing to differ from; adverts still stick to it. */
function pickNoTocVariant(variant: BodyVariant): BodyVariant {
  return variant === BodyVariant.Advert || variant === BodyVariant.Marker ? variant : BodyVariant.Same;
}

function separatorLines(separator: Separator, pick: number): string[] {
  switch (separator) {
    case Separator.Blank:
      return [''];
    case Separator.AdvertLine:
      return [ADVERT_LINES[pick % ADVERT_LINES.length] ?? ''];
    case Separator.AdvertBlock:
      return ['', ADVERT_LINES[1] ?? '', ADVERT_LINES[2] ?? '', ADVERT_LINES[1] ?? '', ''];
    case Separator.MarkerLine:
      return [PAYWALL[pick % 2] ?? ''];
    default:
      return [];
  }
}

interface Line {
  readonly text: string;
  /** A paragraph or heading of a report body (wrapped and indented in a PDF copy). */
  readonly body: boolean;
  /** A report title: wrapped when longer than the width, never indented. */
  readonly title?: boolean;
}

/** Body lines are cut at the width (and their first line indented); other lines stay as they are. */
function wrapText(lines: readonly Line[], width: number, indent: boolean): string {
  return lines
    .flatMap((line) => (line.body || line.title ? wrapLine(line.text, width, indent && line.body) : [line.text]))
    .join('\n');
}

/** What a paragraph's indent is made of after a copy: ideographic spaces, no-break spaces or spaces. */
const CopyIndent = { Ideographic: 'ideographic', NoBreak: 'no-break', Spaces: 'spaces' } as const;
type CopyIndent = (typeof CopyIndent)[keyof typeof CopyIndent];

const INDENTS = { [CopyIndent.Ideographic]: '\u3000\u3000', [CopyIndent.NoBreak]: '\u00a0'.repeat(4), [CopyIndent.Spaces]: ' '.repeat(4) } as const;

function asCopied(text: string, copy: CompilationPlan['copy']): string {
  if (!copy) return text;
  const indented = text.replace(/^\u3000\u3000/gmu, INDENTS[copy.indent]);
  const spaced = copy.trailingSpaces ? indented.replace(/(?<=\S)\n/gu, '  \n') : indented;
  const doubled = copy.doubleSpaced ? spaced.replace(/\n/gu, '\n\n') : spaced;
  return copy.crlf ? doubled.replace(/\n/gu, '\r\n') : doubled;
}

/** How a PDF prints its page numbers, as a copy of its text has them. */
const PageNumberStyle = { Dashes: 'dashes', Hyphens: 'hyphens', OfTotal: 'of-total', English: 'english', Centred: 'centred' } as const;
type PageNumberStyle = (typeof PageNumberStyle)[keyof typeof PageNumberStyle];

function pageNumberLine(style: PageNumberStyle, page: number, pages: number): string {
  switch (style) {
    case PageNumberStyle.Dashes:
      return `— ${page} —`;
    case PageNumberStyle.Hyphens:
      return `-${page}-`;
    case PageNumberStyle.OfTotal:
      return `第${page}页 共${pages}页`;
    case PageNumberStyle.English:
      return `Page ${page} of ${pages}`;
    default:
      return `${' '.repeat(30)}－ ${page} －`;
  }
}

/** Where a PDF copy has the line printed on every page, relative to the page number. */
const RunningHeader = { None: 'none', Below: 'below', Above: 'above', WithNumber: 'with-number' } as const;
type RunningHeader = (typeof RunningHeader)[keyof typeof RunningHeader];

/** The compilation's title: on its cover, and as the running header of its pages. */
const COMPILATION_TITLE = '2024年度党建工作材料汇编';

/**
 * A page number line after every `linesPerPage` lines, wherever it falls (mid-paragraph,
 * mid-title), with the running header beside it: a header also opens the first page, a footer
 * (and a page number with the title on its line) also closes the last.
 */
function withPageNumbers(text: string, pageNumbers: CompilationPlan['pageNumbers']): string {
  if (!pageNumbers) return text;
  const lines = text.split('\n');
  const pages = Math.ceil(lines.length / pageNumbers.linesPerPage);
  const furniture = (page: number): string[] => {
    const number = pageNumberLine(pageNumbers.style, page, pages);
    if (pageNumbers.header === RunningHeader.Below) return [number, COMPILATION_TITLE];
    if (pageNumbers.header === RunningHeader.Above) return [COMPILATION_TITLE, number];
    if (pageNumbers.header === RunningHeader.WithNumber) return [`${COMPILATION_TITLE}${' '.repeat(8)}${number.trim()}`];
    return [number];
  };
  const paged = lines.flatMap((line, i) => ((i + 1) % pageNumbers.linesPerPage === 0 ? [line, ...furniture((i + 1) / pageNumbers.linesPerPage)] : [line]));
  const lastPageOpen = lines.length % pageNumbers.linesPerPage !== 0;
  if (pageNumbers.header === RunningHeader.Below) paged.unshift(COMPILATION_TITLE);
  const closesLastPage = pageNumbers.header === RunningHeader.Above || pageNumbers.header === RunningHeader.WithNumber;
  if (closesLastPage && lastPageOpen) paged.push(...furniture(pages));
  return paged.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

const reportPlan = (goldCount: number): fc.Arbitrary<ReportPlan> =>
  fc.record({
    gold: fc.nat({ max: goldCount - 1 }),
    title: fc.record({
      genre: fc.nat({ max: GENRES.length - 1 }),
      prefix: fc.constantFrom(...Object.values(TitlePrefix)),
      pick: fc.nat({ max: 1000 }),
    }),
    subtitle: fc.boolean(),
    lookAlike: fc.oneof(fc.constant(0), fc.nat({ max: 20 })),
    adverts: fc.nat({ max: 3 }),
    marker: fc.nat({ max: 4 }),
    bodyVariant: fc.constantFrom(...Object.values(BodyVariant)),
    separator: fc.constantFrom(...Object.values(Separator)),
    byline: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: BYLINES.length })),
    closing: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: CLOSINGS.length })),
  });

/** Plans of compilations of 1–12 reports drawn from `goldCount` gold reports. */
export function compilationPlan(goldCount: number): fc.Arbitrary<CompilationPlan> {
  return fc.record({
    reports: fc.array(reportPlan(goldCount), { minLength: 1, maxLength: 12 }),
    toc: fc.option(
      fc.record({ style: fc.constantFrom(...Object.values(TocStyle)), pages: fc.boolean(), blankAfter: fc.boolean() }),
      { nil: null },
    ),
    cover: fc.boolean(),
    // Not `（一）`: it numbers a level-2 heading (GB/T 9704 §7.3.3), and compilations do not number pieces so.
    numbered: fc.option(fc.constantFrom(...Object.values(TocStyle).filter((style) => style !== TocStyle.Bracketed)), { nil: null }),
    wrap: fc.option(fc.record({ width: fc.integer({ min: 60, max: 84 }), indent: fc.boolean() }), { nil: null }),
    pageNumbers: fc.option(
      fc.record({
        style: fc.constantFrom(...Object.values(PageNumberStyle)),
        linesPerPage: fc.integer({ min: 18, max: 30 }),
        header: fc.constantFrom(...Object.values(RunningHeader)),
      }),
      { nil: null },
    ),
    copy: fc.record({
      indent: fc.constantFrom(...Object.values(CopyIndent)),
      trailingSpaces: fc.boolean(),
      doubleSpaced: fc.boolean(),
      crlf: fc.boolean(),
    }),
  });
}

/**
 * Every title the generator can give a report (the titles it makes from the gold ones, before an
 * advert or a variant of the body's copy is added): for measuring how titles are set.
 */
export function generatedTitles(): string[] {
  const titles = new Set<string>();
  // Every pick modulo the lengths of the lists it indexes names every unit, person and meeting.
  const picks = UNITS.length * PEOPLE.length * MEETINGS.length;
  for (const { title } of loadGoldReports()) {
    for (let genre = 0; genre < GENRES.length; genre++) {
      for (const prefix of Object.values(TitlePrefix)) {
        for (let pick = 0; pick < picks; pick++) titles.add(makeTitle(title, { genre, prefix, pick }));
      }
    }
  }
  return [...titles];
}
