/**
 * Typed errors. Messages say what was wrong and how to fix it; `code` is stable for programs.
 */

/** Why an input cannot be converted. Bad input is final: retrying cannot help. */
export const InputErrorCode = {
  Empty: 'EMPTY',
  TooLarge: 'TOO_LARGE',
  Binary: 'BINARY',
  Undecodable: 'UNDECODABLE',
  NothingLeft: 'NOTHING_LEFT',
} as const;
export type InputErrorCode = (typeof InputErrorCode)[keyof typeof InputErrorCode];

/** Base class of every error report-press raises on purpose. */
export class ReportPressError extends Error {
  override readonly name: string = 'ReportPressError';
}

/** The input itself is unusable (empty, binary, too large, undecodable, nothing left after cleaning). */
export class InputError extends ReportPressError {
  override readonly name = 'InputError';
  constructor(
    readonly code: InputErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** True for errors caused by the input, which must not be retried. */
export function isInputError(error: unknown): error is InputError {
  return error instanceof InputError;
}
