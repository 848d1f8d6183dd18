/**
 * What a web page puts around the document a user copied, by family, and the rules that cut it.
 * A family names what was cut (the removal log and the web page group cuts by it); a rule names why
 * (`family/reason`), so that every cut in removals.json says which decision made it.
 */

/** Families of page furniture, as removal-log families. */
export const FurnitureFamily = {
  /** Site lines above the document: breadcrumbs, welcome lines, navigation and toolbars, category names, site adverts. */
  SiteHeader: 'site-header',
  /** The article's meta lines near its title: date, source, author, views, share and font-size widgets. */
  PageMeta: 'page-meta',
  /** What a 范文 site writes into and after the text: editor blurbs, disclaimers, truncation notices, related lists, the page end. */
  SiteInsert: 'site-insert',
  /** What a site adds to or repeats of the document's title: copies of it, SEO tags, piece labels, counts. */
  Title: 'title',
} as const;
export type FurnitureFamily = (typeof FurnitureFamily)[keyof typeof FurnitureFamily];

/** The rules of page furniture: `family/reason`. */
export const FurnitureRule = {
  /** A breadcrumb trail (`当前位置：首页 > 范文 > 正文`). */
  Breadcrumb: 'site-header/breadcrumb',
  /** A welcome line (`欢迎光临××网`). */
  Welcome: 'site-header/welcome',
  /** Navigation, toolbar and forum buttons (`手机版`, `返回`, `关灯`, `[复制链接]`, `发表于 … 显示全部楼层`). */
  Toolbar: 'site-header/toolbar',
  /** A site's name or domain on a line of its own, or an advert for its books or courses. */
  SiteName: 'site-header/site-name',
  /** A short line above the title that is no part of a document: a category name, a stray mark. */
  AboveTitle: 'site-header/above-title',

  /** A line of the article's facts: date, time, source, author, views, share, font size. */
  MetaLine: 'page-meta/meta-line',
  /** A short line in a block of meta lines (a category name beside the date line). */
  MetaNeighbour: 'page-meta/meta-neighbour',

  /** The editor's blurb (`下面是小编为大家整理的…，供大家参考`), or a description that repeats the title. */
  EditorBlurb: 'site-insert/editor-blurb',
  /** A site's disclaimer or copyright notice (`…不代表本站观点`, `本文来源：http://…`). */
  Disclaimer: 'site-insert/disclaimer',
  /** A paywall's or a preview's notice (`因篇幅问题不能全部显示…`, `……此处隐藏8066个字……`, `全文共2886字，仅供站内会员`). */
  Truncation: 'site-insert/truncation',
  /** A list of links to other pages (`相关推荐`, `更多相关文章：` and the titles under it, `上一篇 / 下一篇`). */
  RelatedList: 'site-insert/related-list',
  /** What a page prints after the document: a login wall, a page id, a slogan, a stray mark. */
  PageEnd: 'site-insert/page-end',

  /** Another copy of the document's title (the page's heading above the document's own, a damaged copy). */
  Repeated: 'title/repeated',
  /** An SEO or column tag on the title (`[县委书记讲话]`, `【建党百年 环院献礼】`, `一二九演讲稿：` before a full title). */
  SeoTag: 'title/seo-tag',
  /** A compilation page's piece label (`…篇二`, `【篇1】`, `（1）`, `通用一`, `第1篇：`, a bare `一`). */
  PieceLabel: 'title/piece-label',
  /** A compilation page's count and praise (`（通用6篇）`, `【十篇】`, `集锦15篇`, `2000字`, `实用`). */
  Count: 'title/count',
} as const;
export type FurnitureRule = (typeof FurnitureRule)[keyof typeof FurnitureRule];

/** What each {@link FurnitureRule} recognises, for the trace and the rule index. */
export const FURNITURE_RULE_DESCRIPTIONS: Readonly<Record<FurnitureRule, string>> = {
  [FurnitureRule.Breadcrumb]: 'a breadcrumb trail above the document (当前位置：首页 > 范文 > 正文)',
  [FurnitureRule.Welcome]: "a site's welcome line (欢迎光临××网)",
  [FurnitureRule.Toolbar]: 'navigation, toolbar and forum buttons (手机版, 返回, 关灯, [复制链接], 发表于 … 显示全部楼层)',
  [FurnitureRule.SiteName]: "a site's name or domain on a line of its own, or an advert for its books or courses",
  [FurnitureRule.AboveTitle]: 'a short line above the title that is no part of a document: a category name, a stray mark',
  [FurnitureRule.MetaLine]: "a line of the article's facts near its title: date, time, source, author, views, share, font size",
  [FurnitureRule.MetaNeighbour]: 'a short line in a block of meta lines (a category name beside the date line)',
  [FurnitureRule.EditorBlurb]: "the editor's blurb (下面是小编为大家整理的…，供大家参考), or a description that repeats the title",
  [FurnitureRule.Disclaimer]: "a site's disclaimer or copyright notice (…不代表本站观点, 本文来源：http://…)",
  [FurnitureRule.Truncation]: "a paywall's or a preview's notice (因篇幅问题不能全部显示…, ……此处隐藏8066个字……)",
  [FurnitureRule.RelatedList]: 'a list of links to other pages (相关推荐, 更多相关文章： and the titles under it, 上一篇 / 下一篇)',
  [FurnitureRule.PageEnd]: 'what a page prints after the document: a login wall, a page id, a slogan, a stray mark',
  [FurnitureRule.Repeated]: "another copy of the document's title (the page's heading above the document's own, a damaged copy)",
  [FurnitureRule.SeoTag]: 'an SEO or column tag on the title ([县委书记讲话], 【建党百年 环院献礼】)',
  [FurnitureRule.PieceLabel]: "a compilation page's piece label (…篇二, 【篇1】, 通用一, 第1篇：)",
  [FurnitureRule.Count]: "a compilation page's count and praise (（通用6篇）, 【十篇】, 集锦15篇, 2000字, 实用)",
};

/** The family a rule belongs to: the part of its id before the slash. */
export function familyOf(rule: FurnitureRule): FurnitureFamily {
  return rule.slice(0, rule.indexOf('/')) as FurnitureFamily;
}
