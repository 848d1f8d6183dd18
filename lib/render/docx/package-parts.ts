/**
 * The package parts docx writes in a form Word, WPS and LibreOffice do not read as GB/T 9704
 * wants, finished as text (docx has no options for them):
 *
 * - word/fontTable.xml: an entry per face with its fallback (font-table.ts);
 * - word/settings.xml: `w:characterSpacingControl compressPunctuation`, so that Word and WPS
 *   squeeze adjacent full-width punctuation as the PDF does (标点挤压), and the theme's East Asian
 *   language;
 * - footers: the PAGE field with a cached result (`1`), which previewers that never update fields
 *   (Quick Look, mail clients, many web viewers) show instead of nothing;
 * - docProps/core.xml: `dc:language`.
 */
import type { StyleProfile } from '../style.js';
import { fontTableXml } from './font-table.js';
import { escapeXmlValue } from './xmlable-string.js';
import type { ZipEntry } from './zip-writer.js';

export const SETTINGS_PART = 'word/settings.xml';
export const FONT_TABLE_PART = 'word/fontTable.xml';
const FOOTER_PART = /^word\/footer\d+\.xml$/;

/** CT_Settings puts characterSpacingControl after evenAndOddHeaders and before compat. */
const SETTINGS_COMPAT = '<w:compat>';

/** settings.xml with punctuation compression and the East Asian theme language. */
export function finishSettings(xml: string, profile: StyleProfile): string {
  const at = xml.indexOf(SETTINGS_COMPAT);
  const end = xml.indexOf('</w:compat>');
  if (at < 0 || end < 0) return xml;
  const close = end + '</w:compat>'.length;
  const language = escapeXmlValue(profile.language);
  return (
    xml.slice(0, at) +
    '<w:characterSpacingControl w:val="compressPunctuation"/>' +
    xml.slice(at, close) +
    `<w:themeFontLang w:val="en-US" w:eastAsia="${language}"/>` +
    xml.slice(close)
  );
}

const PAGE_FIELD_SEPARATE = '<w:r><w:fldChar w:fldCharType="separate"/></w:r>';

/** A footer whose PAGE fields show `1` until the reader updates them. */
export function finishFooter(xml: string): string {
  return xml.split(PAGE_FIELD_SEPARATE).join(`${PAGE_FIELD_SEPARATE}<w:r><w:t>1</w:t></w:r>`);
}

/** core.xml with the document's language (Dublin Core `dc:language`). */
export function finishCore(xml: string, profile: StyleProfile): string {
  if (xml.includes('<dc:language>')) return xml;
  return xml.replace('</cp:coreProperties>', `<dc:language>${escapeXmlValue(profile.language)}</dc:language></cp:coreProperties>`);
}

/** The parts of a package as the profile wants them (see the module comment). */
export function finishParts(parts: readonly ZipEntry[], profile: StyleProfile): ZipEntry[] {
  return parts.map(([name, data]): ZipEntry => {
    if (typeof data !== 'string') return [name, data];
    if (name === FONT_TABLE_PART) return [name, fontTableXml(profile)];
    if (name === SETTINGS_PART) return [name, finishSettings(data, profile)];
    if (FOOTER_PART.test(name)) return [name, finishFooter(data)];
    return [name, data];
  });
}
