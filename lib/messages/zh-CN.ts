/**
 * 简体中文消息。Keys and parameters come from the English table (en.ts); the type below makes a
 * missing or misspelt key a compile error, so adding a code is one entry here and one in en.ts.
 *
 * House style: full-width punctuation inside sentences (，。；：（）“”), a space between Chinese
 * and Latin text or numbers, paths and option names exactly as typed. Only the `report-press:`
 * prefix keeps GNU's ASCII `: ` (it is the program's name, as every tool prints it); 警告：, 错误：
 * and the colon after a path are full-width.
 */
import { MAX_PART_LINES, MAX_PART_PAGES } from '../model/report-parts.js';
import { en, fileSize, inputExtension, megabytes, percent as englishPercent } from './en.js';
import type { FsProblem } from './types.js';
import { correctionsZhCN } from './corrections-zh-CN.js';

/** The same keys as English, each taking the same parameters. */
export type Catalogue = { readonly [K in keyof typeof en]: (...params: Parameters<(typeof en)[K]>) => string };

/** `37%`、`不到 1%`：文件中某类字符所占的比例（0–1）。 */
function percent(share: number): string {
  const english = englishPercent(share);
  return english.startsWith('under ') ? `不到 ${english.slice('under '.length)}` : english;
}

function fsReason({ errno, at }: FsProblem): string {
  switch (errno) {
    case 'EACCES':
    case 'EPERM':
      return `没有在 ${at} 中写入的权限（${errno}）`;
    case 'EROFS':
      return `${at} 所在的文件系统是只读的（EROFS）`;
    case 'ENOTDIR':
    case 'EEXIST':
      return `${at} 不是文件夹（${errno}）`;
    case 'EISDIR':
      return `${at} 是一个文件夹（EISDIR）`;
    case 'ENOENT':
      return `${at} 中不能新建文件夹或文件（ENOENT：/proc、/sys 之类的特殊文件系统，或失效的链接）`;
    case 'ENOSPC':
      return `${at} 所在的磁盘空间不足（ENOSPC）`;
    case 'EDQUOT':
      return `${at} 超出了磁盘配额（EDQUOT）`;
    case 'ENAMETOOLONG':
      return '路径太长（ENAMETOOLONG）';
    case 'ELOOP':
      return `${at} 中符号链接的层数过多（ELOOP）`;
    default:
      return `系统在 ${at} 处报告错误 ${errno}`;
  }
}

function readReason(errno: string): string {
  if (errno === 'EACCES' || errno === 'EPERM') return `没有读取权限（${errno}）`;
  if (errno === 'EISDIR') return '这是一个文件夹（EISDIR）';
  return `系统报告错误 ${errno}`;
}

/** 每条删除规则在网页删除记录里显示的名称。 */
const RULE_NAMES: Readonly<Record<string, string>> = {
  'whitespace/double-spacing': '隔行空行',
  'page-number/running-header': '页眉页脚',
  'whitespace/invisible': '不可见字符',
  'paywall-marker/paid-section': '付费标记',
  'page-number/page-line': '页码',
  'bracketed-advert/junk-before-wrapped-tag': '折行广告标签前的杂字符',
  'bracketed-advert/search-tag': '“搜索素材”广告标签',
  'bracketed-advert/site-name': '文库网站名',
  'bracketed-advert/advert-label': '广告标记',
  'bracketed-advert/search-tag-alt-brackets': '其他括号里的广告标签',
  'whitespace/hard-wrap': '硬换行',
  'advert-line/promotion': '推广广告行',
  'advert-block/footer-neighbour': '页脚广告行',
  'whitespace/indent': '行首缩进',
  'whitespace/trailing': '行尾空格',
  'whitespace/beside-cjk-punctuation': '中文标点旁的空格',
  'whitespace/blank-lines': '多余空行',
  'whitespace/leading-lines': '开头空行',
  'whitespace/trailing-lines': '结尾空行',
  'outside-reports/cover': '封面',
  'outside-reports/table-of-contents': '目录',
  'outside-reports/piece-number': '篇号',
  'outside-reports/title-without-text': '无正文的标题',
  'site-header/breadcrumb': '面包屑导航',
  'site-header/welcome': '网站欢迎语',
  'site-header/toolbar': '导航和工具栏',
  'site-header/site-name': '网站名称和广告',
  'site-header/above-title': '标题上方的栏目名',
  'page-meta/meta-line': '日期、来源、浏览量等文章信息',
  'page-meta/meta-neighbour': '文章信息旁的短行',
  'site-insert/editor-blurb': '小编导语',
  'site-insert/disclaimer': '免责和版权声明',
  'site-insert/truncation': '付费和预览提示',
  'site-insert/related-list': '相关推荐和上下篇',
  'site-insert/page-end': '页尾内容',
  'title/repeated': '重复的标题',
  'title/seo-tag': '标题上的网站标签',
  'title/piece-label': '篇号标签',
  'title/count': '篇数和推荐语',
  'html-debris/block-tag': 'HTML 段落标签',
  'html-debris/inline-tag': 'HTML 行内标签',
  'markdown/heading-mark': 'Markdown 标题符号',
  'markdown/emphasis': 'Markdown 加粗符号',
  'viewer-layer/chunk-number': '文档预览的分块编号',
  'viewer-layer/page-footer': '夹在词中的页脚',
  'viewer-layer/preview-snippet': '重复开头的内容摘要',
  'viewer-layer/flattened-break': '恢复压平段落的换行',
  'viewer-layer/lost-break': '恢复文字层丢失的换行',
  'converter-pinyin/annotation': '繁简转换器加注的拼音',
  'watermark/stray-mark': '防复制符号',
  'watermark/dash-line': '分页处的短横线',
  'punctuation/half-width-mark': '半角标点改为全角',
  'punctuation/half-width-bracket': '半角括号改为全角',
};

/** 把报告换成能读的格式：按 Word 和 WPS 菜单的说法。 */
const SAVE_AS_TEXT = '请用 Word 或 WPS 打开，选择“另存为”→“纯文本（*.txt）”或“Word 文档（*.docx）”，然后改用另存的文件';

export const zhCN: Catalogue = {
  // ── 输入错误 ─────────────────────────────────────────────────────────────────────────────────
  EMPTY: (p) =>
    p.format === 'docx'
      ? 'Word 文档中没有文字，请确认文件是否选对，或重新导出报告文本'
      : typeof p.size === 'number' && p.size > 0 ? '文件里只有空白字符，请重新导出报告文本' : '文件为空（0 字节），请重新导出报告文本',
  TOO_LARGE: (p) => {
    const fix = p.limitOption ? `请拆分后再转换，或用 ${p.limitOption} 调高上限` : '请拆分成较小的文件';
    return typeof p.size === 'number' && typeof p.limit === 'number'
      ? `文件大小为 ${megabytes(p.size)}，超过了 ${megabytes(p.limit)} 的上限，${fix}`
      : `文件超过了大小上限，${fix}`;
  },
  TOO_MANY_LINES: (p) =>
    `清理后的文本有 ${p.lines ?? '过多的'} 行，超过了一次转换能处理的 ${p.limit ?? 500000} 行（20 MB 的正常汇编约 4 万行），请拆分文件，或检查它是否是报告正文`,
  TOO_MANY_REPORTS: (p) =>
    `文本拆分出 ${p.reports ?? '过多的'} 篇报告，超过了一次上传能转换的 ${p.limit ?? 5000} 篇，请拆成每个不超过 ${p.limit ?? 5000} 篇的几个文件分别上传（在自己的电脑上用 report-press convert 转换没有这个限制）`,
  BINARY: (p) => {
    const fix = '请上传纯文本（.txt）格式的报告';
    switch (p.cause) {
      case 'nul':
        return `文件中含有 NUL 字节，是二进制数据而不是文本，${fix}`;
      case 'suspect':
        if (typeof p.share !== 'number') break;
        return `文件看起来不是文本（${percent(p.share)} 的字符是控制字符、私用区字符或替换字符），${fix}`;
      case 'no-letters':
        if (typeof p.share !== 'number') break;
        return `文件看起来不是文本（${p.share === 0 ? '没有一个字符' : `只有 ${percent(p.share)} 的字符`}是字母或数字），${fix}`;
      case 'control':
        return `文件内容大多是控制字符，是二进制数据而不是文本，${fix}`;
    }
    return `文件是二进制数据而不是文本，${fix}`;
  },
  UNDECODABLE: (p) => {
    const resave = '请另存为 UTF-8 编码后再试';
    const share = percent(p.share ?? 0);
    switch (p.cause) {
      case 'bom':
        return `文件开头是 ${p.encoding} 的字节顺序标记（BOM），但第 ${p.offset} 字节附近有无效的字节序列，${resave}`;
      case 'invalid':
        return `文本看起来是 ${p.encoding} 编码，但第 ${p.offset} 字节附近有无效的字节序列，${resave}`;
      case 'mixed':
        return `文件混用了多种编码（有的部分按 ${p.encoding} 读取，有的按 ${p.other} 读取），请统一另存为 UTF-8 编码`;
      case 'mixed-at': {
        const there = p.fault === 'suspect' ? `有 ${share} 的字符是控制字符、私用区字符或替换字符` : `只有 ${share} 的字符是常用汉字`;
        return `文本按 ${p.encoding} 读取，但第 ${p.line} 行附近${there}，文件可能混用了多种编码，请统一另存为 UTF-8 编码`;
      }
      case 'not-chinese': {
        const detail = p.fault === 'no-words' ? '其中的字几乎组不成中文词语' : `其中的非 ASCII 字符只有 ${share} 是常用汉字`;
        return `文本按 UTF-8、GB18030、Big5 或 UTF-16 读取都不像中文（最接近的是 ${p.encoding}，${detail}），请用能正确显示它的编辑器打开，${resave}`;
      }
    }
    return typeof p.offset === 'number'
      ? `文本既不是 UTF-8 也不是 GB18030 编码（第 ${p.offset} 字节附近有无效的字节序列），${resave}`
      : `文本既不是 UTF-8 也不是 GB18030 编码，${resave}`;
  },
  NOTHING_LEFT: (p) =>
    p.stage === 'split'
      ? '清理之后没有找到报告正文'
      : p.stage === 'too-little'
      ? `文件里只有 ${p.characters ?? 0} 个字符，没有中文，不是报告正文；请确认选对了文件`
      : '去掉广告和付费标记后什么也没有剩下，请确认这是报告正文，而不只是网页的页脚',

  LEGACY_WORD: () => `文件是 Word 97–2003 文档（.doc）或其他旧版 Office、WPS 文件，无法读取；${SAVE_AS_TEXT}`,
  UNREADABLE_DOCX: () => `文件是 ZIP 压缩包，但不是能读取的 Word 文档（.docx）；${SAVE_AS_TEXT}`,

  // ── 文件错误 ─────────────────────────────────────────────────────────────────────────────────
  NOT_FOUND: () => '文件不存在',
  NOT_A_FILE: () => '既不是普通文件，也不是文件夹',
  UNREADABLE: (p) => `无法读取：${readReason(p.errno)}`,
  NO_TEXT_FILES: (p) => {
    const notes = [p.skipped > 0 ? `跳过其他文件 ${p.skipped} 个` : '', p.subfolders > 0 ? `还有 ${p.subfolders} 个子文件夹，加 --recursive 可一并搜索` : ''];
    const note = notes.filter(Boolean).join('；');
    return `文件夹中没有 .txt 或 .docx 文件${note ? `（${note}）` : ''}`;
  },
  DUPLICATE_NAME: (p) => `与 ${p.first} 同名，两者都会写到 ${p.folder}/，请给其中一个改名，或分两次转换`,
  UNWRITABLE: (p) => `${p.action === 'create' ? '无法创建文件夹' : '无法写入'} ${p.path}：${fsReason(p)}`,

  // ── 警告 ─────────────────────────────────────────────────────────────────────────────────────
  TOC_ENTRY_MISSING: (p) => `目录中列有“${p.text ?? ''}”，但正文里没有找到这个标题的报告，请检查输入里是否缺了这篇，或它是否并进了前一篇`,
  TITLE_IN_BODY: (p) =>
    p.title === undefined
      ? `报告正文中有一行像是报告标题（“${p.text ?? ''}”）；如果它是另一篇报告的开头，请在它前面加一个空行`
      : `“${p.text ?? ''}”像是另一篇报告的标题，却留在了报告“${p.title}”的正文里；如果确实是，请在它前面加一个空行`,
  OVERSIZED_REPORT: (p) =>
    p.size === undefined || p.median === undefined
      ? '这篇报告比其他几篇长得多，请检查是否是几篇报告连在了一起'
      : `报告“${p.text ?? ''}”有 ${p.size} 字，超过其他报告中位数（${p.median} 字）的 ${p.factor ?? 3} 倍，请检查是否是几篇报告连在了一起`,
  EMPTY_REPORT: (p) => `标题“${p.text ?? ''}”下面没有正文，未单独生成报告；请检查输入中是否缺了它的正文`,
  NO_TITLE: (p) => `这篇报告的正文上方没有找到标题，已用文件名（“${p.text ?? ''}”）命名；如有标题，请把它放在第一行`,
  MISSING_GLYPH: (p) => `内嵌字体中没有${p.text ? `“${p.text}”` : '部分字符'}，这些字符在 PDF 页面上显示为方框（文字层和 DOCX 中仍然保留）`,
  REPORT_IN_PARTS: (p) =>
    `“${p.text ?? ''}”超出了一份文档的篇幅（${MAX_PART_LINES} 行，约 ${MAX_PART_PAGES} 页），已分${typeof p.parts === 'number' ? ` ${p.parts} ` : ''}部分输出：“${p.text ?? ''}（1）”“${p.text ?? ''}（2）”……；如果其中是几篇报告，请让每篇的标题单独成行，以便拆分`,

  // ── 命令行：结果 ─────────────────────────────────────────────────────────────────────────────
  'cli.converted': (p) => `${p.input} → ${p.folder}/（${p.reports} 篇报告，清除 ${p.cuts} 处，用时 ${p.seconds.toFixed(2)} 秒）`,
  'cli.summary': (p) => `共 ${p.files} 个文件：已转换 ${p.converted} 个（${p.reports} 篇报告）${p.refused > 0 ? `，${p.refused} 个未能转换` : ''}`,
  'cli.summaryFound': (p) =>
    `；在 ${p.folders === 1 ? p.folder : `${p.folders} 个文件夹`} 中找到 ${p.found} 个 .txt 或 .docx 文件` +
    (p.skipped > 0 ? `，跳过其他文件 ${p.skipped} 个` : '') +
    (p.subfolders > 0 ? `，未搜索子文件夹 ${p.subfolders} 个（可加 --recursive）` : ''),
  'cli.warning': (p) => {
    const where = [p.report === undefined ? '' : `第 ${p.report} 篇报告`, p.line === undefined ? '' : `第 ${p.line} 行`].filter(Boolean).join('，');
    return `警告：${p.input}${where ? `（${where}）` : ''}：${p.message}`;
  },
  'cli.progress': () => '正在转换 [{bar}] {value}/{total} 篇报告  {label}',
  'cli.internalError': (p) =>
    `内部错误：${p.message}（设置 NODE_OPTIONS=--enable-source-maps 和 REPORT_PRESS_DEBUG=1 可查看调用栈）`,
  'cli.version': (p) => `report-press ${p.version}（Node.js ${p.node}，${p.platform}）`,
  'cli.devBanner': (p) => {
    const aws = `aws --endpoint-url ${p.endpoint}`;
    return [
      `report-press dev：S3 兼容服务在 ${p.endpoint}（对象保存在 ${p.dataDir}）`,
      '  存储桶：input（在此上传 .txt 或 .docx）→ work（中间结果）→ output（状态、清单、文档、错误记录）',
      '  本机凭证，不是 AWS 凭证（服务只接受用它们签名的请求）；使用 AWS CLI 或 SDK 前先设置：',
      `    export AWS_ACCESS_KEY_ID=${p.accessKeyId} AWS_SECRET_ACCESS_KEY=${p.secretAccessKey} AWS_DEFAULT_REGION=${p.region}`,
      `    ${aws} s3 cp report.txt s3://input/2024/report.txt`,
      `    ${aws} s3 cp s3://output/2024/report/status.json -   # 处理中、已完成或失败`,
      `    ${aws} s3 ls --recursive s3://output/2024/report/   # manifest.json 和 NN-<标题>.docx/.pdf，或 error.json`,
      `    ${aws} s3 sync s3://output/ out/`,
      `  任务完成时打印“⚑ ${p.eventSource} Job Finished {…}”，即 AWS 上 EventBridge 传递的事件。`,
      '  按 Ctrl-C 停止服务；未完成的任务在下次启动时继续。',
    ].join('\n');
  },
  'cli.devWebPage': (p) => `report-press dev：网页在 ${p.url}（在浏览器中上传 .txt 或 .docx 文件；接口和网页与部署版相同）`,
  'cli.devStopping': () => '正在停止：等待运行中的处理步骤完成……',
  'cli.devStopped': (p) => `已停止；对象保存在 ${p.dir}`,

  // ── 命令行：用法错误 ─────────────────────────────────────────────────────────────────────────
  'usage.unknownOption': (p) => `错误：未知选项 ${p.option}`,
  'usage.unknownCommand': (p) => `错误：未知命令 ${p.command}`,
  'usage.didYouMean': (p) => (p.several ? `（是不是想输入 ${p.suggestions.split(', ').join('、')} 中的一个？）` : `（是不是想输入 ${p.suggestions}？）`),
  'usage.missingArgument': (p) => `错误：缺少必需的参数 ${p.name}`,
  'usage.optionMissingArgument': (p) => `错误：选项 ${p.option} 缺少取值`,
  'usage.excessArguments': (p) => `错误：参数太多，应为 ${p.expected} 个，实际为 ${p.got} 个`,
  'usage.invalidOptionArgument': (p) => `错误：选项 ${p.option} 的取值“${p.value}”无效：${p.reason}`,
  'usage.other': (p) => p.message,
  'usage.seeHelp': () => '（加 --help 查看用法）',
  'usage.megabytes': () => '请给出一个正数，单位为 MB，例如 20',
  'usage.minutes': () => '请给出一个正数，单位为分钟，例如 60',
  'usage.formats': (p) => `请用 docx、pdf 或 docx,pdf（实际为${p.value === '' ? '空' : `“${p.value}”`}）`,
  'usage.profile': (p) => `请用 ${p.choices} 之一（实际为“${p.value}”）`,
  'usage.port': () => '请给出 0 到 65535 之间的 TCP 端口号',
  'usage.lang': (p) => `请用 zh 或 en（实际为“${p.value}”）`,

  // ── 命令行：帮助 ─────────────────────────────────────────────────────────────────────────────
  'help.usage': () => '用法：',
  'help.programUsage': () => '[选项] [命令]',
  'help.convertUsage': () => '[选项] <input...>',
  'help.devUsage': () => '[选项]',
  'help.arguments': () => '参数：',
  'help.options': () => '选项：',
  'help.globalOptions': () => '全局选项：',
  'help.commands': () => '命令：',
  'help.default': (p) => `（默认：${p.value}）`,
  'help.program': () => '把原始中文文本整理成规范的 GB/T 9704 公文（DOCX 和 PDF）。',
  'help.version': () => '显示版本号（提交问题时请附上）',
  'help.help': () => '显示命令的帮助',
  'help.helpCommand': () => '显示命令的帮助',
  'help.lang': () => '提示信息和帮助的语言：zh 或 en（默认取自 LC_ALL / LC_MESSAGES / LANG）',
  'help.convert': () => '清理、拆分 .txt 和 .docx 文件，并排版成 DOCX 和 PDF 文档',
  'help.convertInput': () => '.txt 文件（UTF-8、UTF-16、GB18030 或 Big5 编码）、Word 文档（.docx），或存放它们的文件夹',
  'help.out': () => '输出文件夹；每个输入写到 <dir>/<名称>/，内含 manifest.json 和 NN-<标题>.docx/.pdf',
  'help.recursive': () => '输入是文件夹时，连同子文件夹中的 .txt 和 .docx 文件一起转换',
  'help.profile': (p) => `版式：${p.choices.split(', ').join('、')}`,
  'help.format': () => '输出格式：docx、pdf 或 docx,pdf',
  'help.maxSize': () => '输入文件超过这个大小（MB）就不转换',
  'help.author': () => '写入文档属性的作者（默认取报告标题下的署名行，没有则留空）',
  'help.json': () => '在标准输出打印机器可读的汇总（JSON）',
  'help.explain': () => '同时写出 explain.json：每处删除、每个换行和每篇报告的起点由哪条规则决定、理由和所在行',
  'help.noProgress': () => '不显示进度条',
  'help.convertAfter': () =>
    [
      '输入是文件夹时，转换其中的 .txt 和 .docx 文件（加 --recursive 时也包括子文件夹）：',
      'DIR/sub/name.txt 写到 <out>/sub/name/；直接给出的文件写到 <out>/name/。',
      'Word 97–2003 的 .doc 文件无法读取，请先“另存为”纯文本（.txt）或 Word 文档（.docx）。',
      '',
      '退出状态：0 表示全部转换成功；1 表示有输入未能转换或无法写出（原因逐条输出到标准错误）；',
      '2 表示用法错误；3 表示内部错误。',
      '',
      '示例：',
      '  report-press convert samples/compilation.txt --out out/',
      '  report-press convert reports/ --recursive',
    ].join('\n'),
  'help.dev': () => '在本机运行 Lambda 处理链，配合内嵌在 127.0.0.1 上的 S3 兼容服务',
  'help.devPort': () => 'S3 服务的端口',
  'help.devDir': () => '存放存储桶数据的文件夹，多次运行之间保留',
  'help.devStall': () => '任务无进展多少分钟后由巡检结束（失败，STALLED）',
  'help.devWebPort': () => '网页的端口（在浏览器中上传 .txt 或 .docx 文件、下载文档）',
  'help.devAfter': () =>
    [
      '把 .txt 上传到 s3://input/…，再到 s3://output/… 下取 manifest.json 和文档，例如：',
      '  export AWS_ACCESS_KEY_ID=report-press AWS_SECRET_ACCESS_KEY=report-press AWS_DEFAULT_REGION=us-east-1',
      '  aws --endpoint-url http://127.0.0.1:4568 s3 cp report.txt s3://input/2024/report.txt',
      '  aws --endpoint-url http://127.0.0.1:4568 s3 ls s3://output/2024/report/',
      '也可以打开它打印出的网页（默认 http://127.0.0.1:4569/），把 .txt 文件拖进去。',
      '只接受用上面这组本机凭证签名的请求。按 Ctrl-C 停止服务。',
    ].join('\n'),
  // ── 网页及其 API（web/、lib/web/）────────────────────────────────────────────────────────────
  STAGE_FAILED: () => '某个处理环节多次重试后仍然失败，请重新上传文件；如果再次失败，请把该任务的 error.json 发给 report-press 的维护人员',
  STALLED: (p) => `任务在等待“${p.stage}”环节时 ${p.minutes} 分钟没有进展，已被终止；请重新上传文件，如果再次停滞，请把该任务的 error.json 发给 report-press 的维护人员`,
  NO_NAME: (p) => `“${p.name}”在 ${inputExtension(p.name)} 前没有名称，无法据此命名输出文件夹；请给文件改名（例如 report${inputExtension(p.name)}）后重新上传`,
  KEY_TOO_LONG: (p) => `对象键长 ${p.bytes} 字节，旁边生成的文档键会超过 S3 的 1024 字节上限，只转换不超过 ${p.limit} 字节的键；请缩短文件夹名或文件名后重新上传`,
  SIGN_IN_REQUIRED: () => '请先登录：请求中没有有效的登录凭据',
  NO_SUCH_JOB: (p) => `您的上传中没有任务 ${p.jobId}，可能已被删除`,
  NO_SUCH_ROUTE: (p) => `接口中没有 ${p.method} ${p.path}`,
  BAD_REQUEST: () => '请求须为 JSON，形如 { "name": "….txt", "bytes": 1234, "contentType": "text/plain" }',
  NOT_TXT: (p) =>
    /\.(?:doc|wps)$/i.test(p.name)
      ? `${p.name} 是 Word 97–2003 或 WPS 文件，无法读取；${SAVE_AS_TEXT}`
      : `${p.name} 既不是 .txt 也不是 .docx 文件，只能转换纯文本和 Word 文档；${SAVE_AS_TEXT}`,
  UPLOAD_EMPTY: () => '文件为空（0 字节），请重新导出报告文本',
  UPLOAD_TOO_LARGE: (p) => `文件大小为 ${megabytes(p.size)}，超过了 ${megabytes(p.limit)} 的上限，请拆分成较小的文件`,
  PROOF_NEEDS_TEXT: (p) => `${p.name} 是 Word 文档，校对只能在 .txt 文本上进行；如需校对，请“另存为”→“纯文本（*.txt）”后上传另存的文件`,
  NOT_PLAIN_TEXT: (p) => `文件的类型是 ${p.contentType}，不是纯文本，请把报告另存为 .txt 文件`,
  'web.title': () => '报告排版 · report-press',
  'web.heading': () => '报告排版：原始文本一键排版成公文',
  'web.lead': () => '上传报告或汇编的 .txt 文本或 .docx 文档：自动去掉广告和付费标记，拆分成单篇报告，并按 GB/T 9704 排版成 DOCX 和 PDF。',
  'web.drop': () => '把 .txt 或 .docx 文件拖到这里',
  'web.pick': () => '选择文件',
  'web.dropHint': (p) => `可一次选多个文件，每个不超过 ${megabytes(p.limit)}`,
  'web.jobs': () => '任务',
  'web.noJobs': () => '还没有任务：上传的文件会列在这里，并在本浏览器中保留。',
  'web.forget': () => '从列表中移除',
  'web.retry': () => '重试',
  'web.state': (p) =>
    ({ loading: '加载中', uploading: '上传中', waiting: '排队中', cleaning: '清理、拆分中', rendering: '排版中', publishing: '发布中', done: '已完成', failed: '失败' })[p.state] ?? '状态未知',
  'web.uploadProgress': (p) => `已上传 ${fileSize(p.sent)}，共 ${fileSize(p.total)}`,
  'web.renderProgress': (p) => `已排版 ${p.done} 个文档，共 ${p.total} 个`,
  'web.reportCount': (p) => `${p.reports} 篇报告`,
  'web.pages': (p) => `${p.pages} 页`,
  'web.characters': (p) => `${p.characters} 字`,
  'web.downloadDocx': () => '下载 DOCX',
  'web.downloadPdf': () => '下载 PDF',
  'web.previewPdf': () => '预览 PDF',
  'web.downloadAll': () => '全部下载（ZIP）',
  'web.zipping': (p) => `正在打包第 ${p.done} 个文档，共 ${p.total} 个…`,
  'web.zipFailed': (p) => `有文档未能取回（HTTP ${p.status}），请刷新页面后重试`,
  'web.warnings': () => '请核对',
  'web.warningAt': (p) => [p.report === undefined ? '' : `第 ${p.report} 篇`, p.line === undefined ? '' : `第 ${p.line} 行`].filter(Boolean).join('，') || '整个输入',
  'web.removals': (p) => `清理掉的内容（${p.removals} 处，${p.characters} 字）`,
  'web.removalsNone': () => '没有清理掉任何内容。',
  'web.family': (p) =>
    ({
      'paywall-marker': '付费标记',
      'page-number': '页码和页眉',
      'bracketed-advert': '括号广告',
      'advert-line': '广告行',
      'advert-block': '页脚广告',
      whitespace: '空白和断行',
      'converter-pinyin': '繁简转换器加注的拼音',
      watermark: '防复制水印',
      punctuation: '半角标点（改为全角）',
      'viewer-layer': '文档预览层残留（分块编号、页脚、压平的段落、摘要）',
      'html-debris': '网页代码残留（HTML 标签）',
      markdown: 'Markdown 排版符号（#、**）',
      'outside-reports': '报告之外（封面、目录、篇号）',
      'site-header': '标题上方的网站内容（导航、欢迎语、菜单）',
      'page-meta': '文章信息（日期、来源、作者、浏览量）',
      'site-insert': '网站插入语和页尾（导语、声明、相关推荐）',
      title: '网站附加的标题（重复标题、标签、篇号、篇数）',
      'user-rule': '我的规则',
      correction: '我的修改',
    })[p.family] ?? '其他',
  'web.rule': (p) => RULE_NAMES[p.ruleId] ?? p.ruleId,
  'web.familyCount': (p) => `${p.removals} 处`,
  'web.removalLine': (p) => `第 ${p.line} 行`,
  'web.whitespaceOnly': () => '（空白）',
  'web.failedReason': () => '失败原因',
  'web.uploadFailed': (p) => `上传被拒绝（HTTP ${p.status}），请重试`,
  'web.networkError': () => '网络连接失败，请检查网络后重试',
  'web.jobGone': () => '这个任务已不存在（已删除，或属于其他账号）',
  'web.signInTitle': () => '登录',
  'web.username': () => '用户名或邮箱',
  'web.password': () => '密码',
  'web.newPassword': () => '新密码',
  'web.newPasswordHint': () => '这是您第一次登录，请设置新密码（至少 8 位，含大写和小写字母、数字和符号）。',
  'web.signIn': () => '登录',
  'web.setPassword': () => '设置密码并登录',
  'web.signOut': () => '退出登录',
  'web.signInFailed': (p) => `登录失败：${p.reason}`,
  'web.moreRemovals': (p) => `此类还有 ${p.count} 处，未逐条列出`,
  'web.loading': () => '加载中…',
  ...correctionsZhCN,
};
