/**
 * What sites add to a document's title, and the title without it (family 7): a compilation page's
 * count (`（通用6篇）`, `【十篇】`, `集锦15篇`, a word count `2000字`), a piece label (`…篇二`, `【篇1】`,
 * `（1）`, `通用一`, `第1篇：`, `…汇报1`), an SEO or column tag (`[县委书记讲话]`, `【建党百年 环院献礼】`,
 * `一二九演讲稿：` before a full title, `党课讲稿 ` before a title that repeats it), a field label
 * (`标题：`) and a table cell's bar (a meta table's, logged as such). Each piece taken off is named with its rule and its place in the
 * line, so that it is logged, not lost.
 */
import { TITLE_ENDINGS } from '../lexicon/genres.js';
import { isReportTitle, isTitleShaped } from '../lexicon/title-shape.js';
import { FurnitureRule } from './furniture-family.js';

/** A piece taken off a title: `[start, end)` of the line, and the rule. */
export interface TitlePiece {
  readonly rule: FurnitureRule;
  readonly start: number;
  readonly end: number;
}

/** A title line read: the title without its decorations, where it stands in the line, and what was taken off. */
export interface DecoratedTitle {
  readonly title: string;
  /** `[start, end)` of the title in the line. */
  readonly start: number;
  readonly end: number;
  readonly pieces: readonly TitlePiece[];
}

const DIGITS = '\\d一二三四五六七八九十百０-９';
const GENRE = `(?:${TITLE_ENDINGS.join('|')}|发言|發言|講話|總結|報告|心得體會|致辭|主持詞|演講稿|講稿|黨課|彙報|匯報|計劃|方案)`;
/** Words a compilation page puts around its count: `（精选15篇）`, `范文集合7篇`, `汇编4篇`. */
const COUNT_WORDS = '(?:通用|精[选選]|[优優]质|[优優]質|推[荐薦]|[热熱]门|[热熱]門|最新|[经經]典|[优優]秀|[实實]用|合集|集[锦錦]|[汇匯][编編]|大全|范文|範文|集合|共|模板|例文|[样樣]本|[热熱][门門]|完整版)';

/**
 * Decorations at the end of a title, tried in turn until none is left. A `weak` one is a bare
 * number, which a title may carry of its own (`…思想汇报（十）`, the tenth of a series): it is taken
 * off only on a page that shows itself a compilation.
 */
const TRAILING: readonly { readonly rule: FurnitureRule; readonly pattern: RegExp; readonly weak?: boolean }[] = [
  // A table cell's bar left after the title (`…工作思路 |`).
  { rule: FurnitureRule.MetaLine, pattern: /\s{0,3}[|｜]{1,3}$/u },
  // The site's name after the title, as a page's title bar has it: `… - 某某范文网`, `…_某某社区`, `… | Powered by …`.
  { rule: FurnitureRule.SeoTag, pattern: /(?:\s{1,2}[-–|｜]\s{1,2}|_)[^-–_|｜\n]{0,24}(?:网|網|社区|社區|论坛|論壇|文库|文庫|范文|範文|Powered by[^\n]{0,40})$/u },
  // A word count: `2000字`.
  { rule: FurnitureRule.Count, pattern: new RegExp(`\\s{0,2}[${DIGITS}]{2,6}\\s{0,2}字$`, 'u') },
  // The count: `（精选15篇）`, `5篇`, `【十篇】`, `集锦15篇`, `（共4篇）`, `（精选文档）`.
  {
    rule: FurnitureRule.Count,
    pattern: new RegExp(
      `\\s{0,2}(?:[（(【\\[［]\\s{0,2}${COUNT_WORDS}{0,3}\\s{0,2}(?:[${DIGITS}]{1,3}\\s{0,2}篇|文[档檔]|[资資]料|范文|範文)\\s{0,2}[）)】\\]］]|${COUNT_WORDS}{0,3}\\s{0,2}[${DIGITS}]{1,3}\\s{0,2}篇)$`,
      'u',
    ),
  },
  // A count before the page's remark on it: `3篇（市级文明乡镇汇报材料）`.
  { rule: FurnitureRule.Count, pattern: new RegExp(`\\s{0,2}[${DIGITS}]{1,3}\\s{0,2}篇\\s{0,2}[（(][^（）()]{1,20}[）)]$`, 'u') },
  // A piece label: `篇1`, ` 篇一`, `【篇1】`, `（篇一）`, `通用一`.
  { rule: FurnitureRule.PieceLabel, pattern: new RegExp(`\\s{0,2}(?:[（(【\\[［]\\s{0,2}篇\\s{0,2}[${DIGITS}]{1,3}\\s{0,2}[）)】\\]］]|篇\\s{0,2}[${DIGITS}]{1,3}|通用[${DIGITS}]{1,3})$`, 'u') },
  // A piece number after the genre word: `…致辞（1）`, `…工作汇报1`.
  { rule: FurnitureRule.PieceLabel, pattern: new RegExp(`(?<=${GENRE})\\s{0,2}(?:[（(][${DIGITS}]{1,2}[）)]|[${DIGITS}]{1,2})$`, 'u'), weak: true },
  // A page number of a multi-page article: `…的必要性(2)`.
  { rule: FurnitureRule.PieceLabel, pattern: /(?<=[\p{Script=Han}])[（(][2-9２-９][）)]$/u, weak: true },
];

/** Decorations at the start of a title. */
const LEADING: readonly { readonly rule: FurnitureRule; readonly pattern: RegExp }[] = [
  // A field label: `标题：`.
  { rule: FurnitureRule.SeoTag, pattern: /^(?:标题|標題|题目|題目)\s{0,2}[:：]\s{0,2}/u },
  // A piece label: `【篇一】`, `（篇一）`, `第1篇：`, `篇一：`. A bare `第一篇 ` is the splitter's: it numbers
  // the pieces of a compilation, and the splitter reads the run of them (piece-number.ts).
  {
    rule: FurnitureRule.PieceLabel,
    pattern: new RegExp(`^(?:[（(【\\[［]\\s{0,2}篇\\s{0,2}[${DIGITS}]{1,3}\\s{0,2}[）)】\\]］]|第\\s{0,2}[${DIGITS}]{1,3}\\s{0,2}篇\\s{0,2}[:：]|篇\\s{0,2}[${DIGITS}]{1,3}\\s{0,2}[:：、.．])\\s{0,2}`, 'u'),
  },
  // A column or SEO tag in brackets: `【建党百年 环院献礼】`, `[县委书记讲话]`.
  { rule: FurnitureRule.SeoTag, pattern: /^[【[［〖][^【】[\]［］〖〗\n]{1,16}[】\]］〗]\s{0,2}(?=\S{4})/u },
];

/** A whole title in brackets with a piece number in it: `【干部延安学习心得体会1】`. */
const BRACKETED_WHOLE = /^([【[［〖])(.{4,60})([】\]］〗])$/u;

/** `一二九演讲稿：在纪念…讲话`: a genre keyword before a colon, then a full report title. */
const KEYWORD_PREFIX = new RegExp(`^([^:：\\s]{2,12}?${GENRE})\\s{0,2}[:：]\\s{0,2}(?=\\S)`, 'u');
/** `党课讲稿 党课讲稿：…`: a category word, a space, and the title that starts with the same word. */
const CATEGORY_PREFIX = /^(\S{2,10})\s{1,4}(?=\S)/u;

export interface TitleDecorationOptions {
  /** Take bare numbers off too (`…致辞（1）`, `…汇报1`): the page is a compilation. Default false. */
  readonly pieceNumbers?: boolean;
}

/**
 * Reads a title line: the title without what sites add to it, and the pieces taken off. A line
 * that would be left with fewer than four characters keeps what it has.
 */
export function readTitleDecorations(line: string, options: TitleDecorationOptions = {}): DecoratedTitle {
  let start = 0;
  let end = line.length;
  const pieces: TitlePiece[] = [];
  const take = (rule: FurnitureRule, from: number, to: number) => {
    if (to > from) pieces.push({ rule, start: from, end: to });
  };
  const bracketed = BRACKETED_WHOLE.exec(line);
  if (bracketed && /[\d一二三四五六七八九十０-９篇]$/u.test(bracketed[2]!.trim())) {
    take(FurnitureRule.PieceLabel, 0, 1);
    take(FurnitureRule.PieceLabel, line.length - 1, line.length);
    start = 1;
    end = line.length - 1;
  }
  for (let changed = true; changed; ) {
    changed = false;
    const text = line.slice(start, end);
    for (const { rule, pattern, weak } of TRAILING) {
      if (weak && !options.pieceNumbers) continue;
      const match = pattern.exec(text);
      if (match && match.index >= 4 && match[0].length > 0) {
        take(rule, start + match.index, end);
        end = start + match.index;
        changed = true;
        break;
      }
    }
    if (changed) continue;
    for (const { rule, pattern } of LEADING) {
      const match = pattern.exec(text);
      if (match && text.length - match[0].length >= 4 && match[0].length > 0) {
        take(rule, start, start + match[0].length);
        start += match[0].length;
        changed = true;
        break;
      }
    }
    if (changed) continue;
    const prefix = tagBeforeTitle(text);
    if (prefix > 0) {
      take(FurnitureRule.SeoTag, start, start + prefix);
      start += prefix;
      changed = true;
    }
  }
  // A labelled piece's heading glued after the page's title on the same topic (`青年节座谈会发言稿` +
  // `青年节座谈会演讲稿` + `通用一`): the page's title is the title, the piece's heading goes with its label.
  if (pieces.some((piece) => piece.rule === FurnitureRule.PieceLabel && piece.start >= end)) {
    const glued = gluedPieceHeading(line.slice(start, end));
    if (glued > 0) {
      take(FurnitureRule.PieceLabel, start + glued, end);
      end = start + glued;
    }
  }
  // The title itself may carry white space the pieces stood beside.
  const title = line.slice(start, end);
  const lead = title.length - title.trimStart().length;
  const trail = title.length - title.trimEnd().length;
  return { title: title.trim(), start: start + lead, end: end - trail, pieces: pieces.sort((a, b) => a.start - b.start) };
}

/**
 * The length of a site's keyword before the title: `一二九演讲稿：` before a full report title
 * (`在纪念…上的讲话`), or a category word repeated by the title (`党课讲稿 党课讲稿：…`). A title
 * whose part after the colon is no report title of its own (`思想汇报范文：重新认识党`) keeps it.
 */
function tagBeforeTitle(text: string): number {
  const keyword = KEYWORD_PREFIX.exec(text);
  if (keyword && isReportTitle(text.slice(keyword[0].length))) return keyword[0].length;
  const category = CATEGORY_PREFIX.exec(text);
  if (category) {
    const rest = text.slice(category[0].length);
    if (rest.startsWith(category[1]!) && rest.length > category[1]!.length && isTitleShaped(rest)) return category[0].length;
  }
  return 0;
}

/** Fewest leading characters two titles glued together share to be on one topic. */
const MIN_SHARED_TOPIC = 2;

/** Where a second report title on the same topic starts in `text`, glued to the first; 0 when none does. */
function gluedPieceHeading(text: string): number {
  for (let at = 4; at <= text.length - 4; at++) {
    const [first, second] = [text.slice(0, at), text.slice(at)];
    if (second.slice(0, MIN_SHARED_TOPIC) === first.slice(0, MIN_SHARED_TOPIC) && isReportTitle(first) && isReportTitle(second)) return at;
  }
  return 0;
}

/** True when the decorations of a title include a piece label or a count: a compilation's listing. */
export function isListingDecoration(pieces: readonly TitlePiece[]): boolean {
  return pieces.some((piece) => piece.rule === FurnitureRule.PieceLabel || piece.rule === FurnitureRule.Count);
}

/** A piece number alone on its line (`一`, `1`, `篇一`, `（一）`): the label of an untitled piece. */
export function isBarePieceLabel(line: string): boolean {
  return new RegExp(`^(?:篇\\s{0,2})?[（(]?[${DIGITS}]{1,3}[）)]?$|^第[${DIGITS}]{1,3}篇$`, 'u').test(line.trim());
}
