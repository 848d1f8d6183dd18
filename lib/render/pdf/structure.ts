/**
 * Tagged PDF (PDF 32000 §14.7–14.8): a structure tree of one `Document` element holding the title
 * (`H1`), the headings (`H2`–`H5`) and the paragraphs (`P`) in reading order, each tied to the
 * marked-content sequences (MCIDs) that draw it, with the parent tree that maps them back, so that
 * screen readers, reflow and copy-paste follow the text. Page numbers are artifacts, outside the
 * tree. pdf-lib has no tagging API: the objects are written as plain PDF objects.
 */
import type { PDFDocument, PDFPage, PDFRef } from 'pdf-lib';
import { PDFName, PDFNumber } from 'pdf-lib';
import type { StructureTag } from '../layout/types.js';

/** Where one marked-content sequence of an element is: a page and its MCID there. */
interface Mark {
  readonly page: number;
  readonly mcid: number;
}

interface Element {
  readonly tag: StructureTag;
  readonly marks: Mark[];
}

/** Marked-content operators that open the page-number artifact (a pagination footer). */
export const PAGE_NUMBER_ARTIFACT = '/Artifact <</Type /Pagination /Subtype /Footer>> BDC';

/** The operator that opens the marked-content sequence `mcid` of an element tagged `tag`. */
export function beginMarkedContent(tag: StructureTag, mcid: number): string {
  return `/${tag} <</MCID ${mcid}>> BDC`;
}

/**
 * Collects the structure while the pages are drawn: `mark` gives each new piece of an element on a
 * page its MCID (numbered from 0 on every page), `write` adds the tree to the document.
 */
export class StructureTree {
  private readonly elements: Element[] = [];
  private readonly byKey = new Map<string, Element>();
  private readonly nextMcid: number[] = [];

  /**
   * The MCID for the next marked-content sequence of the element `key` (one per block and tag, in
   * reading order of first appearance) on page `page` (0-based).
   */
  mark(key: string, tag: StructureTag, page: number): number {
    let element = this.byKey.get(key);
    if (!element) {
      element = { tag, marks: [] };
      this.byKey.set(key, element);
      this.elements.push(element);
    }
    const mcid = this.nextMcid[page] ?? 0;
    this.nextMcid[page] = mcid + 1;
    element.marks.push({ page, mcid });
    return mcid;
  }

  /**
   * Writes the tree, the parent tree and each page's /StructParents, and marks the document as
   * tagged (/MarkInfo). `pages` are the document's pages in the order `mark` numbered them.
   */
  write(doc: PDFDocument, pages: readonly PDFPage[]): void {
    const context = doc.context;
    const rootRef = context.nextRef();
    const documentRef = context.nextRef();
    const pageRefs = pages.map((page) => page.ref);
    const parents: PDFRef[][] = pages.map(() => []);

    const children = this.elements.map((element) => {
      const ref = context.nextRef();
      const first = element.marks[0]?.page ?? 0;
      const kids = element.marks.map((mark) => {
        parents[mark.page]![mark.mcid] = ref;
        // An MCID on the element's own page (/Pg) is a bare number; one on a later page says which page.
        return mark.page === first ? PDFNumber.of(mark.mcid) : context.obj({ Type: 'MCR', Pg: pageRefs[mark.page]!, MCID: mark.mcid });
      });
      context.assign(ref, context.obj({ Type: 'StructElem', S: element.tag, P: documentRef, Pg: pageRefs[first]!, K: kids }));
      return ref;
    });
    context.assign(documentRef, context.obj({ Type: 'StructElem', S: 'Document', P: rootRef, K: children }));

    const nums = parents.flatMap((refs, page) => [PDFNumber.of(page), context.obj(refs)]);
    context.assign(
      rootRef,
      context.obj({ Type: 'StructTreeRoot', K: documentRef, ParentTree: context.obj({ Nums: nums }), ParentTreeNextKey: pages.length }),
    );
    pages.forEach((page, i) => page.node.set(PDFName.of('StructParents'), PDFNumber.of(i)));
    doc.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
    doc.catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: true }));
  }
}
