/**
 * Making a .docx byte-for-byte reproducible. The docx package stamps the current time into
 * docProps/core.xml and into every zip entry. Rather than zipping, unzipping and zipping again, the
 * package's parts are taken from docx's compiler and zipped once, with one fixed timestamp in
 * core.xml and on every entry, in the order docx itself zips them (see zip-writer.ts).
 */
import type { Document } from 'docx';
import { strFromU8 } from 'fflate';
import { ReportPressError } from '../../errors.js';
import { DEFAULT_DOCUMENT_DATE } from '../document-facts.js';
import { CORE_PART, DOCUMENT_PART, docxCompiler } from './package-template.js';
import { writeZip, type ZipEntry } from './zip-writer.js';

const CORE_DATES = /(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g;

/** W3CDTF without fractions of a second, as Word writes it. */
const w3cdtf = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The core properties' created and modified dates set to `timestamp`. */
export function stampCoreDates(coreXml: string, timestamp: Date): string {
  return coreXml.replace(CORE_DATES, (_match, open: string, _name: string, close: string) => `${open}${w3cdtf(timestamp)}${close}`);
}

/** `timestamp`, checked to fall in the range a zip entry can record. */
function zipTime(timestamp: Date): Date {
  const year = timestamp.getUTCFullYear();
  if (!(year >= 1980 && year <= 2099)) {
    throw new ReportPressError(`a DOCX timestamp must fall in 1980–2099, the range zip files can record (got ${timestamp.toISOString()}); pass a date in that range`);
  }
  return timestamp;
}

/** Parts that change from report to report: not worth keeping compressed. */
const PER_REPORT_PARTS: ReadonlySet<string> = new Set([DOCUMENT_PART, CORE_PART]);

/**
 * Zips a package's parts (in the order given) as a reproducible .docx: fixed dates in core.xml
 * and on every entry, shared parts compressed once per process.
 */
export function packPartsReproducible(parts: readonly ZipEntry[], timestamp: Date = DEFAULT_DOCUMENT_DATE): Uint8Array {
  const stamped = parts.map(([name, data]): ZipEntry => [
    name,
    name === CORE_PART ? stampCoreDates(typeof data === 'string' ? data : strFromU8(data), timestamp) : data,
  ]);
  return writeZip(stamped, { mtime: zipTime(timestamp), reuse: (name) => !PER_REPORT_PARTS.has(name) });
}

/** Packs `document` as a reproducible .docx in one pass (the fallback when no template applies). */
export function packReproducible(document: Document, timestamp: Date = DEFAULT_DOCUMENT_DATE): Uint8Array {
  return packPartsReproducible(Array.from(docxCompiler().compile(document, undefined, [])), timestamp);
}
