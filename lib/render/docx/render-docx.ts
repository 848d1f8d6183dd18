// CONTRACT PLACEHOLDER — replaced by the DOCX work (issue 3).
import type { Report } from '../../model/report.js';
import type { StyleProfile } from '../style.js';

export interface DocxOptions {
  readonly profile: StyleProfile;
}
export async function renderDocx(_report: Report, _options: DocxOptions): Promise<Uint8Array> {
  throw new Error('renderDocx is not implemented yet');
}
