/**
 * Document properties (docProps/core.xml): what Word's File › Info and file browsers show.
 */
import type { Report } from '../../model/report.js';
import { documentAuthor } from '../document-facts.js';

export interface DocxCoreProperties {
  readonly title: string;
  readonly creator: string;
  readonly lastModifiedBy: string;
  readonly revision: number;
}

/**
 * Title from the report; author and last editor `author` when given, else the report's author
 * line, else empty (document-facts.ts). No subject: the standard the layout follows is not what
 * the document is about.
 */
export function coreProperties(report: Report, author?: string): DocxCoreProperties {
  const who = documentAuthor(report, author);
  return { title: report.title, creator: who, lastModifiedBy: who, revision: 1 };
}
