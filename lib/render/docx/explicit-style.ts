/**
 * Styles with properties the docx package cannot write: a paragraph-level `w:snapToGrid` (docx
 * only has the run-level one) and a character spacing of zero (docx drops a `characterSpacing` of
 * 0, yet a style needs it to cancel the compression it would inherit from Normal). The style is
 * built by docx as usual and the elements are inserted into its XML at their schema positions, so
 * Word, which rejects out-of-order properties, still opens the file.
 */
import { OnOffElement, StyleForParagraph, type IContext, type IParagraphStyleOptions, type IXmlableObject } from 'docx';

/** What a style states explicitly beyond its docx options. */
export interface ExplicitStyleProperties {
  /** Paragraph-level snap to the document grid's lines (`w:pPr/w:snapToGrid`). */
  readonly paragraphSnapToGrid?: boolean;
  /** Character spacing in twentieths of a point (`w:rPr/w:spacing`), written even when 0. */
  readonly characterSpacing?: number;
  /**
   * On/off paragraph properties docx writes not at all (`w:autoSpaceDE`), only when on
   * (`w:overflowPunct`) or out of schema order: written as given, `w:val="0"` for off.
   */
  readonly paragraphFlags?: Readonly<Partial<Record<ParagraphFlag, boolean>>>;
}

/** Paragraph on/off properties a style may state explicitly. */
export type ParagraphFlag = 'w:widowControl' | 'w:kinsoku' | 'w:overflowPunct' | 'w:autoSpaceDE' | 'w:autoSpaceDN';

/** CT_PPrBase's element order (ECMA-376 §17.3.1.26). */
const PARAGRAPH_PROPERTY_ORDER = [
  'w:pStyle', 'w:keepNext', 'w:keepLines', 'w:pageBreakBefore', 'w:framePr', 'w:widowControl', 'w:numPr',
  'w:suppressLineNumbers', 'w:pBdr', 'w:shd', 'w:tabs', 'w:suppressAutoHyphens', 'w:kinsoku', 'w:wordWrap',
  'w:overflowPunct', 'w:topLinePunct', 'w:autoSpaceDE', 'w:autoSpaceDN', 'w:bidi', 'w:adjustRightInd',
  'w:snapToGrid', 'w:spacing', 'w:ind', 'w:contextualSpacing', 'w:mirrorIndents', 'w:suppressOverlap', 'w:jc',
  'w:textDirection', 'w:textAlignment', 'w:textboxTightWrap', 'w:outlineLvl', 'w:divId', 'w:cnfStyle', 'w:rPr',
  'w:sectPr', 'w:pPrChange',
] as const;

/** CT_RPr's element order (ECMA-376 §17.3.2.28). */
const RUN_PROPERTY_ORDER = [
  'w:rStyle', 'w:rFonts', 'w:b', 'w:bCs', 'w:i', 'w:iCs', 'w:caps', 'w:smallCaps', 'w:strike', 'w:dstrike',
  'w:outline', 'w:shadow', 'w:emboss', 'w:imprint', 'w:noProof', 'w:snapToGrid', 'w:vanish', 'w:webHidden',
  'w:color', 'w:spacing', 'w:w', 'w:kern', 'w:position', 'w:sz', 'w:szCs', 'w:highlight', 'w:u', 'w:effect',
  'w:bdr', 'w:shd', 'w:fitText', 'w:vertAlign', 'w:rtl', 'w:cs', 'w:em', 'w:lang', 'w:eastAsianLayout',
  'w:specVanish', 'w:oMath', 'w:rPrChange',
] as const;

type XmlChild = Record<string, unknown>;

const nameOf = (child: XmlChild): string => Object.keys(child)[0] ?? '';

/**
 * `children` with `element` in its place in `order`: replacing an element of the same name, or
 * before the first element that comes after it.
 */
function placeInOrder(children: readonly XmlChild[], element: XmlChild, order: readonly string[]): XmlChild[] {
  const name = nameOf(element);
  const rank = order.indexOf(name);
  const kept = children.filter((child) => nameOf(child) !== name);
  const at = kept.findIndex((child) => order.indexOf(nameOf(child)) > rank);
  return at < 0 ? [...kept, element] : [...kept.slice(0, at), element, ...kept.slice(at)];
}

/** The style's `w:style` children with the properties element `key` (`w:pPr`, `w:rPr`) extended. */
function withProperty(styleChildren: readonly XmlChild[], key: string, element: XmlChild, order: readonly string[]): XmlChild[] {
  const at = styleChildren.findIndex((child) => nameOf(child) === key);
  const current = at < 0 ? [] : (styleChildren[at]?.[key] as XmlChild[] | undefined) ?? [];
  const properties = { [key]: placeInOrder(Array.isArray(current) ? current : [], element, order) };
  if (at >= 0) return styleChildren.map((child, i) => (i === at ? properties : child));
  // A new pPr goes before the rPr; a new rPr goes last (CT_Style).
  const runAt = styleChildren.findIndex((child) => nameOf(child) === 'w:rPr');
  return key === 'w:pPr' && runAt >= 0
    ? [...styleChildren.slice(0, runAt), properties, ...styleChildren.slice(runAt)]
    : [...styleChildren, properties];
}

/** A paragraph style from docx options plus {@link ExplicitStyleProperties}. */
export class ExplicitParagraphStyle extends StyleForParagraph {
  readonly #explicit: ExplicitStyleProperties;

  constructor(options: IParagraphStyleOptions, explicit: ExplicitStyleProperties) {
    super(options);
    this.#explicit = explicit;
  }

  override prepForXml(context: IContext): IXmlableObject | undefined {
    const xml = super.prepForXml(context);
    const children = xml?.['w:style'] as XmlChild[] | undefined;
    if (!xml || !Array.isArray(children)) return xml;
    const { paragraphSnapToGrid, characterSpacing, paragraphFlags = {} } = this.#explicit;
    let style: XmlChild[] = children;
    for (const [name, on] of Object.entries(paragraphFlags)) {
      style = withProperty(style, 'w:pPr', { [name]: { _attr: { 'w:val': on ? '1' : '0' } } }, PARAGRAPH_PROPERTY_ORDER);
    }
    if (paragraphSnapToGrid !== undefined) {
      const element = new OnOffElement('w:snapToGrid', paragraphSnapToGrid).prepForXml(context) as XmlChild;
      style = withProperty(style, 'w:pPr', element, PARAGRAPH_PROPERTY_ORDER);
    }
    if (characterSpacing !== undefined) {
      style = withProperty(style, 'w:rPr', { 'w:spacing': { _attr: { 'w:val': characterSpacing } } }, RUN_PROPERTY_ORDER);
    }
    return { ...xml, 'w:style': style };
  }
}
