/**
 * The DOCX renderer: a report and a style profile in, the bytes of a .docx out. Built in two
 * steps that tests can inspect: `describeDocx` (plain data: paragraphs, styles referenced, title
 * lines, properties) and `buildDocxDocument` (the docx package's `Document`).
 */
import { Document } from 'docx';
import type { Report } from '../../model/report.js';
import type { StyleProfile } from '../style.js';
import { hasOutsidePageNumbers, pageNumberFooters } from './footer.js';
import { pageGeometry, type DocxPageGeometry } from './page-geometry.js';
import { bodyParagraphs, toDocxParagraph, type DocxParagraphSpec } from './paragraphs.js';
import { coreProperties, type DocxCoreProperties } from './properties.js';
import { compilePackageTemplate, CORE_PART, docxCompiler, fillPackageTemplate, type PackageTemplate } from './package-template.js';
import { finishCore, finishParts } from './package-parts.js';
import { packPartsReproducible } from './reproducible-package.js';
import { DEFAULT_DOCUMENT_DATE, documentAuthor } from '../document-facts.js';
import { escapeXmlValue } from './xmlable-string.js';
import type { ZipEntry } from './zip-writer.js';
import { documentStyles } from './styles.js';
import { titleLines } from './title-lines.js';

export interface DocxOptions {
  readonly profile: StyleProfile;
  /**
   * Created/modified date written into the document and its zip entries: the input's date (file
   * mtime, S3 LastModified), so that the same upload gives the same bytes. Defaults to a fixed
   * date.
   */
  readonly timestamp?: Date;
  /** Author and last editor in the document properties; unset, the report's author line, else none. */
  readonly author?: string;
}

/** Everything the document will contain, as plain data. */
export interface DocxDescription {
  readonly properties: DocxCoreProperties;
  readonly page: DocxPageGeometry;
  /** The title as broken into lines (joined, they give the title back). */
  readonly titleLines: readonly string[];
  /** Body paragraphs in order: the title, then one per block. */
  readonly paragraphs: readonly DocxParagraphSpec[];
  /** Odd pages right and even pages left (GB/T 9704), or one centred footer. */
  readonly evenAndOddFooters: boolean;
}

/** The plain description of the document `report` renders to. */
export function describeDocx(report: Report, options: DocxOptions): DocxDescription {
  const { profile } = options;
  const lines = titleLines(report.title, profile);
  return {
    properties: coreProperties(report, options.author),
    page: pageGeometry(profile),
    titleLines: lines,
    paragraphs: bodyParagraphs(report, lines, profile),
    evenAndOddFooters: hasOutsidePageNumbers(profile),
  };
}

function documentOf(description: DocxDescription, profile: StyleProfile): Document {
  const { page } = description;
  const styles = documentStyles(profile);
  const document = new Document({
    ...description.properties,
    styles: styles.options,
    evenAndOddHeaderAndFooters: description.evenAndOddFooters,
    sections: [
      {
        properties: {
          page: {
            size: { width: page.widthTwips, height: page.heightTwips },
            margin: { ...page.margin, gutter: 0 },
          },
          ...(page.grid ? { grid: page.grid } : {}),
        },
        footers: pageNumberFooters(profile),
        children: description.paragraphs.map(toDocxParagraph),
      },
    ],
  });
  for (const style of styles.explicitStyles) document.Styles.addChildElement(style);
  return document;
}

/** The docx `Document` for `report`: styles from the profile, paragraphs that reference them. */
export function buildDocxDocument(report: Report, options: DocxOptions): Document {
  return documentOf(describeDocx(report, options), options.profile);
}

/**
 * Compiled once per profile from a stand-in report: its title has characters XML escapes, so the
 * check in `compilePackageTemplate` covers escaping too.
 */
const TEMPLATE_REPORT: Report = { title: '模板 & <标题> "甲" \'乙\'', blocks: [{ kind: 'paragraph', text: '正文 & <正文>' }] };

const templates = new WeakMap<StyleProfile, PackageTemplate | null>();

function templateFor(profile: StyleProfile): PackageTemplate | null {
  let template = templates.get(profile);
  if (template === undefined) {
    const description = describeDocx(TEMPLATE_REPORT, { profile });
    const compiled = compilePackageTemplate({
      document: documentOf(description, profile),
      paragraphs: description.paragraphs.map(toDocxParagraph),
      title: TEMPLATE_REPORT.title,
    });
    template = compiled && { ...compiled, parts: finishParts(compiled.parts, profile) };
    templates.set(profile, template);
  }
  return template;
}

/**
 * The core properties part with the document's author (`dc:creator`, `cp:lastModifiedBy`; both
 * left out when there is none) and the profile's language. The template's part was compiled for
 * another report, so its author elements are replaced whatever they hold.
 */
function finishCoreFor(parts: readonly ZipEntry[], profile: StyleProfile, author: string): ZipEntry[] {
  return parts.map(([name, data]): ZipEntry => {
    if (name !== CORE_PART || typeof data !== 'string') return [name, data];
    const who = escapeXmlValue(author);
    const without = data.replace(/<dc:creator>[^<]*<\/dc:creator>|<dc:creator\/>/, '').replace(/<cp:lastModifiedBy>[^<]*<\/cp:lastModifiedBy>|<cp:lastModifiedBy\/>/, '');
    const core = author === '' ? without : without.replace('</cp:coreProperties>', `<dc:creator>${who}</dc:creator><cp:lastModifiedBy>${who}</cp:lastModifiedBy></cp:coreProperties>`);
    return [name, finishCore(core, profile)];
  });
}

/**
 * Renders `report` as a .docx laid out by `options.profile`. Deterministic: the same report,
 * profile, timestamp and author give the same bytes. The parts shared by every report of a profile
 * are compiled once per process (package-template.ts); the bytes are those of a full compile.
 */
export async function renderDocx(report: Report, options: DocxOptions): Promise<Uint8Array> {
  const template = report.title === '' ? null : templateFor(options.profile);
  if (!template) return renderDocxInFull(report, options);
  return pack(fillPackageTemplate(template, describeDocx(report, options).paragraphs.map(toDocxParagraph), report.title), report, options);
}

/** {@link renderDocx} without the package template: docx compiles every part for this report. */
export function renderDocxInFull(report: Report, options: DocxOptions): Uint8Array {
  return pack(finishParts(Array.from(docxCompiler().compile(buildDocxDocument(report, options), undefined, [])), options.profile), report, options);
}

function pack(parts: readonly ZipEntry[], report: Report, options: DocxOptions): Uint8Array {
  return packPartsReproducible(finishCoreFor(parts, options.profile, documentAuthor(report, options.author)), options.timestamp ?? DEFAULT_DOCUMENT_DATE);
}
