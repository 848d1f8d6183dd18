/**
 * Words common in the titles of Chinese official documents and reports. Title balancing has no
 * word segmenter; breaking inside one of these words is what tears a title's meaning most often
 * (`基|层`, `振|兴`), so the balancer treats their insides as poor break points.
 */
const WORDS = `
工作 报告 述职 述廉 总结 讲话 发言 提纲 材料 汇报 计划 方案 意见 通知 决定 通报 请示 批复 函
心得 体会 感悟 研讨 交流 调研 专题 会议 大会 座谈 动员 部署 推进 表彰 年度 季度 上半年 下半年 全年
党委 党组 党支部 支部 党员 党风 廉政 纪检 监察 巡视 巡察 组织 宣传 统战 政法 机关 单位 部门
政府 人民 人大 政协 委员会 办公室 领导 干部 班子 成员 书记 局长 主任 校长 院长 队伍 人才
学习 贯彻 落实 精神 思想 理论 政治 主题 教育 民主 生活 问题 整改 清单 检视 剖析 对照 检查
责任 制度 体系 机制 能力 水平 作风 纪律 规矩 担当 作为 建设 发展 改革 创新 开放 管理 服务
治理 监督 考核 评价 安全 生产 应急 消防 环境 生态 保护 污染 防治 营商 优化 提升 加强 改进
推动 促进 深化 全面 从严 治党 高质量 现代化 新时代 基层 社区 乡村 农村 振兴 脱贫 攻坚 扶贫
经济 社会 文化 科技 卫生 健康 医疗 疫情 防控 就业 社保 民生 教学 学校 学生 教师 财政 预算
审计 税务 金融 银行 企业 国有 项目 投资 招商 城市 城乡 规划 交通 水利 住房 土地 自然资源
战略 目标 任务 措施 成效 经验 做法 亮点 不足 打算 思路 情况 形势 分析 研究 实施 意见 办法
实施意见 贯彻落实 主题教育 党史 学习教育 二十大 十九大 全会 习近平 新时代中国特色社会主义
本级 收支 党建 基层党建 抓基层党建 抓党建 党建工作 述责述廉 述职述廉 述职报告 工作总结 工作报告 党组织 党组织书记
`;

/** The lexicon's words, longest first so that a longer word wins where two overlap. */
export const TITLE_WORDS: readonly string[] = Array.from(new Set(WORDS.split(/\s+/u).filter(Boolean))).sort(
  (a, b) => b.length - a.length,
);

/**
 * ICU's Chinese word segmenter (dictionary based, in every Node.js build with full ICU): knows the
 * common words the lexicon does not list. Undefined where the runtime has no Intl.Segmenter.
 */
const segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : undefined;

/**
 * For each UTF-16 offset of `text`, true when that offset falls strictly inside a word (GB/T 9704
 * §7.3.1 词意完整): an occurrence of a lexicon word, which includes the compounds of report titles
 * (`基层党建`, `述责述廉`), or a word of two or more characters by `Intl.Segmenter` (`组织`).
 */
export function insideLexiconWord(text: string): boolean[] {
  const inside = new Array<boolean>(text.length + 1).fill(false);
  if (segmenter) {
    for (const { segment, index, isWordLike } of segmenter.segment(text)) {
      if (!isWordLike || segment.length < 2) continue;
      for (let offset = index + 1; offset < index + segment.length; offset += 1) inside[offset] = true;
    }
  }
  for (const word of TITLE_WORDS) {
    for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
      for (let offset = at + 1; offset < at + word.length; offset += 1) inside[offset] = true;
    }
  }
  return inside;
}

/** Conjunctions that join two phrases of a title (`A及B`, `A暨B`); a line must not end on one. */
const SINGLE_CONJUNCTIONS = new Set(Array.from('和与及并暨或同'));
/** Conjunctions of two characters, which a segmenter may read as one word. */
const DOUBLE_CONJUNCTIONS = ['以及', '及其', '或者', '并且', '而且', '暨其'];

/**
 * True when `text` ends on a conjunction standing as a word of its own: `抓基层党建及`, `A以及`;
 * not `参与` or `普及`, where 与 and 及 end a word (`inside`, from {@link insideLexiconWord} over
 * the whole title, marks the offsets strictly inside words).
 */
export function endsOnConjunction(text: string, inside: readonly boolean[]): boolean {
  if (DOUBLE_CONJUNCTIONS.some((word) => text.endsWith(word))) return true;
  const last = text.at(-1);
  if (last === undefined || !SINGLE_CONJUNCTIONS.has(last)) return false;
  return !inside[text.length - 1];
}

/** Prepositions that open a phrase (`在…上`, `关于…的`); a line ending on one tears it from its object. */
const PREPOSITIONS = ['关于', '对于', '围绕', '在', '对', '就'];

/** True when `text` ends on a preposition standing as a word of its own (`…书记在`, `…关于`), not `存在`. */
export function endsOnPreposition(text: string, inside: readonly boolean[]): boolean {
  return PREPOSITIONS.some((word) => text.endsWith(word) && !inside[text.length - word.length]);
}

/**
 * Who a report is by, as titles name it before the matter: a post (书记, 局长 …), a unit (党委,
 * 组织部, 政府, 公司 …), or a person (`张XX`, `李**同志`, `王某某`).
 */
const UNIT_OR_POST =
  /(?:书记|局长|主任|部长|县长|市长|镇长|乡长|区长|校长|院长|所长|经理|董事长|主席|委员|同志|党委|党组|党工委|工委|支部|总支|县委|市委|区委|省委|组织部|宣传部|统战部|纪委|监委|政府|办公室|委员会|公司|集团|学校|医院|街道|社区|机关|[\u4e00-\u9fff](?:XX|xx|\*\*|某某|××))$/u;

/** What continues a unit's name (`人民政府` + `办公室`, `党委` + `书记`): the unit or post is not complete before it. */
const UNIT_CONTINUES = /^(?:办公室|办|党组|党委|党工委|机关|委员会|组织部|宣传部|书记|副书记|局长|主任|部长|同志|[（(])/u;

/** True when `head` ends on a unit, post or person that `tail` does not continue. */
export function endsOnUnitOrPerson(head: string, tail = ''): boolean {
  return UNIT_OR_POST.test(head) && !UNIT_CONTINUES.test(tail);
}

/** What the matter of a report opens with after the unit or person: a verb of the work, 关于, 个人 … */
const MATTER_OPENING =
  /^(?:关于|抓|开展|学习|推进|落实|贯彻|加强|深入|全面|坚持|围绕|聚焦|履行|个人|对照|专题|主题|述职|述责|述廉|年度|印发|转发|批转|做好|进一步)/u;

/** The spans `[start, end)` of the `在…上的` phrases of a title (`在全县…大会上的讲话`): 在 to the 上 that closes it. */
export function meetingSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const match of text.matchAll(/在[^在]{2,40}?上的/gu)) spans.push([match.index, match.index + match[0].length - 2]);
  return spans;
}

/**
 * True when the title's matter opens at `offset` (`tail` is the title from there): a `在…上的`
 * phrase starting here, or a word in {@link MATTER_OPENING}.
 */
export function opensMatter(tail: string, offset: number, meetings: readonly (readonly [number, number])[]): boolean {
  return meetings.some(([start]) => start === offset) || MATTER_OPENING.test(tail);
}

/** A year opening the rest (`2023年度…`): the matter's start when a unit or person comes before it. */
export const opensWithYear = (tail: string): boolean => /^[0-9０-９]{4}年/u.test(tail);
