/**
 * The API's refusals: a status, a stable code and its sentence in every language of the message
 * catalogue, so the page shows the user's language and a script reads the code.
 */
import { formatMessage, Lang, type MessageParams } from '../messages/index.js';
import type { WebApiError } from './api-contract.js';

/** A refusal with its HTTP status. */
export interface Refusal {
  readonly status: number;
  readonly error: WebApiError;
}

/** The refusal `code` with `params`, worded in every language. */
export function refusal(status: number, code: WebApiError['code'], params: Readonly<Record<string, string | number>> = {}): Refusal {
  const reasons = Object.fromEntries(Object.values(Lang).map((lang) => [lang, formatMessage(code, params as MessageParams, lang)]));
  return { status, error: { code, params, reasons } };
}
