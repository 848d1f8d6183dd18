/**
 * The document's XMP metadata packet (ISO 16684-1; PDF 32000 §14.3.2): title, author, language,
 * dates and producer, the same facts as the Info dictionary, for the readers and archives that look
 * only here. Written uncompressed, as the XMP specification recommends, so that file scanners find it.
 */
import type { PDFDocument } from 'pdf-lib';
import { PDFName } from 'pdf-lib';

export interface XmpFacts {
  readonly title: string;
  /** Absent: no dc:creator. */
  readonly author?: string;
  /** BCP 47, e.g. `zh-CN`. */
  readonly language: string;
  /** Created and modified: the input's date. */
  readonly date: Date;
  /** The program: xmp:CreatorTool and pdf:Producer. */
  readonly producer: string;
}

const escapeXml = (text: string): string =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/** ISO 8601 to the second, in UTC, as XMP dates are written. */
const xmpDate = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The XMP packet for `facts`, as text. */
export function xmpPacket(facts: XmpFacts): string {
  const date = xmpDate(facts.date);
  const creator = facts.author ? `<dc:creator><rdf:Seq><rdf:li>${escapeXml(facts.author)}</rdf:li></rdf:Seq></dc:creator>` : '';
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(facts.title)}</rdf:li></rdf:Alt></dc:title>`,
    creator,
    `<dc:language><rdf:Bag><rdf:li>${escapeXml(facts.language)}</rdf:li></rdf:Bag></dc:language>`,
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${escapeXml(facts.producer)}</xmp:CreatorTool>`,
    `<pdf:Producer>${escapeXml(facts.producer)}</pdf:Producer>`,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/** Adds the XMP packet for `facts` as the catalog's /Metadata stream. */
export function writeXmpMetadata(doc: PDFDocument, facts: XmpFacts): void {
  const stream = doc.context.stream(new TextEncoder().encode(xmpPacket(facts)), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
}
