/**
 * The words that say what a line is about: the genre a report title ends with (述职报告, 讲话 …),
 * the endings of a unit's name (办公室, 党委 …) and the labels that introduce an author.
 */

/** Genre words a report title ends with. Longest first where one contains another. */
export const TITLE_ENDINGS: readonly string[] = [
  '述职述廉报告', '述职报告', '调研报告', '工作报告', '报告',
  '工作总结', '总结',
  '讲话稿', '讲话', '发言稿', '发言提纲', '研讨发言', '交流发言', '发言',
  '对照检查材料', '剖析材料', '材料',
  '心得体会', '体会', '汇报', '实施方案', '方案', '致辞', '提纲', '计划', '要点', '规划',
  '意见', '通知', '讲稿', '主持词', '演讲稿', '党课', '决定', '办法', '细则', '纪要', '简报',
  '倡议书', '公开信', '述职',
];

/** A genre word at the end of a text. */
export const GENRE_ENDING = new RegExp(`(?:${TITLE_ENDINGS.join('|')})$`);

/** Words a compilation's cover title ends with (`2024年度党建工作材料汇编`, `述职报告范文大全`). */
export const COLLECTION_ENDINGS: readonly string[] = ['汇编', '匯編', '合集', '选编', '選編', '大全', '精选', '精選', '集锦', '集錦', '汇总', '彙總', '文集', '范文', '範文'];

/** A collection word at the end of a text: the line names a compilation, not one report. */
export const COLLECTION_ENDING = new RegExp(`(?:${COLLECTION_ENDINGS.join('|')})$`);

/**
 * Endings of a unit's name (organ, company, Party organisation, school, community …). Single
 * characters only where no common word ends so (`局`, `委`, `厅`, `处`, `科`).
 */
export const UNIT_ENDINGS: readonly string[] = [
  '委员会', '办公室', '办事处', '人民政府', '政府', '党委', '党组', '党工委', '工委', '纪委', '支部', '总支', '党支部',
  '公司', '集团', '中心', '分行', '支行', '银行', '医院', '大学', '学院', '中学', '小学', '学校', '研究院', '研究所',
  '街道', '社区', '村委会', '居委会', '工会', '协会', '学会', '联合会', '商会', '团委', '妇联', '检察院', '法院',
  '局', '委', '厅', '处', '科', '署', '站', '所', '院', '部', '队', '室', '办',
];

/** Labels that introduce the author (`述职人：张三`). */
export const AUTHOR_LABELS: readonly string[] = ['作者', '述职人', '报告人', '汇报人', '发言人', '讲话人', '单位', '部门', '署名'];
