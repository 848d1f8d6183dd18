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
import { DEFAULT_DOCX_TIMESTAMP, packReproducible } from './reproducible-package.js';
import { documentStyles } from './styles.js';
import { titleLines } from './title-lines.js';

export interface DocxOptions {
  readonly profile: StyleProfile;
  /**
   * Created/modified date written into the document and its zip entries. Defaults to a fixed date
   * so that the same report always renders to the same bytes.
   */
  readonly timestamp?: Date;
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
    properties: coreProperties(report, profile),
    page: pageGeometry(profile),
    titleLines: lines,
    paragraphs: bodyParagraphs(report, lines),
    evenAndOddFooters: hasOutsidePageNumbers(profile),
  };
}

/** The docx `Document` for `report`: styles from the profile, paragraphs that reference them. */
export function buildDocxDocument(report: Report, options: DocxOptions): Document {
  const { profile } = options;
  const description = describeDocx(report, options);
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

/**
 * Renders `report` as a .docx laid out by `options.profile`. Deterministic: the same report,
 * profile and timestamp give the same bytes.
 */
export async function renderDocx(report: Report, options: DocxOptions): Promise<Uint8Array> {
  return packReproducible(buildDocxDocument(report, options), options.timestamp ?? DEFAULT_DOCX_TIMESTAMP);
}
