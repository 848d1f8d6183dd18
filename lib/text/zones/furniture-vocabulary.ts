/**
 * The vocabulary of page furniture, as data: words and shapes web pages put around a document, in
 * simplified and traditional script, each with the rule it speaks for and a weight. A line is judged
 * by the sum of what it holds (furniture-score.ts), never by one word: a report may well say 来源 or
 * 整理 once. Weights: 4 = hardly ever written in a document (`当前位置`, `不代表本站观点`, `此处隐藏`);
 * 3 = a site's formula (`小编`, `为大家整理`, `供大家参考`); 2 = a field or name a site prints
 * (`来源：`, `××网`); 1 = context that only adds up (`以下是`, `范文`, `N篇`).
 *
 * Patterns stay linear on any input: bounded quantifiers only, no quantified group holding a quantifier.
 */
import { FurnitureRule } from './furniture-family.js';

/** One term of the vocabulary. */
export interface FurnitureTerm {
  readonly rule: FurnitureRule;
  /** Regex source (no flags, no capture groups). */
  readonly source: string;
  readonly weight: number;
}

/** Where a field label stands: at the start, after white space, a separator or another field's value. */
const FIELD_START = String.raw`(?:^|[\s|｜/,，;；\]】])`;
/** What follows a field label: a colon, a table bar, white space or the end of the line. */
const FIELD_END = String.raw`\s{0,3}(?:[:：|｜]|\s|$)`;

/**
 * Labels only a web page prints next to an article (a document never says `浏览次数：` or `字号：`).
 * Government sites' disclosure tables (索引号, 组配分类 …) are among them.
 */
const SITE_LABELS = [
  '(?:发布|發布|發佈|上传|上傳|更新|录入|錄入|归档|歸檔|发表|發表|创建|創建|提交|生成|成文|发文|發文|生效|废止|廢止)(?:时间|時間|日期)',
  '(?:信息|文章|稿件)?(?:来源|來源)',
  '(?:发布|發布|發佈)(?:人|者|机构|機構)', '投稿人', '上传人|上傳人|上传者|上傳者', '供稿', '责编|責編|责任编辑|責任編輯', '校对|校對', '终审|終審', '小编|小編', '撰稿',
  '浏览(?:次数|量|数)?|瀏覽(?:次數|量|數)?', '回[复復]|回覆', '阅读(?:次数|量|数)|閱讀(?:次數|量|數)', '点击(?:数|量|率|次数)?|點擊(?:數|量|率|次數)?', '人气|人氣', '热度|熱度', '访问量|訪問量', '查看(?:人数|次数)|查看(?:人數|次數)', '评论|評論', '字数|字數',
  '字号|字號', '字体|字體', '分享到', '标签|標籤|標簽', '关键[词字]|關鍵[詞字]', '栏目|欄目', '所属(?:分类|栏目)|所屬(?:分類|欄目)', '视力保护色|視力保護色', '色调调节|色調調節', '推荐访问|推薦訪問',
  '文档编号|文檔編號', '资源ID|資源ID', '下载积分|下載積分',
  '索引号|索引號', '组配分类|組配分類', '体裁分类|體裁分類', '主题分类|主題分類', '信息分类|信息分類', '公开方式|公開方式', '公开范围|公開範圍', '内容概述|內容概述',
].join('|');

/** Labels a document may print as well (`时间：2024年3月5日上午9时`), weighed low on their own. */
const COMMON_LABELS = ['时间|時間', '日期', '作者', '编辑|編輯', '阅读|閱讀', '查看', '分享', '文号|文號', '名称|名稱', '格式', '页数|頁數', '大小'].join('|');

/** A date as a web page prints it: with `-`, `/` or `.` (a document writes 年月日). */
export const SITE_DATE = String.raw`(?<!\d)\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)`;
/** A time of day after a date (`10:36:30`), or the run of digits some sites print instead (`162217`). */
const SITE_TIME = String.raw`${SITE_DATE}\s{0,3}(?:\d{1,2}:\d{2}(?::\d{2})?|\d{6})`;

export const FURNITURE_TERMS: readonly FurnitureTerm[] = [
  // ── Family 1: site lines above the title ──────────────────────────────────────────────────
  { rule: FurnitureRule.Breadcrumb, source: '(?:[当當]前|[您你]的|[现現]在的|所在)(?:[当當]前)?位置', weight: 4 },
  { rule: FurnitureRule.Breadcrumb, source: '(?:^|\\s)(?:网站)?首[页頁](?=\\s|$|[>»›→＞]|正文)', weight: 2 },
  // A trail written with spaces: `首页 理论教育 通用公文写作的基本要求`.
  { rule: FurnitureRule.Breadcrumb, source: '^(?:网站)?首[页頁](?:\\s{1,4}[^\\s，。,]{1,30}){1,6}$', weight: 2 },
  { rule: FurnitureRule.Welcome, source: '[欢歡]迎(?:光[临臨]|[来來]到|[访訪][问問]|您)', weight: 4 },
  {
    rule: FurnitureRule.Toolbar,
    source:
      '手[机機][版站]|[电電][脑腦]版|^返回(?:首[页頁]|[顶頂]部|列表)?$|(?:^|\\s|[\\[【])(?:[会會][员員])?(?:登[录錄]|注[册冊])(?:$|\\s|[\\]】])|[设設][为為]首[页頁]|加入收藏|收藏本站|网站地图|網站地圖|^[关關]灯$|^開燈$|[复複]制[链鏈]接|[显顯]示全部[楼樓][层層]|只看[该該]作者|[电電]梯直[达達]|[发發]表[于於]|打印(?:文章|本[页頁])|[电電][脑腦]桌面|快捷[访訪][问問]|我要投稿|投稿交[换換]',
    weight: 3,
  },
  // A forum's buttons and badges (Discuz and the like).
  {
    rule: FurnitureRule.Toolbar,
    source: '找回密[码碼]|(?:QQ|微信|微博)登[录錄]|扫一扫|掃一掃|[阅閱][读讀]模式|[签簽]到天[数數]|回[复復]本[楼樓]|只需一步|合集下[载載]|[文][档檔]下[载載]|免[费費]下[载載]',
    weight: 3,
  },
  { rule: FurnitureRule.Toolbar, source: '(?:[马馬]上|立即|免[费費]|[点點]击|[点點]擊)注[册冊]', weight: 4 },
  {
    rule: FurnitureRule.Toolbar,
    source: '版[权權]申[诉訴]|上[传傳]文[档檔]赚[钱錢]|下[载載]本文[档檔]|下[载載][资資]源|[资資]源描述|文[档檔][简簡]介|[内內]容[简簡]介|下[载載][声聲]明|[点點]击下[载載]|[点點]擊下[載]',
    weight: 3,
  },
  { rule: FurnitureRule.Toolbar, source: '^(?:[书書][签簽]|分享|收藏|[举舉][报報]|下[载載]|相[关關])(?:\\s{1,4}\\S{1,4}){2,8}$|[举舉][报報]', weight: 2 },
  { rule: FurnitureRule.Toolbar, source: '立即(?:购买|購買|报名|報名|下载|下載)|免费领取|免費領取|限时优惠|限時優惠|扫码(?:领取|购买|报名)|掃碼', weight: 2 },
  { rule: FurnitureRule.SiteName, source: '[\\p{Script=Han}\\w]{1,10}(?:网|網|文库|文庫|范文|範文|之家)(?=$|\\s|[>»›|｜—–-]|首[页頁])', weight: 2 },
  // A site's slogan beside its name: `秘书之家—全网资源每日更新`, `…为您自动抓取…的最快更新`.
  { rule: FurnitureRule.SiteName, source: '(?:每日|每天|实时|實時|最快|持续|持續)更新', weight: 2 },
  { rule: FurnitureRule.SiteName, source: '(?:https?://|www\\.)[\\w./-]{1,80}|(?<![\\w.])[a-z0-9-]{2,30}\\.(?:com|cn|net|org|cc|tw|top|vip|info)(?:\\.cn)?(?![\\w])', weight: 2 },

  // ── Family 2: meta lines ─────────────────────────────────────────────────────────────────
  { rule: FurnitureRule.MetaLine, source: `${FIELD_START}(?:${SITE_LABELS})${FIELD_END}`, weight: 2 },
  { rule: FurnitureRule.MetaLine, source: `${FIELD_START}(?:${COMMON_LABELS})\\s{0,3}[:：|｜]`, weight: 1 },
  { rule: FurnitureRule.MetaLine, source: SITE_TIME, weight: 3 },
  { rule: FurnitureRule.MetaLine, source: SITE_DATE, weight: 2 },
  { rule: FurnitureRule.MetaLine, source: '由\\s{0,2}(?:分享|上[传傳]|提供|投稿)', weight: 3 },
  // The font-size widget: `字号：大 中 小`, `【大 中 小】`.
  { rule: FurnitureRule.MetaLine, source: '大\\s{0,2}中\\s{0,2}小', weight: 3 },
  { rule: FurnitureRule.MetaLine, source: '全文\\s{0,2}\\d{2,6}\\s{0,2}字|\\d{2,6}\\s{0,2}字(?:$|\\s)', weight: 2 },

  // ── Family 3: 范文-site inserts and endings ──────────────────────────────────────────────
  { rule: FurnitureRule.EditorBlurb, source: '小[编編]', weight: 3 },
  {
    rule: FurnitureRule.EditorBlurb,
    source: '(?:精心)?[为為给給](?:大家|您|你|各位)(?:精心)?(?:整理|收集|搜集|[带帶]来|[带帶]來|推[荐薦]|分享|准[备備]|準備|提供|[汇匯][总總]|挑[选選]|[编編][辑輯])',
    weight: 3,
  },
  { rule: FurnitureRule.EditorBlurb, source: '(?:整理|收集|搜集|精[选選])(?:了|的)', weight: 1 },
  { rule: FurnitureRule.EditorBlurb, source: '(?:供|请|請)(?:大家|您|你|各位)?(?:参考|參考|参阅|參閱|借[鉴鑒]|[阅閱][读讀]|欣[赏賞])', weight: 3 },
  { rule: FurnitureRule.EditorBlurb, source: '[仅僅]供参考|[仅僅]供參考|[欢歡]迎(?:大家)?(?:参考|參考|[阅閱][读讀]|分享|借[鉴鑒]|收藏|下[载載]|[阅閱][览覽])', weight: 3 },
  { rule: FurnitureRule.EditorBlurb, source: '(?:希望|相信|但愿|但願)[^。！？\\n]{0,12}(?:[帮幫]助|[启啟]发|[启啟]發|收[获穫]|喜[欢歡])', weight: 2 },
  { rule: FurnitureRule.EditorBlurb, source: '一起[来來]?看看吧|快[来來]看看吧|[赶趕]快[来來]看看', weight: 3 },
  { rule: FurnitureRule.EditorBlurb, source: '(?:以下|下面)(?:就)?(?:是|[为為]|[给給])', weight: 1 },
  { rule: FurnitureRule.EditorBlurb, source: '[频頻]道|本站|本[网網]|本平台', weight: 2 },
  { rule: FurnitureRule.EditorBlurb, source: '范文|範文|精[选選]|[\\d一二三四五六七八九十]{1,3}篇', weight: 1 },
  { rule: FurnitureRule.Disclaimer, source: '不代表本站[观觀]点|不代表本站[观觀]點|[来來]源于网友|[来來]源於網友|[网網]友上[传傳]|侵[权權]|[转轉][载載]|版[权權](?:所有|[说說]明|声明|聲明|提示)', weight: 4 },
  { rule: FurnitureRule.Disclaimer, source: '本文[来來]源|原文[链鏈]接|文章[来來]源[:：]', weight: 4 },
  { rule: FurnitureRule.Disclaimer, source: '原[创創]文章|咨[询詢]客服', weight: 2 },
  { rule: FurnitureRule.Disclaimer, source: '由[会會][员員](?:分享|上[传傳])|可在[线線][阅閱][读讀]|[请請]在[^，,。\\n]{0,40}(?:搜索|下[载載])', weight: 3 },
  {
    rule: FurnitureRule.Truncation,
    source:
      '因篇幅[^，,。\\n]{0,6}(?:不能|无法|無法)全部[显顯]示|点此查看|點此查看|查看更多|更多更全|全文共\\s{0,2}\\d{1,6}\\s{0,2}字|[仅僅]供站[内內]|[会會][员員]可(?:完整)?[阅閱][读讀]|此[处處][隐隱]藏|省略\\s{0,2}\\d{1,6}\\s{0,2}字|下[载載][该該]文章|[请請]先登[录錄]|[内內]容[预預][览覽]|[阅閱][读讀]全文|[继繼][续續][阅閱][读讀]|申[请請]VIP|下[载載]本文',
    weight: 4,
  },
  {
    rule: FurnitureRule.RelatedList,
    source: '(?:更多)?相[关關](?:推[荐薦]|文章|[阅閱][读讀]|范文|範文|[内內]容|[资資]料)|猜你喜[欢歡]|[热熱]门推[荐薦]|推[荐薦][阅閱][读讀]|延伸[阅閱][读讀]|上一篇|下一篇|推[荐薦]度|返回列表',
    weight: 4,
  },
];

/** A related list's header line: a list of links to other pages follows it. */
export const RELATED_HEADER = new RegExp(
  '^(?:更多)?相[关關](?:推[荐薦]|文章|[阅閱][读讀]|范文|範文|[内內]容|[资資]料)|^猜你喜[欢歡]|^[热熱]门推[荐薦]|^延伸[阅閱][读讀]|^推[荐薦](?:[阅閱][读讀]|文章)',
  'u',
);

/**
 * Preview and paywall marks inside a line (`……此处隐藏8066个字……`,
 * `……(快文網http://…省略434字,正式會員可完整閱讀)……`): cut out, the text on both sides kept.
 */
export const INLINE_TRUNCATION = new RegExp(
  [
    String.raw`[…\.]{0,8}\s{0,2}此[处處][隐隱]藏\s{0,2}\d{1,7}\s{0,2}[个個]?字\s{0,2}[…\.]{0,8}`,
    String.raw`[…\.]{0,8}\s{0,2}[（(][^（）()\n]{0,80}?省略\s{0,2}\d{1,7}\s{0,2}字[^（）()\n]{0,40}[）)]\s{0,2}[…\.]{0,8}`,
  ].join('|'),
  'gu',
);

/** The mark a preview ends its last sentence with where it cuts it: a run of ellipses or dots. */
export const PREVIEW_CUT_MARK = /(?:…{2,12}|\.{3,12})$/u;
