/**
 * The vocabulary of page furniture, as data: words and shapes web pages put around a document, in
 * simplified and traditional script, each with the rule it speaks for and a weight. A line is judged
 * by the sum of what it holds (furniture-score.ts), never by one word: a report may well say 来源 or
 * 整理 once. Weights: 4 = hardly ever written in a document (`当前位置`, `欢迎光临`);
 * 3 = a site's button or toolbar (`手机版`, `[复制链接]`); 2 = a name or menu a site prints (`××网`).
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
  { rule: FurnitureRule.SiteName, source: '[\\p{Script=Han}\\w]{1,10}(?:网|網|文库|文庫|范文|範文|之家)(?=$|\\s|[>»›|｜]|首[页頁])', weight: 2 },
  { rule: FurnitureRule.SiteName, source: '(?:https?://|www\\.)[\\w./-]{1,80}|(?<![\\w.])[a-z0-9-]{2,30}\\.(?:com|cn|net|org|cc|tw|top|vip|info)(?:\\.cn)?(?![\\w])', weight: 2 },

];

