/**
 * The vocabulary of document-site promotion, weighted. A line is judged by how densely it uses
 * these words, never by a single word: official prose may well mention 公众号 or 素材 once.
 */
import { isWhiteSpaceCode } from './white-space.js';

/** One promotional term and how strongly it signals an advert. */
export interface AdvertTerm {
  /** Regex source (no flags, no capture groups); bounded quantifiers only. */
  readonly source: string;
  readonly weight: number;
}

/**
 * Weights: 3 = rarely seen outside adverts (客服, 代笔, 网盘, a contact handle); 2 = promotional
 * but also common enough in prose (关注, 下载, 会员); 1 = context words that only add up.
 */
export const ADVERT_TERMS: readonly AdvertTerm[] = [
  { source: '(?:公众号|微信|微信号|QQ群?|qq群?|客服|V信|vx|VX|wx)[：:]', weight: 3 },
  { source: 's?vip', weight: 3 },
  { source: 'SVIP|VIP', weight: 3 },
  { source: '客服', weight: 3 },
  { source: '代笔|代写|代发布?', weight: 3 },
  { source: '素材库|文库|资料库|范文库|宝库', weight: 3 },
  { source: '网盘', weight: 3 },
  { source: '接单', weight: 3 },
  { source: '谨防假冒|唯一平台', weight: 3 },
  { source: '扫码|二维码|加微信|联系QQ|淘宝|店铺', weight: 3 },
  { source: '公众号', weight: 2 },
  { source: '关注', weight: 2 },
  { source: '会员', weight: 2 },
  { source: '下载', weight: 2 },
  { source: '搜索', weight: 2 },
  { source: '每天更新|每日更新|持续更新|同步更新', weight: 2 },
  { source: '最新最全|更多精彩|更多资料|免费领取|好评如潮', weight: 2 },
  { source: '欢迎加入|有意加入|添加', weight: 2 },
  { source: '小伙伴|私信|原创', weight: 2 },
  { source: '素材|材料|资料', weight: 1 },
  { source: '一键|精准|高质量|海量', weight: 1 },
  { source: '联系|更新|平台', weight: 1 },
];

const combined = new RegExp(ADVERT_TERMS.map((term) => `(${term.source})`).join('|'), 'g');

/**
 * Every character the terms are written with. Each term is literal characters with `?`, `|`,
 * groups and classes of literals, so every match contains at least one of them; a line with none
 * scores 0, even after its bracketed tags are taken out (which only ever removes characters).
 * Any other syntax (an escape, `.`, a range or negated class, an anchor) could match characters
 * not written out, and switches this shortcut off.
 */
function termCharacterClass(terms: readonly AdvertTerm[]): RegExp | undefined {
  const sources = terms.map((term) => term.source.replaceAll('(?:', ''));
  if (sources.some((source) => /[\\.^$*+{}-]/.test(source))) return undefined;
  const literals = new Set<string>();
  for (const source of sources) for (const char of source) if (!'()?|[]'.includes(char)) literals.add(char);
  // Nothing special inside a class is left: `\\`, `^` and `-` switched the shortcut off, brackets are syntax.
  return new RegExp(`[${[...literals].join('')}]`);
}

const termCharacters = termCharacterClass(ADVERT_TERMS);

/** False when `line` cannot score above 0: it holds no character of any term. */
export function mayScore(line: string): boolean {
  return termCharacters === undefined || termCharacters.test(line);
}

/** Weight from which a term counts as strong: seldom written outside an advert. */
export const STRONG_WEIGHT = 3;

export interface AdvertScore {
  /** Sum of the weights of all terms found (each occurrence counts, no overlaps). */
  readonly score: number;
  /** Score per visible character: adverts are short and dense, prose is long and sparse. */
  readonly density: number;
  /** How many terms of at least STRONG_WEIGHT were found. */
  readonly strongTerms: number;
}

/** Scores `line` against ADVERT_TERMS. */
export function scoreAdvert(line: string): AdvertScore {
  let score = 0;
  let strongTerms = 0;
  // matchAll advances a copy of the pattern: `combined` keeps no state between calls.
  for (const match of line.matchAll(combined)) {
    for (let group = 1; group < match.length; group++) {
      if (match[group] !== undefined) {
        const weight = ADVERT_TERMS[group - 1]?.weight ?? 0;
        score += weight;
        if (weight >= STRONG_WEIGHT) strongTerms++;
        break;
      }
    }
  }
  let visible = 0;
  for (let i = 0; i < line.length; i++) if (!isWhiteSpaceCode(line.charCodeAt(i))) visible++;
  return { score, density: visible === 0 ? 0 : score / visible, strongTerms };
}
