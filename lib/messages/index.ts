/**
 * The message catalogue: every sentence report-press shows a person, in English and Simplified
 * Chinese, keyed by stable codes. Codes never change with the language; see en.ts for the keys and
 * their params, zh-CN.ts for the Chinese table.
 */
export { CATALOGUES, formatError, formatMessage, isMessageKey, messages, type MessageKey, type ParamsOf, type RenderableError } from './format.js';
export { DEFAULT_LANG, Lang, langFromLocale, parseLang, type LocaleVariables } from './lang.js';
export type { Catalogue } from './zh-CN.js';
export type { FsProblem, MessageParams } from './types.js';
