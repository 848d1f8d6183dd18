/**
 * Typed errors. Messages say what was wrong and how to fix it; `code` is stable for programs and
 * the same in every language. The sentences live in the message catalogue (`lib/messages`), keyed
 * by these codes: adding a code means one entry per language there (the type checker insists).
 */
import type { MessageParams } from './messages/types.js';
import { formatMessage } from './messages/format.js';

/** Why an input cannot be converted. Bad input is final: retrying cannot help. */
export const InputErrorCode = {
  Empty: 'EMPTY',
  TooLarge: 'TOO_LARGE',
  /** More lines after cleaning than one conversion handles (a file of millions of one-character lines). */
  TooManyLines: 'TOO_MANY_LINES',
  /** More reports than one upload to the chain converts (lib/pipeline/stage-steps.ts MAX_REPORTS_PER_UPLOAD). */
  TooManyReports: 'TOO_MANY_REPORTS',
  Binary: 'BINARY',
  Undecodable: 'UNDECODABLE',
  NothingLeft: 'NOTHING_LEFT',
  /** A Word 97–2003 document (.doc) or another older Office or WPS file (lib/input-text.ts). */
  LegacyWord: 'LEGACY_WORD',
  /** A ZIP archive that is not a Word document the reader can read (a damaged .docx, an .xlsx, a .zip). */
  UnreadableDocx: 'UNREADABLE_DOCX',
} as const;
export type InputErrorCode = (typeof InputErrorCode)[keyof typeof InputErrorCode];

/**
 * Why a shell could not read an input or write its output (the CLI, the dev server). These come
 * from the file system, not from the text, so lib never raises them; they are here so every code a
 * user can meet has one home and one catalogue entry.
 */
export const FileErrorCode = {
  /** The input path does not exist. */
  NotFound: 'NOT_FOUND',
  /** The input is neither a regular file nor a folder (a device, a pipe, a socket). */
  NotAFile: 'NOT_A_FILE',
  /** The input exists but cannot be read (permissions, I/O). */
  Unreadable: 'UNREADABLE',
  /** A folder input holds no `.txt` file. */
  NoTextFiles: 'NO_TEXT_FILES',
  /** Two inputs would write to the same output folder. */
  DuplicateName: 'DUPLICATE_NAME',
  /** An output folder or file cannot be created or written. */
  Unwritable: 'UNWRITABLE',
} as const;
export type FileErrorCode = (typeof FileErrorCode)[keyof typeof FileErrorCode];

/** Base class of every error report-press raises on purpose. */
export class ReportPressError extends Error {
  override readonly name: string = 'ReportPressError';
}

/** The input itself is unusable (empty, binary, too large, undecodable, nothing left after cleaning, an unreadable Word file). */
export class InputError extends ReportPressError {
  override readonly name = 'InputError';
  /**
   * The facts the message is built from (sizes, offsets, which variant), so a shell can render it
   * again in the reader's language with {@link formatMessage}. JSON-safe.
   */
  readonly params: MessageParams;

  /**
   * `new InputError(code, params)` takes the English message from the catalogue;
   * `new InputError(code, message, params?)` keeps a hand-written English message (the form the
   * call sites used first). Either way the code and params render the message in any language.
   */
  constructor(code: InputErrorCode, params?: MessageParams);
  constructor(code: InputErrorCode, message: string, params?: MessageParams);
  constructor(
    readonly code: InputErrorCode,
    messageOrParams: string | MessageParams = {},
    params: MessageParams = {},
  ) {
    const own = typeof messageOrParams === 'string' ? params : messageOrParams;
    super(typeof messageOrParams === 'string' ? messageOrParams : formatMessage(code, own));
    this.params = own;
  }
}

/** True for errors caused by the input, which must not be retried. */
export function isInputError(error: unknown): error is InputError {
  return error instanceof InputError;
}
