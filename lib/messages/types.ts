/** Shapes shared by the catalogue tables and their users. */

/** The facts a message is built from: JSON-safe, so they can travel in an S3 error record. */
export type MessageParams = Readonly<Record<string, string | number | boolean | undefined>>;

/** Where a file operation failed and the system's error code (`EACCES`, `ENOENT` …). */
export interface FsProblem {
  /** The system error code, e.g. `EACCES`; unknown codes are shown as they are. */
  readonly errno: string;
  /** The path the problem is at: the parent that refuses a new folder, the file that is in the way. */
  readonly at: string;
}
