/**
 * 校对与用户规则的简体中文消息（lib/corrections）。键与参数同 corrections-en.ts；由 zh-CN.ts 展开。
 */
import type { CorrectionOp } from '../corrections/corrections-document.js';
import type { DropReason } from '../corrections/correction-outcomes.js';
import type { UserRuleKind } from '../corrections/user-rules.js';
import { unusableReason, type correctionsEn } from './corrections-en.js';

const kib = (bytes: number) => `${Math.ceil(bytes / 1024)} KB`;

const OP_NAMES: Readonly<Record<CorrectionOp, string>> = {
  'restore-cut': '恢复删除的内容',
  'remove-lines': '删除一段文字',
  'start-report': '从此行开始新报告',
  'join-report': '并入上一篇',
  'set-title': '修改标题',
};

const WHY: Readonly<Record<DropReason, string>> = {
  stale: '原文在该处已不是这段文字',
  'cut-gone': '这段文字已不再被删除',
  'not-in-report': '该行不在任何报告的正文中',
  'already-starts': '该行已是一篇报告的开头',
  'no-text-above': '上一篇报告将只剩标题',
  'first-report': '它前面没有报告',
  'not-report-start': '该行不是一篇报告的开头',
};

const RULE_KINDS: Readonly<Record<UserRuleKind, string>> = {
  phrase: '包含',
  'line-starts-with': '开头是',
  'line-ends-with': '结尾是',
};

export const correctionsZhCN: { readonly [K in keyof typeof correctionsEn]: (...params: Parameters<(typeof correctionsEn)[K]>) => string } = {
  CORRECTIONS_TOO_LARGE: (p) => `校对修改共 ${kib(p.bytes)}，超过 ${kib(p.limit)} 的上限；修改记录只记改动而非全文，请分几次应用`,
  CORRECTIONS_NOT_JSON: () => '校对文件不是 UTF-8 编码的 JSON，请在校对页面重新保存',
  CORRECTIONS_MALFORMED: (p) => `校对文件格式不符合要求：${p.where} ${p.problem}`,
  CORRECTIONS_TOO_MANY: (p) => `共 ${p.count} 处修改，超过一个文件最多 ${p.limit} 处的上限；请先应用一部分，再做其余修改`,
  CORRECTIONS_OVERLAP: (p) => `修改 ${p.first} 与 ${p.second} 改动了同一段文字，请撤销其中一处后再应用`,
  CORRECTIONS_ANCHOR: (p) => `修改 ${p.id} 所指的文字不在原文第 ${p.line} 行，请重新打开校对页面再做一次`,
  CORRECTIONS_INPUT_CHANGED: () => '做这些修改之后，这个任务的原文已经更换；请等它处理完，重新打开校对页面再修改',
  CORRECTIONS_NO_INPUT: (p) => `任务 ${p.jobId} 没有可校对的原文，请先上传文件`,
  RULES_TOO_LARGE: (p) => `规则共 ${kib(p.bytes)}，超过 ${kib(p.limit)} 的上限，请删除不再需要的规则`,
  RULES_NOT_JSON: () => '规则文件不是 UTF-8 编码的 JSON',
  RULES_MALFORMED: (p) => `规则文件格式不符合要求：${p.where} ${p.problem}`,
  RULES_TOO_MANY: (p) => `共 ${p.count} 条规则，超过 ${p.limit} 条的上限，请删除不再需要的规则`,
  RULE_PHRASE: (p) => `“${p.phrase}”不能作为规则：词句须在一行之内，${p.min} 到 ${p.max} 个字`,
  CORRECTION_DROPPED: (p) =>
    `修改 ${p.id ?? ''}（${OP_NAMES[p.op as CorrectionOp] ?? p.op ?? ''}）未应用：${WHY[p.why as DropReason] ?? WHY.stale}；请打开校对页面查看`,
  CORRECTIONS_OTHER_INPUT: (p) => `这些修改是针对此文件的另一个版本（${p.madeFor ?? ''}…）做的，只在原文仍相同之处应用`,
  CORRECTIONS_UNUSABLE: (p) => `原文旁的校对文件未应用：${unusableReason(correctionsZhCN, p)}`,
  USER_RULES_UNUSABLE: (p) => `您的规则未应用：${unusableReason(correctionsZhCN, p)}`,
  'help.corrections': () => '对唯一的输入文件应用 FILE 中的校对修改（校对页面保存的 <name>.corrections.json）',
  'help.rules': () => '对每个输入文件应用 FILE 中您自己的规则（rules.json：词句、以某词句开头或结尾的行）',
  'usage.correctionsOneInput': (p) => `--corrections 只对应一个输入文件，现在给了 ${p.inputs} 个；请单独转换那个文件`,
  'cli.unusableFile': (p) => `${p.path}: ${p.reason}`,
  'web.userRule': (p) => `我的规则：${RULE_KINDS[p.kind as UserRuleKind] ?? p.kind}“${p.phrase}”`,
  'web.ruleKind': (p) => RULE_KINDS[p.kind as UserRuleKind] ?? p.kind,
  'web.op': (p) => OP_NAMES[p.op as CorrectionOp] ?? p.op,
  'web.proofread': () => '校对',
  'web.proofreadTitle': (p) => `校对 ${p.name}`,
  'web.proofreadHint': () =>
    '下面是文档中的文字。划掉的是被删除的内容，如果其实是正文，可以恢复；工具漏删的行可以删除；也可以从某一行开始新报告、把报告并入上一篇或修改标题。改好后点“应用修改”。',
  'web.beforeFirstReport': () => '第一篇报告之前',
  'web.reportHeading': (p) => `第 ${p.index} 篇：${p.title}`,
  'web.restore': () => '恢复',
  'web.removeLine': () => '删除此行',
  'web.startReport': () => '从此行开始新报告',
  'web.joinReport': () => '并入上一篇',
  'web.rename': () => '改标题',
  'web.renamePrompt': () => '新标题',
  'web.alwaysRemove': () => '总是删除这样的行',
  'web.undo': () => '撤销',
  'web.changes': (p) => `${p.count} 处修改`,
  'web.noChanges': () => '尚无修改。',
  'web.apply': () => '应用修改',
  'web.applying': () => '正在应用…',
  'web.applied': () => '已应用，正在重新生成文档。',
  'web.close': () => '关闭',
  'web.inputChanged': () => '这个任务完成后原文已更换，请等新任务完成后再校对。',
  'web.restoredMark': () => '已恢复',
  'web.removedMark': () => '已删除',
  'web.newReportMark': () => '新报告',
  'web.joinedMark': () => '已并入',
  'web.rules': () => '我的规则',
  'web.rulesHint': () => '以后上传的每个文件都会删除这些行或词句；词句按原样匹配。',
  'web.rulesNone': () => '还没有规则：在校对页面的某一行上点“总是删除这样的行”即可添加。',
  'web.addRule': () => '添加',
  'web.saveRules': () => '保存规则',
  'web.rulesSaved': () => '已保存，对之后上传的文件生效。',
  'web.deleteRule': () => '删除',
  'web.rulePhrase': () => '词句',
};
