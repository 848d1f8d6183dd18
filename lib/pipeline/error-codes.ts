/**
 * The codes of the error records the chain writes itself, rather than an InputError of the text:
 * their own module, free of imports, so that the message catalogue (and with it the web page)
 * can name them without loading the chain.
 */

/** Codes of error records that are not about the input itself: the chain gave up. */
export const StageErrorCode = {
  /** A stage failed on every retry (its event waits in the stage's dead-letter queue). */
  StageFailed: 'STAGE_FAILED',
  /** The job made no progress for the sweep's stall time (a lost event, a failure nobody recorded). */
  Stalled: 'STALLED',
} as const;
export type StageErrorCode = (typeof StageErrorCode)[keyof typeof StageErrorCode];

/** Why the chain refuses an input key (the code of its `error.json`; see keys.ts `checkInputKey`). */
export const KeyErrorCode = {
  /** Nothing or only dots before `.txt`. */
  NoName: 'NO_NAME',
  /** Keys derived from it would pass S3's key limit. */
  TooLong: 'KEY_TOO_LONG',
} as const;
export type KeyErrorCode = (typeof KeyErrorCode)[keyof typeof KeyErrorCode];
