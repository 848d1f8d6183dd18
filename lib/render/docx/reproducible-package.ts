/**
 * Making a .docx byte-for-byte reproducible. The docx package stamps the current time into
 * docProps/core.xml and into every zip entry; both are replaced with one fixed timestamp and the
 * package is zipped again with the entries in their original order.
 */
import { ReportPressError } from '../../errors.js';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

/** The timestamp written when the caller gives none: fixed, so equal reports give equal bytes. */
export const DEFAULT_DOCX_TIMESTAMP = new Date('2000-01-01T00:00:00Z');

const CORE_PART = 'docProps/core.xml';
const CORE_DATES = /(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g;

/** W3CDTF without fractions of a second, as Word writes it. */
const w3cdtf = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The core properties' created and modified dates set to `timestamp`. */
export function stampCoreDates(coreXml: string, timestamp: Date): string {
  return coreXml.replace(CORE_DATES, (_match, open: string, _name: string, close: string) => `${open}${w3cdtf(timestamp)}${close}`);
}

/**
 * `zip` with fixed dates in core.xml and fixed modification times on every entry. Zip entries hold
 * local time without a zone, so the UTC fields of `timestamp` are written as they are: the same
 * bytes in every time zone.
 */
export function makeReproducible(zip: Uint8Array, timestamp: Date = DEFAULT_DOCX_TIMESTAMP): Uint8Array {
  const year = timestamp.getUTCFullYear();
  if (!(year >= 1980 && year <= 2099)) {
    throw new ReportPressError(`a DOCX timestamp must fall in 1980–2099, the range zip files can record (got ${timestamp.toISOString()}); pass a date in that range`);
  }
  const entries = unzipSync(zip);
  const files: Zippable = {};
  for (const [name, data] of Object.entries(entries)) {
    files[name] = name === CORE_PART ? strToU8(stampCoreDates(strFromU8(data), timestamp)) : data;
  }
  const mtime = new Date(
    timestamp.getUTCFullYear(),
    timestamp.getUTCMonth(),
    timestamp.getUTCDate(),
    timestamp.getUTCHours(),
    timestamp.getUTCMinutes(),
    timestamp.getUTCSeconds(),
  );
  return zipSync(files, { level: 6, mtime });
}
