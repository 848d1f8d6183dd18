/**
 * The corrections and rules the chain applies to an upload, read beside it in the input bucket:
 * `<path>.corrections.json` (the upload's corrections: they stay when the same input is uploaded
 * again) and `users/<sub>/rules.json` (the rules of the user whose prefix the upload is under). A
 * file that cannot be used is not applied and becomes a warning in the manifest: the upload still
 * converts, as it would without it.
 */
import { formatMessage } from '../messages/format.js';
import { Lang } from '../messages/lang.js';
import { WarningCode, type ConversionWarning } from '../warnings.js';
import { CORRECTIONS_LIMITS, CorrectionsError, CorrectionsErrorCode, parseCorrections, type CorrectionsDocument } from './corrections-document.js';
import { correctionsKeyOf, userRulesKeyOf } from './file-names.js';
import { parseUserRules, USER_RULE_LIMITS, UserRulesError, UserRulesErrorCode, type UserRules } from './user-rules.js';

/** Reads a key of the input bucket: its bytes, `undefined` when there is none, `'too-large'` over `maxBytes` (its body unread). */
export type InputReader = (key: string, maxBytes: number) => Promise<Uint8Array | undefined | 'too-large'>;

export interface CorrectionFiles {
  readonly corrections?: CorrectionsDocument;
  readonly userRules?: UserRules;
  /** `CORRECTIONS_UNUSABLE` or `USER_RULES_UNUSABLE` for a file that is there but cannot be used. */
  readonly warnings: readonly ConversionWarning[];
}

/** The corrections and rules of the upload at `inputKey` (whose output folder is `documentPath`). */
export async function readCorrectionFiles(inputKey: string, documentPath: string, read: InputReader): Promise<CorrectionFiles> {
  const warnings: ConversionWarning[] = [];
  const load = async <T>(key: string | undefined, limit: number, tooLarge: string, parse: (bytes: Uint8Array) => T, code: WarningCode): Promise<T | undefined> => {
    if (key === undefined) return undefined;
    const bytes = await read(key, limit);
    if (bytes === undefined) return undefined;
    try {
      if (bytes === 'too-large') throw bytes;
      return parse(bytes);
    } catch (error) {
      const problem =
        error === 'too-large'
          ? { code: tooLarge, params: { bytes: limit + 1, limit } }
          : error instanceof CorrectionsError || error instanceof UserRulesError
            ? { code: error.code, params: error.params }
            : undefined;
      if (!problem) throw error;
      const params = { code: problem.code, ...problem.params };
      warnings.push({ code, message: formatMessage(code, params, Lang.En), params });
      return undefined;
    }
  };
  const corrections = await load(correctionsKeyOf(documentPath), CORRECTIONS_LIMITS.bytes, CorrectionsErrorCode.TooLarge, parseCorrections, WarningCode.CorrectionsUnusable);
  const userRules = await load(userRulesKeyOf(inputKey), USER_RULE_LIMITS.bytes, UserRulesErrorCode.TooLarge, parseUserRules, WarningCode.UserRulesUnusable);
  return { ...(corrections ? { corrections } : {}), ...(userRules ? { userRules } : {}), warnings };
}
