/**
 * The languages report-press speaks to people in. Codes (error and warning codes, manifest fields)
 * never change with the language; only the sentences around them do.
 */

/** A message language: BCP 47 tags, as the PDF metadata and a web page's `lang` attribute use them. */
export const Lang = {
  En: 'en',
  ZhCN: 'zh-CN',
} as const;
export type Lang = (typeof Lang)[keyof typeof Lang];

/** English everywhere nothing else was asked for (logs, CI, the S3 records' default). */
export const DEFAULT_LANG: Lang = Lang.En;

/**
 * Reads a language the way a person types it: `zh`, `zh-CN`, `zh_CN.UTF-8`, `cn`, `en`, `en_US`,
 * `C`/`POSIX` (English). Undefined for anything else, so the caller can say what is accepted.
 */
export function parseLang(value: string): Lang | undefined {
  const tag = value.trim().toLowerCase();
  if (/^(zh|cn|chinese)([-_.@]|$)/.test(tag)) return Lang.ZhCN;
  if (/^(en|english|c|posix)([-_.@]|$)/.test(tag)) return Lang.En;
  return undefined;
}

/** The locale variables that choose the message language, as a shell passes them in. */
export interface LocaleVariables {
  readonly LC_ALL?: string | undefined;
  readonly LC_MESSAGES?: string | undefined;
  readonly LANG?: string | undefined;
}

/**
 * The message language of a POSIX locale: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set
 * decides (the order the C library uses), `zh_*` meaning Chinese. Any other locale gets English,
 * so a Chinese-speaking user on `en_US.UTF-8` still gets the language they chose for their system.
 */
export function langFromLocale(variables: LocaleVariables): Lang {
  const locale = [variables.LC_ALL, variables.LC_MESSAGES, variables.LANG].find((v) => v !== undefined && v !== '');
  if (locale === undefined) return DEFAULT_LANG;
  return parseLang(locale) === Lang.ZhCN ? Lang.ZhCN : Lang.En;
}
