import { describe, expect, it } from 'vitest';
import { CleanFamily, cleanText, DEFAULT_CLEAN_RULES, RuleScope, type CleanRule } from '../../../lib/text/clean.js';

const familiesOf = (text: string) => new Set(cleanText(text).removals.map((removal) => removal.family));

describe('paywall markers', () => {
  it('removes ##paidbegin## and ##paidend## lines', () => {
    const result = cleanText('标题\n##paidbegin##正文。\n##paidend##');

    expect(result.text).toBe('标题\n正文。');
    expect(result.removals.filter((r) => r.family === CleanFamily.PaywallMarker).map((r) => r.text)).toEqual([
      '##paidbegin##',
      '##paidend##',
    ]);
  });

  it('removes a marker in the middle of a word', () => {
    expect(cleanText('聚焦公##paidbegin##司经营目标。').text).toBe('聚焦公司经营目标。');
  });

  it('logs the marker at its 1-based line and column in the input', () => {
    const [removal] = cleanText('第一行。\n经常性##paidbegin##“一对一”谈心。').removals;

    expect(removal).toMatchObject({ ruleId: 'paywall-marker/paid-section', line: 2, column: 4, text: '##paidbegin##' });
  });

  it('removes variants in other case and spacing', () => {
    expect(cleanText('甲#PAID END#乙## paid_begin ##丙').text).toBe('甲乙丙');
  });
});

describe('bracketed adverts', () => {
  it.each([
    ['*【更多素材搜索哒^#哒文库】', '2023年述职报告*【更多素材搜索哒^#哒文库】', '2023年述职报告'],
    ['%【更多素#材搜索哒哒%文*库】', '构建“三道防线”。%【更多素#材搜索哒哒%文*库】', '构建“三道防线”。'],
    ['【更多#素~材搜索哒&哒文#库*~】', '（二）构建大监督体系【更多#素~材搜索哒&哒文#库*~】', '（二）构建大监督体系'],
    ['【更多素@材搜索某某文库】', '推动高质量发展。【更多素@材搜索某某文库】', '推动高质量发展。'],
    ['a tag from another site', '正文【更多范文请搜索某某文库】后续。', '正文后续。'],
    ['square brackets', '正文。[更多资料下载请关注公众号]', '正文。'],
  ])('removes %s glued to text', (_name, input, expected) => {
    const result = cleanText(input);

    expect(result.text).toBe(expected);
    expect(result.removals.every((r) => r.family === CleanFamily.BracketedAdvert)).toBe(true);
  });

  it('removes a bracketed site name such as 【某某宝库】 glued to a title', () => {
    const result = cleanText('2023年述职报告【笔杆子宝库】\n正文。');

    expect(result.text).toBe('2023年述职报告\n正文。');
    expect(result.removals.map((r) => r.ruleId)).toEqual(['bracketed-advert/site-name']);
  });

  it.each([
    ['alone in the file', '【广告】', ''],
    ['before a line of prose', '【推广】会议指出，要抓好落实。', '会议指出，要抓好落实。'],
    ['in square brackets', '正文。[广告]', '正文。'],
  ])('removes a bracket holding only an advert label, %s', (_name, input, expected) => {
    // act
    const result = cleanText(input);
    // assert
    expect(result.text).toBe(expected);
    expect(result.removals.map((r) => r.ruleId)).toEqual(['bracketed-advert/advert-label']);
  });

  it('keeps brackets that only mention adverts, such as 【公益广告】', () => {
    // prepare
    const input = '【公益广告】各村张贴《广告法》宣传画120张。';
    // act
    const result = cleanText(input);
    // assert
    expect(result.text).toBe(input);
  });

  it('keeps a legitimate bracketed label such as 【典型案例】', () => {
    const input = '【典型案例】某村建立议事会，解决纠纷12起。';

    expect(cleanText(input).text).toBe(input);
  });

  it('keeps a bracket that names a single material word such as 【素材来源】', () => {
    const input = '【素材来源】本文数据来自统计公报。';

    expect(cleanText(input).text).toBe(input);
  });

  it('keeps a redaction mark right after a tag: 】*公司 keeps *公司', () => {
    expect(cleanText('发展。【更多素材搜索文库】*公司召开会议。').text).toBe('发展。*公司召开会议。');
  });
});

describe('advert lines and footer blocks', () => {
  const footer = [
    '三是深化党建引领。全力开展创建工作。',
    '【公众号：某某君】，最新最全党建资料库',
    '',
    '',
    '【某某素材库】——每天更新材料1000多篇内部高质量素材，会员群+网盘群同步每日更新，一键精准搜索、一键极速下载，有意加入请联系：1 4367',
    '【某某素材库】——每天更新材料1000多篇内部高质量素材，会员群+网盘群同步每日更新，一键精准搜索、一键极速下载，有意加入请联系：1 4367',
    '欢迎加入“某某素材库svip会员”，9000万字材料，轻松解决您的各类素材需求！添加客服：abc,请认准某某唯一平台（公众号：某某君），谨防假冒！',
    '【某某代笔】——原创高质量保障、高度保密，各类代笔（润笔），好评如潮！持续接单中，需要的小伙伴请代笔客服：abc',
  ].join('\n');

  it('removes a repeated footer block of promotion lines', () => {
    const result = cleanText(footer);

    expect(result.text).toBe('三是深化党建引领。全力开展创建工作。');
    expect(familiesOf(footer).has(CleanFamily.AdvertLine)).toBe(true);
  });

  it('removes promotion lines of other sites built from the same vocabulary', () => {
    const input = [
      '正文第一段。',
      '关注公众号“某某文库”，免费下载更多精品范文，联系QQ：123456',
      '扫码加入会员群，每日更新海量资料！',
      '欢迎加入某某宝库VIP会员，海量材料每日更新，添加客服微信：abc123',
    ].join('\n');

    expect(cleanText(input).text).toBe('正文第一段。');
  });

  it('removes a weaker promotion line next to an advert line as part of the block', () => {
    const input = '正文。\n\n更多精彩请关注\n扫码加入会员群，添加客服：abc，每日更新海量资料！';

    const result = cleanText(input);

    expect(result.text).toBe('正文。');
    expect(result.removals.map((r) => r.family)).toContain(CleanFamily.AdvertBlock);
  });

  it('keeps a sentence that merely mentions 公众号, 素材 and 下载', () => {
    const input = '我们通过微信公众号、网站等平台发布学习素材和资料，引导党员下载学习。';

    expect(cleanText(input).text).toBe(input);
  });

  it('keeps a heading whose only promotional words are in a glued tag', () => {
    const input = '2023年机关党建工作总结*【更多素材搜索哒^#哒文库】\n正文。';

    expect(cleanText(input).text).toBe('2023年机关党建工作总结\n正文。');
  });
});

describe('look-alikes that are content', () => {
  it.each([
    ['*公司', '成立*青年廉政讲师团，*公司党支部书记。'],
    ['**村', '加强对“**村老年协会党支部建设。'],
    ['x次', '全年开展活动x次，XX同志带头。'],
    ['《》 and <> in titles', '《关于印发<**区实施方案>的通知》'],
  ])('keeps the redaction placeholder %s', (_name, input) => {
    expect(cleanText(input).text).toBe(input);
  });
});

describe('white space', () => {
  it('removes indentation of ideographic spaces, NBSP and tabs, and trailing spaces', () => {
    expect(cleanText('\u3000\u3000正文一。 \u00a0\n\t正文二。\u3000').text).toBe('正文一。\n正文二。');
  });

  it('removes zero-width characters and BOMs anywhere', () => {
    expect(cleanText('\ufeff党\u200b建\u200d工作\u2060').text).toBe('党建工作');
  });

  it('collapses runs of blank lines to one and drops blank lines at both ends', () => {
    expect(cleanText('\n\n标题\n\n\n\n正文。\n\n').text).toBe('标题\n\n正文。');
  });

  it('keeps spaces inside a line', () => {
    expect(cleanText('目 录').text).toBe('目 录');
  });
});

describe('rule options', () => {
  it('switches a rule off by id', () => {
    const input = '正文。【更多素材请搜索】';

    expect(cleanText(input, { disable: ['bracketed-advert/search-tag'] }).text).toBe(input);
  });

  it('applies extra rules given as data, and logs them under their id', () => {
    const rule: CleanRule = {
      id: 'advert-line/site-url',
      family: CleanFamily.AdvertLine,
      description: 'a line that is only a site address',
      scope: RuleScope.Line,
      pattern: /^www\.[a-z0-9-]{1,40}\.(?:com|cn|net)$/,
    };

    const result = cleanText('正文。\nwww.example.com', { rules: [rule] });

    expect(result.text).toBe('正文。');
    expect(result.removals.map((r) => r.ruleId)).toContain('advert-line/site-url');
  });

  it('exports a default rule set in which every rule has an id, a family and a description', () => {
    const families = new Set<string>(Object.values(CleanFamily));

    for (const rule of DEFAULT_CLEAN_RULES) {
      expect(rule.id).toMatch(/^[a-z-]+\/[a-z-]+$/);
      expect(families.has(rule.family)).toBe(true);
      expect(rule.description.length).toBeGreaterThan(10);
    }
  });
});
