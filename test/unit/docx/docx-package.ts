/**
 * Test helpers: read a rendered .docx back (zip entries, XML parts, paragraph text) the way an
 * outside reader would, without the renderer's own code.
 */
import { strFromU8, unzipSync } from 'fflate';
import { XMLValidator } from 'fast-xml-parser';

export interface DocxPackage {
  readonly names: readonly string[];
  part(name: string): string;
}

export function openDocx(bytes: Uint8Array): DocxPackage {
  const entries = unzipSync(bytes);
  return {
    names: Object.keys(entries),
    part(name) {
      const data = entries[name];
      if (!data) throw new Error(`no part ${name} in the package (has ${Object.keys(entries).join(', ')})`);
      return strFromU8(data);
    },
  };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

/** The `w:p` elements of a part, as XML strings. */
export function paragraphElements(xml: string): string[] {
  return xml.match(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g) ?? [];
}

/** Concatenated `w:t` text of one paragraph element. */
export function paragraphTextOf(paragraphXml: string): string {
  return [...paragraphXml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decodeXmlText(m[1] ?? '')).join('');
}

/**
 * Non-empty paragraph texts of word/document.xml, in order, as Word shows them: a paragraph whose
 * mark is a style separator (`w:specVanish`) runs on into the next (score.py accepts such pairs).
 */
export function documentParagraphTexts(docx: DocxPackage): string[] {
  const texts: string[] = [];
  let runOn = '';
  for (const paragraph of paragraphElements(docx.part('word/document.xml'))) {
    const text = runOn + paragraphTextOf(paragraph);
    runOn = '';
    if (/<w:pPr>(?:(?!<\/w:pPr>)[\s\S])*<w:specVanish\/>/u.test(paragraph)) runOn = text;
    else if (text.trim() !== '') texts.push(text);
  }
  return texts;
}

/** The `w:style` element with `styleId`, as an XML string. */
export function styleElement(stylesXml: string, styleId: string): string {
  const match = stylesXml.match(new RegExp(`<w:style [^>]*w:styleId="${styleId}"[^>]*>[\\s\\S]*?</w:style>`));
  if (!match) throw new Error(`no style ${styleId}`);
  return match[0];
}

/** Attribute `name` of the first `element` in `xml`. */
export function attributeOf(xml: string, element: string, name: string): string | undefined {
  const tag = xml.match(new RegExp(`<${element}(?=[\\s/>])[^>]*>`))?.[0];
  return tag?.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];
}

/** True when `xml` is well-formed; otherwise the parser's complaint. */
export function wellFormed(xml: string): true | string {
  const result = XMLValidator.validate(xml);
  return result === true ? true : `${result.err.code}: ${result.err.msg} (line ${result.err.line})`;
}
