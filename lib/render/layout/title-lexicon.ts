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
贯彻落实 主题教育 党史 学习教育 二十大 十九大 全会 习近平 新时代中国特色社会主义
党建 基层党建 抓基层党建 抓党建 党建工作 述责述廉 述职述廉 述职报告 工作总结 工作报告 党组织 党组织书记
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
