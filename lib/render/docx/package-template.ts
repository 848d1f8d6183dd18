/**
 * A profile's .docx package compiled once per process. Of a package's twenty-odd parts only the
 * document body (word/document.xml) and the title in docProps/core.xml depend on the report;
 * styles, numbering, settings, theme, footers, relationships and content types are the profile's.
 * docx compiles all of them, and builds the whole `Document` model behind them, for every report.
 * Here a template report is compiled once; each report then has only its paragraphs formatted by
 * docx (`Paragraph` → docx's `Formatter`) and written into the template's document.xml.
 */
import { Packer, type Document, type Paragraph } from 'docx';
import { ReportPressError } from '../../errors.js';
import type { ZipEntry } from './zip-writer.js';
import { escapeXmlValue, xmlableToString, type Xmlable } from './xmlable-string.js';

/** The parts of docx's Packer used here (docx 9's `Compiler`). */
interface DocxCompiler {
  compile(file: Document, prettify?: undefined, overrides?: readonly never[]): Map<string, string | Uint8Array>;
  readonly formatter: { format(input: Paragraph, context: object): Xmlable };
  readonly numberingReplacer: { replace(xml: string, concreteNumberings: unknown): string };
}

/** docx's compiler, which turns a document into the package's parts. */
export function docxCompiler(): DocxCompiler {
  const compiler = (Packer as unknown as { readonly compiler?: DocxCompiler }).compiler;
  if (!compiler) throw new ReportPressError('the installed docx package has no Packer.compiler; install the docx version in package-lock.json (npm ci)');
  return compiler;
}

export const DOCUMENT_PART = 'word/document.xml';
export const CORE_PART = 'docProps/core.xml';

/** A report's document as the template needs it: the docx model and its paragraphs, built alike. */
export interface TemplateSource {
  readonly document: Document;
  /** The body paragraphs, as fresh objects (formatting a docx paragraph may change it). */
  readonly paragraphs: readonly Paragraph[];
  readonly title: string;
}

/** A compiled package with holes for a report's body and title. */
export interface PackageTemplate {
  /** Every part in docx's zip order; the document and core parts are filled in per report. */
  readonly parts: readonly ZipEntry[];
  readonly documentHead: string;
  readonly documentTail: string;
  readonly coreHead: string;
  readonly coreTail: string;
  /** The document the template was compiled from: the context docx formats paragraphs in. */
  readonly document: Document;
}

const titleElement = (title: string): string => `<dc:title>${escapeXmlValue(title)}</dc:title>`;

/** The one place `needle` occurs in `text`, or -1 if it occurs never or more than once. */
function onlyIndexOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  return at >= 0 && text.indexOf(needle, at + 1) < 0 ? at : -1;
}

function paragraphsXml(template: Pick<PackageTemplate, 'document'>, paragraphs: readonly Paragraph[]): string {
  const { formatter } = docxCompiler();
  const context = { viewWrapper: template.document.Document, file: template.document, stack: [] };
  let xml = '';
  for (const paragraph of paragraphs) xml += xmlableToString(formatter.format(paragraph, context));
  return xml;
}

/**
 * Compiles `source` and cuts its package into the parts every report shares and the holes for
 * the body and the title. Returns null when docx's output does not have the expected shape (a
 * docx version that writes paragraphs differently): callers then compile each report in full.
 */
export function compilePackageTemplate(source: TemplateSource): PackageTemplate | null {
  const compiled = docxCompiler().compile(source.document, undefined, []);
  const documentXml = compiled.get(DOCUMENT_PART);
  const coreXml = compiled.get(CORE_PART);
  if (typeof documentXml !== 'string' || typeof coreXml !== 'string' || source.title === '') return null;

  const body = paragraphsXml({ document: source.document }, source.paragraphs);
  const bodyAt = body === '' ? -1 : onlyIndexOf(documentXml, body);
  const title = titleElement(source.title);
  const titleAt = onlyIndexOf(coreXml, title);
  if (bodyAt < 0 || titleAt < 0) return null;

  return {
    parts: Array.from(compiled, ([name, data]): ZipEntry => [name, data]),
    documentHead: documentXml.slice(0, bodyAt),
    documentTail: documentXml.slice(bodyAt + body.length),
    coreHead: coreXml.slice(0, titleAt),
    coreTail: coreXml.slice(titleAt + title.length),
    document: source.document,
  };
}

/**
 * The package parts of a report: the template's shared parts, the report's paragraphs as
 * word/document.xml and its title in docProps/core.xml. The same parts docx compiles for the
 * report's own document, for reports that hold text paragraphs only (no media, links or lists).
 */
export function fillPackageTemplate(template: PackageTemplate, paragraphs: readonly Paragraph[], title: string): ZipEntry[] {
  if (title === '') throw new ReportPressError('a DOCX package template needs a non-empty report title; give the report a title');
  const { numberingReplacer } = docxCompiler();
  const documentXml = numberingReplacer.replace(
    template.documentHead + paragraphsXml(template, paragraphs) + template.documentTail,
    template.document.Numbering.ConcreteNumbering,
  );
  const coreXml = template.coreHead + titleElement(title) + template.coreTail;
  return template.parts.map(([name, data]): ZipEntry => {
    if (name === DOCUMENT_PART) return [name, documentXml];
    if (name === CORE_PART) return [name, coreXml];
    return [name, data];
  });
}
