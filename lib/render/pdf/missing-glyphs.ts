/**
 * Characters the PDF draws without a glyph: no embedded font has them, so they show as the role
 * face's .notdef box (the text layer and the DOCX still hold them). Found without rendering, from
 * the same faces the layout sets each text in, so a shell can list them beside any render call.
 */
import type { Report } from '../../model/report.js';
import { reportSpans } from '../layout/paginate.js';
import type { StyleProfile } from '../style.js';
import { WarningCode, type ConversionWarning } from '../../warnings.js';
import type { FontLibrary } from './font-library.js';

export interface MissingGlyphOptions {
  readonly profile: StyleProfile;
  /** The library the PDF is rendered with; may load a lazy fallback to answer. */
  readonly fonts: FontLibrary;
}

/** At most this many characters are named in a warning's message; `text` has them all. */
const NAMED_IN_MESSAGE = 20;

/**
 * The distinct characters of `report` that the PDF draws without a glyph, in order of first
 * appearance. Agrees with `renderPdf(...).missing` (page numbers aside: their digits and dashes are
 * in every face).
 */
export function missingGlyphs(report: Report, options: MissingGlyphOptions): string[] {
  const missing = new Set<string>();
  for (const span of reportSpans(report, options.profile)) {
    for (const char of span.text) {
      if (!missing.has(char) && !options.fonts.hasGlyph(char.codePointAt(0)!, span.face)) missing.add(char);
    }
  }
  return [...missing];
}

function codePointLabel(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The manifest warning for a report with characters drawn without a glyph (none when all have
 * one): one warning listing the distinct characters, `text` holding them all in order.
 *
 * @param index the report's 1-based index, as in the manifest.
 */
export function missingGlyphWarnings(report: Report, index: number, options: MissingGlyphOptions): ConversionWarning[] {
  return missingGlyphWarning(missingGlyphs(report, options), index);
}

/**
 * The manifest warning for characters drawn without a glyph (`renderPdf(...).missing`), or none.
 *
 * @param index the report's 1-based index, as in the manifest.
 */
export function missingGlyphWarning(missing: readonly string[], index: number): ConversionWarning[] {
  if (missing.length === 0) return [];
  const named = missing.slice(0, NAMED_IN_MESSAGE);
  const list = named.map((char) => `${char} (${codePointLabel(char)})`).join(' ');
  const more = missing.length > named.length ? ` and ${missing.length - named.length} more` : '';
  const message =
    missing.length === 1
      ? `1 character has no glyph in the embedded fonts and shows as a box in the PDF: ${list}; the text layer and the DOCX keep it`
      : `${missing.length} characters have no glyph in the embedded fonts and show as boxes in the PDF: ${list}${more}; the text layer and the DOCX keep them`;
  return [
    {
      code: WarningCode.MissingGlyph,
      report: index,
      text: missing.join(''),
      message,
    },
  ];
}
