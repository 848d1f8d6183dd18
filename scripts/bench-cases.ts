/**
 * The worst cases `npm run bench` feeds the text stages: inputs built to be as expensive as an
 * upload under the size limit can be, each from a fixed seed so that every run measures the same
 * bytes. Shared with the tests that check these shapes still clean correctly (at a smaller size).
 */

/** A small deterministic generator (mulberry32): the same seed gives the same input every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Joins pieces drawn by `next` for as long as the UTF-8 size stays within `bytes`. */
function fill(bytes: number, next: () => string): string {
  const parts: string[] = [];
  let size = 0;
  for (;;) {
    const part = next();
    size += Buffer.byteLength(part);
    if (size > bytes) return parts.join('');
    parts.push(part);
  }
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const JUNK = ['*', '#', '%', '^', '~', '@', '&', '哒', '哒哒', ''];

/**
 * Unclosed advert brackets: `【更多素材搜索` again and again with junk in and around it and never a
 * `】`, on lines of a few hundred characters. Every `【` starts a tag the rules must try to close.
 */
export function bracketFlood(bytes: number, seed = 1): string {
  const random = seededRandom(seed);
  return fill(bytes, () => {
    const tag = `${pick(random, JUNK)}【更多${pick(random, JUNK)}素材搜索${pick(random, JUNK)}`;
    return random() < 0.02 ? `${tag}\n` : tag;
  });
}

const SENTENCES = [
  '坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大精神。',
  '扎实推进党建促乡村振兴工作，抓好点评问题整改等工作。',
  '着力在抓队伍建设、支部建设、问题整改上下功夫、求实效。',
  '全镇上下呈现出聚精会神抓党建、一心一意谋发展的良好局面。',
  '上半年召开党建专题会议3次，研究谋划基层党建工作。',
  '我镇**村通过着力发展特色产业，带动72户脱贫户参与种植。',
  '部分村干党建工作业务知识不够熟悉，对概念不学习，不了解。',
];

/** One paragraph of `bytes` of prose with no line break at all (a file saved without newlines). */
export function longLine(bytes: number, seed = 2): string {
  const random = seededRandom(seed);
  return fill(bytes, () => pick(random, SENTENCES));
}

const ADVERTS = [
  '*【更多素材搜索哒^#哒文库】',
  '%【更多素#材搜索哒哒%文*库】',
  '【笔杆子宝库】',
  '［更多资料下载请关注公众号］',
  '##paidbegin##',
  '##paidend##',
  '【更多素材搜索',
  '】',
];

const FOOTER = [
  '【公众号：某某君】，最新最全党建资料库',
  '欢迎加入“某某素材库svip会员”，添加客服：abc，谨防假冒！',
  '【某某代笔】——原创高质量保障，持续接单中，需要的小伙伴请联系客服',
  '关注公众号，每天更新',
];

/**
 * Prose with adverts at random: tags and paywall markers glued into sentences and words, stray
 * brackets, footer blocks, indentation, blank lines and hard-wrap-like line lengths.
 */
export function randomAdverts(bytes: number, seed = 3): string {
  const random = seededRandom(seed);
  return fill(bytes, () => {
    const roll = random();
    if (roll < 0.5) return pick(random, SENTENCES);
    if (roll < 0.8) return pick(random, ADVERTS);
    if (roll < 0.9) return '\n';
    if (roll < 0.95) return `\n${pick(random, FOOTER)}\n`;
    return pick(random, ['\u3000\u3000', '  ', '\n\n\n', '\t', '\u200b', '一、', '（一）']);
  });
}

/**
 * A compilation copied out of a PDF: paragraphs broken at the page width every 28 characters,
 * first lines indented. Every line break inside a paragraph is a cut to re-join.
 */
export function hardWrapped(bytes: number, seed = 7): string {
  const random = seededRandom(seed);
  return fill(bytes, () => {
    const paragraph = `\u3000\u3000${Array.from({ length: 2 + Math.floor(random() * 6) }, () => pick(random, SENTENCES)).join('')}`;
    const lines: string[] = [];
    for (let i = 0; i < paragraph.length; i += 28) lines.push(paragraph.slice(i, i + 28));
    return `${lines.join('\n')}\n`;
  });
}

/** Millions of one-character lines: every per-line array and object is at its largest. */
export function tinyLines(bytes: number, seed = 4): string {
  const random = seededRandom(seed);
  return fill(bytes, () => `${pick(random, ['党', '建', '工', '作', 'x', '1', '。'])}\n`);
}

/** Nothing but paywall markers, one after another: the most removals per byte. */
export function paywallMarkers(bytes: number, seed = 5): string {
  const random = seededRandom(seed);
  return fill(bytes, () => pick(random, ['##paidbegin##', '##paidend##', '##paidbegin##\n', '##paidend##\n']));
}

/**
 * A little text and a great many closed adverts: every cut is logged, so the removal log is as large
 * as the input can make it while something is still left to convert.
 */
export function closedAdverts(bytes: number, seed = 6): string {
  const random = seededRandom(seed);
  const body = `2023年度述职报告\n${SENTENCES.join('')}\n`;
  return body + fill(bytes - Buffer.byteLength(body), () => pick(random, ['【更多素材搜索文库】', '##paidend##', '%【更多素#材搜索哒哒%文*库】']));
}

/**
 * Short sentences of 7–21 characters, one per line, in lines just under the clean stage's limit
 * (MAX_LINES): every line is a paragraph that split must keep, the most blocks an accepted input gives.
 */
export function shortLines(bytes: number, seed = 8): string {
  const random = seededRandom(seed);
  const characters = '党建工作取得实效坚持以人民为中心推进乡村振兴强化理论武装深化作风建设';
  return fill(bytes, () => {
    const length = 6 + Math.floor(random() * 15);
    let line = '';
    for (let i = 0; i < length; i++) line += characters[Math.floor(random() * characters.length)];
    return `${line}。\n`;
  });
}

/**
 * One short sentence on every line, `lines` times: the issue-21 render case (450,000 lines of
 * `工作很好。`, 7.2 MB). No title splits it, so it is one report of as many paragraphs: the most
 * lines a report of an accepted input sets, and so the most pages.
 */
export function repeatedLine(lines: number, sentence = '工作很好。'): string {
  return `${sentence}\n`.repeat(lines);
}
