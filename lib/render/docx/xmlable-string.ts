/**
 * The XML text of an object from docx's `Formatter` (`{ 'w:p': [{ 'w:pPr': … }, …] }`), written
 * exactly as docx 9 writes it without indentation (its `stringifyXmlable`, which keeps the quirks
 * of the old `xml` package). docx does not export its writer; this lets one paragraph be written
 * without compiling the whole package. package-template.ts checks it against docx's own output
 * for every profile before relying on it.
 */

/** What docx's `Formatter.format` returns: an element name mapped to attributes and content. */
export type Xmlable = { readonly [name: string]: unknown };

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };
// Characters XML 1.0 cannot hold are dropped, as docx drops them.
const ESCAPED = /[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g;

/** A value escaped as docx escapes attribute values and text content. */
export function escapeXmlValue(value: string): string {
  return value.replace(ESCAPED, (char) => ESCAPES[char] ?? '');
}

const escapeValue = (value: unknown): unknown => (typeof value === 'string' ? escapeXmlValue(value) : value);

function attributesText(attributes: Readonly<Record<string, unknown>>): string {
  let text = '';
  for (const [key, value] of Object.entries(attributes)) text += ` ${key}="${String(escapeValue(value))}"`;
  return text;
}

/**
 * The XML of one formatted element. Content rules as in docx: an array's string item replaces the
 * item before it (text content), an `_attr` item adds attributes, and an array with neither text
 * nor children still writes an open and a close tag.
 */
export function xmlableToString(data: Xmlable): string {
  const name = Object.keys(data)[0];
  const values = name === undefined ? undefined : data[name];
  let attributes = '';
  const content: unknown[] = [];
  if (typeof values === 'object') {
    if (values !== null) {
      const { _attr: attr, _cdata: cdata } = values as { _attr?: Record<string, unknown>; _cdata?: string };
      if (attr) attributes += attributesText(attr);
      if (cdata) content.push(`<![CDATA[${cdata.replace(/\]\]>/g, ']]]]><![CDATA[>')}]]>`);
      if (Array.isArray(values)) {
        let isStringContent = false;
        content.push('');
        for (const value of values as unknown[]) {
          if (typeof value === 'object') {
            const item = value as Xmlable;
            if (Object.keys(item)[0] === '_attr') attributes += attributesText(item._attr as Record<string, unknown>);
            else content.push(xmlableToString(item));
          } else {
            content.pop();
            isStringContent = true;
            content.push(escapeValue(value));
          }
        }
        if (!isStringContent) content.push('');
      }
    }
  } else {
    content.push(escapeValue(values));
  }
  const open = (name ? `<${name}` : '') + attributes;
  if (content.length === 0) return `${open}/>`;
  let inner = '';
  for (const child of content) inner += child === undefined ? '' : String(child);
  return `${open}${name ? '>' : ''}${inner}${name ? `</${name}>` : ''}`;
}
