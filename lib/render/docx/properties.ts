/**
 * Document properties (docProps/core.xml): what Word's File › Info and file browsers show.
 */
import type { Report } from '../../model/report.js';
import { DEFAULT_AUTHOR } from '../document-facts.js';
import type { StyleProfile } from '../style.js';

/** Written as the author and last editor when no author is given. */
export const DOCX_CREATOR = DEFAULT_AUTHOR;

export interface DocxCoreProperties {
  readonly title: string;
  readonly subject: string;
  readonly creator: string;
  readonly lastModifiedBy: string;
  readonly revision: number;
}

/** Title from the report, subject from the profile (the standard the document follows). */
export function coreProperties(report: Report, profile: StyleProfile): DocxCoreProperties {
  return {
    title: report.title,
    subject: profile.description,
    creator: DOCX_CREATOR,
    lastModifiedBy: DOCX_CREATOR,
    revision: 1,
  };
}
