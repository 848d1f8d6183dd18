// CONTRACT PLACEHOLDER — replaced by the PDF work (issue 3).
import type { Report } from '../../model/report.js';
import type { StyleProfile } from '../style.js';
import type { FontLibrary } from './font-library.js';

export interface PdfOptions {
  readonly profile: StyleProfile;
  readonly fonts: FontLibrary;
}
export interface PdfResult {
  readonly bytes: Uint8Array;
  readonly pages: number;
}
export async function renderPdf(_report: Report, _options: PdfOptions): Promise<PdfResult> {
  throw new Error('renderPdf is not implemented yet');
}
