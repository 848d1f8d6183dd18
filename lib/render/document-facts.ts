/**
 * Facts both documents carry in their properties: the date, the input's own (file mtime, S3
 * LastModified), never the clock's, so that the same upload always gives the same bytes; the author.
 */
import { reportAuthor } from '../model/attribution.js';
import type { Report } from '../model/report.js';

/**
 * The author both documents carry: `configured` when one is (`--author`, REPORT_PRESS_AUTHOR), else
 * the report's author line (`述职人：李XX` → `李XX`), else none (empty): never the program's name, a
 * document a 文秘 sends out names its writer or no one.
 */
export function documentAuthor(report: Report, configured: string | undefined): string {
  return configured ?? reportAuthor(report);
}

/** The date documents carry when the input's date is unknown or unusable: fixed, so equal inputs give equal bytes. */
export const DEFAULT_DOCUMENT_DATE: Date = new Date('2000-01-01T00:00:00Z');

/**
 * The date written into the documents for an input dated `date`: the whole second (S3 keeps
 * LastModified to the second, a file system to the nanosecond, and the CLI and the chain must agree),
 * or {@link DEFAULT_DOCUMENT_DATE} for a date a zip entry cannot hold (before 1980, after 2099;
 * an unpacked archive may date its files 1970).
 */
export function documentDate(date: Date | undefined): Date {
  const time = date?.getTime() ?? NaN;
  if (!Number.isFinite(time)) return DEFAULT_DOCUMENT_DATE;
  const whole = new Date(Math.floor(time / 1000) * 1000);
  const year = whole.getUTCFullYear();
  return year >= 1980 && year <= 2099 ? whole : DEFAULT_DOCUMENT_DATE;
}
