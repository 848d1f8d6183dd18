/**
 * Rendering messages: a code (or interface key) plus its params, in a language. Pure, so the CLI,
 * the Lambda handlers (the S3 error records) and a web page all render the same sentences.
 */
import { en } from './en.js';
import { DEFAULT_LANG, Lang } from './lang.js';
import type { MessageParams } from './types.js';
import { zhCN, type Catalogue } from './zh-CN.js';

/** Every key of the catalogue: error and warning codes, and the `cli.*`, `usage.*`, `help.*` texts. */
export type MessageKey = keyof Catalogue;

/** The params a message takes (`undefined` for a message without any). */
export type ParamsOf<K extends MessageKey> = Parameters<Catalogue[K]>[0];

/** One table per language, all with the same keys. */
export const CATALOGUES: Readonly<Record<Lang, Catalogue>> = { [Lang.En]: en, [Lang.ZhCN]: zhCN };

/** The typed table of one language: `messages(lang).UNWRITABLE({ … })`. */
export function messages(lang: Lang): Catalogue {
  return CATALOGUES[lang];
}

/** True when the catalogue has a message for this code or key. */
export function isMessageKey(code: string): code is MessageKey {
  return Object.hasOwn(en, code);
}

/**
 * The message for a code in a language, from params as stored (e.g. an S3 error record's
 * `code` and `params`). A code the catalogue does not know yet comes back as itself, so an older
 * reader of a newer record still shows something a person can search for.
 */
export function formatMessage(code: string, params: MessageParams = {}, lang: Lang = DEFAULT_LANG): string {
  if (!isMessageKey(code)) return code;
  return (CATALOGUES[lang][code] as (p: MessageParams) => string)(params);
}

/** What {@link formatError} needs of an error: an InputError, an outcome, a stored record. */
export interface RenderableError {
  readonly code: string;
  /** The English message it was raised with, if any. */
  readonly message?: string;
  readonly params?: MessageParams;
}

/**
 * The sentence for an error in a language. In English the error's own message wins (call sites
 * may word a case more precisely than the catalogue's template); other languages render the code
 * from `context` (facts the shell knows, such as `size` and `limit`) overlaid by the error's
 * params.
 */
export function formatError(error: RenderableError, lang: Lang = DEFAULT_LANG, context: MessageParams = {}): string {
  if (lang === Lang.En && error.message) return error.message;
  if (!isMessageKey(error.code)) return error.message || error.code;
  return formatMessage(error.code, { ...context, ...error.params }, lang);
}
