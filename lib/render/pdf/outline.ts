/**
 * The document outline (bookmarks): the title and every heading, nested by level. pdf-lib has no
 * outline API, so the /Outlines tree is written as plain PDF objects (PDF 32000 §12.3.3).
 */
import type { PDFDocument, PDFRef } from 'pdf-lib';
import { PDFHexString, PDFName, PDFNull, PDFNumber } from 'pdf-lib';

export interface OutlineEntry {
  readonly title: string;
  /** 0 for the document title, 1–4 for headings; deeper levels nest under shallower ones. */
  readonly level: number;
  readonly page: PDFRef;
  /** Top of the target, in PDF user space (from the page's bottom edge). */
  readonly top: number;
}

interface OutlineNode {
  readonly entry: OutlineEntry;
  readonly ref: PDFRef;
  readonly children: OutlineNode[];
}

function descendantCount(node: { children: readonly OutlineNode[] }): number {
  return node.children.reduce((sum, child) => sum + 1 + descendantCount(child), 0);
}

/**
 * Adds an outline of `entries` (in reading order) to the document and asks viewers to show it.
 * Does nothing for an empty list.
 */
export function writeOutline(doc: PDFDocument, entries: readonly OutlineEntry[]): void {
  if (entries.length === 0) return;
  const context = doc.context;
  const root = { ref: context.nextRef(), children: [] as OutlineNode[] };

  const stack: OutlineNode[] = [];
  for (const entry of entries) {
    while (stack.length > 0 && stack[stack.length - 1]!.entry.level >= entry.level) stack.pop();
    const node: OutlineNode = { entry, ref: context.nextRef(), children: [] };
    (stack[stack.length - 1] ?? root).children.push(node);
    stack.push(node);
  }

  const writeChildren = (parent: PDFRef, children: readonly OutlineNode[]): void => {
    children.forEach((node, i) => {
      const dict = context.obj({});
      dict.set(PDFName.of('Title'), PDFHexString.fromText(node.entry.title));
      dict.set(PDFName.of('Parent'), parent);
      const previous = children[i - 1];
      const next = children[i + 1];
      if (previous) dict.set(PDFName.of('Prev'), previous.ref);
      if (next) dict.set(PDFName.of('Next'), next.ref);
      if (node.children.length > 0) {
        dict.set(PDFName.of('First'), node.children[0]!.ref);
        dict.set(PDFName.of('Last'), node.children[node.children.length - 1]!.ref);
        // Positive: the entry starts open, showing its headings.
        dict.set(PDFName.of('Count'), PDFNumber.of(descendantCount(node)));
      }
      dict.set(
        PDFName.of('Dest'),
        context.obj([node.entry.page, PDFName.of('XYZ'), PDFNull, PDFNumber.of(Math.round(node.entry.top * 100) / 100), PDFNull]),
      );
      context.assign(node.ref, dict);
      writeChildren(node.ref, node.children);
    });
  };
  writeChildren(root.ref, root.children);

  const outlines = context.obj({});
  outlines.set(PDFName.of('Type'), PDFName.of('Outlines'));
  outlines.set(PDFName.of('First'), root.children[0]!.ref);
  outlines.set(PDFName.of('Last'), root.children[root.children.length - 1]!.ref);
  outlines.set(PDFName.of('Count'), PDFNumber.of(descendantCount(root)));
  context.assign(root.ref, outlines);
  doc.catalog.set(PDFName.of('Outlines'), root.ref);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
