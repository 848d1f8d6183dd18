/**
 * Page-number footers: the profile's format (`— N —`) around a PAGE field. GB/T 9704 puts odd
 * page numbers right and even ones left, which needs Word's separate even-page footer.
 */
import { Footer, PageNumber, Paragraph, TextRun } from 'docx';
import { ReportPressError } from '../../errors.js';
import type { StyleProfile } from '../style.js';
import { DocxStyleId } from './styles.js';

/** A number no format writes by accident, to find where the page number goes in the text. */
const PROBE = 8642097531;

/** The text before and after the page number in the profile's format. */
export function pageNumberAffixes(profile: StyleProfile): { prefix: string; suffix: string } {
  const sample = profile.pageNumber.format(PROBE);
  const at = sample.indexOf(String(PROBE));
  if (at < 0 || sample.indexOf(String(PROBE), at + 1) >= 0) {
    throw new ReportPressError(
      `the page number format of profile "${profile.id}" must write the number once in decimal digits (it wrote "${sample}" for ${PROBE}); fix pageNumber.format`,
    );
  }
  return { prefix: sample.slice(0, at), suffix: sample.slice(at + String(PROBE).length) };
}

/** Whether the profile needs different footers on odd and even pages. */
export const hasOutsidePageNumbers = (profile: StyleProfile): boolean => profile.pageNumber.placement === 'outside';

function pageNumberFooter(profile: StyleProfile, style: DocxStyleId): Footer {
  const { prefix, suffix } = pageNumberAffixes(profile);
  return new Footer({
    children: [
      new Paragraph({
        style,
        children: [new TextRun({ children: [prefix, PageNumber.CURRENT, suffix] })],
      }),
    ],
  });
}

/** The section's footers: `default` (odd pages, or all pages) and, for outside numbers, `even`. */
export function pageNumberFooters(profile: StyleProfile): { default: Footer; even?: Footer } {
  if (!hasOutsidePageNumbers(profile)) return { default: pageNumberFooter(profile, DocxStyleId.Footer) };
  return {
    default: pageNumberFooter(profile, DocxStyleId.FooterOdd),
    even: pageNumberFooter(profile, DocxStyleId.FooterEven),
  };
}
