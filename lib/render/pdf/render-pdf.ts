/**
 * Report → PDF: the layout engine breaks and paginates with the font library's real metrics, the
 * drawer embeds font subsets and places every run.
 */
import type { Report } from '../../model/report.js';
import { layoutReport } from '../layout/paginate.js';
import { documentAuthor } from '../document-facts.js';
import type { StyleProfile } from '../style.js';
import { drawLayout, type PdfResult } from './draw-layout.js';
import type { FontLibrary } from './font-library.js';

export type { PdfResult } from './draw-layout.js';

export interface PdfOptions {
  readonly profile: StyleProfile;
  /** Parse once per process with `loadFontLibrary` and reuse for every document. */
  readonly fonts: FontLibrary;
  /** Created and modified date in the metadata: the input's (default a fixed date). */
  readonly timestamp?: Date;
  /** Author in the metadata; unset, the report's author line, else none. */
  readonly author?: string;
}

/**
 * Renders one report as a PDF laid out per `profile` (A4, GB/T 9704 by default): embedded font
 * subsets, page numbers, bookmarks for the title and headings, metadata (Info and XMP: title,
 * author, zh-CN, dates), tagged structure (H1 title, H2–H5 headings, P paragraphs; page numbers as
 * artifacts). Deterministic: the same report, profile, fonts, date and author give byte-identical output.
 */
export async function renderPdf(report: Report, options: PdfOptions): Promise<PdfResult> {
  const layout = layoutReport(report, options.profile, options.fonts.measure);
  return drawLayout(layout, {
    profile: options.profile,
    fonts: options.fonts,
    title: report.title,
    ...(options.timestamp ? { timestamp: options.timestamp } : {}),
    author: documentAuthor(report, options.author),
  });
}
