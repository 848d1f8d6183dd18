/**
 * word/fontTable.xml: one entry per face the document names, with what a word processor needs to
 * substitute a face the machine lacks (ECMA-376 §17.8.3): an alternate name, the GB2312 character
 * set (86), the PANOSE class, family and pitch. Without entries Word falls back to its default
 * East Asian face (等线 or 宋体) for every missing one, and the heading levels look alike.
 *
 * The body and level-2 faces are named by their stock Windows names (仿宋, 楷体: in Windows since
 * Vista, also what WPS maps) with the customary 仿宋_GB2312 / 楷体_GB2312 as the alternate, so
 * a stock machine shows the intended style. 方正小标宋简体 has no stock counterpart; its alternate
 * is 宋体, the nearest stock serif face.
 */
import type { StyleProfile } from '../style.js';
import { escapeXmlValue } from './xmlable-string.js';

/** What fontTable.xml says about one face. */
export interface FontTableEntry {
  readonly name: string;
  readonly altName?: string;
  /** PANOSE-1 classification, 20 hex digits. */
  readonly panose: string;
  /** Windows character set: `86` GB2312, `00` ANSI. */
  readonly charset: string;
  readonly family: 'roman' | 'swiss' | 'modern' | 'script' | 'decorative' | 'auto';
  readonly pitch: 'fixed' | 'variable';
}

/** Known faces, with the values Word itself writes for them on a Chinese Windows. */
const KNOWN_FACES: Readonly<Record<string, Omit<FontTableEntry, 'name'>>> = {
  宋体: { altName: 'SimSun', panose: '02010600030101010101', charset: '86', family: 'auto', pitch: 'variable' },
  黑体: { altName: 'SimHei', panose: '02010609060101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  仿宋: { altName: '仿宋_GB2312', panose: '02010609060101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  楷体: { altName: '楷体_GB2312', panose: '02010609060101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  仿宋_GB2312: { altName: '仿宋', panose: '02010609030101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  楷体_GB2312: { altName: '楷体', panose: '02010609030101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  方正小标宋简体: { altName: '宋体', panose: '02000000000000000000', charset: '86', family: 'auto', pitch: 'variable' },
  'Times New Roman': { panose: '02020603050405020304', charset: '00', family: 'roman', pitch: 'variable' },
};

/** An East Asian face not listed above: GB2312, class and family unknown. */
const UNKNOWN_EAST_ASIAN: Omit<FontTableEntry, 'name'> = { panose: '02010600030101010101', charset: '86', family: 'auto', pitch: 'variable' };

/** The entries for every face `profile` names, East Asian faces first, each once, in profile order. */
export function fontTableEntries(profile: StyleProfile): FontTableEntry[] {
  const names = [
    ...Object.values(profile.docxFaces).map((face) => face.eastAsia),
    ...Object.values(profile.docxFaces).map((face) => face.ascii),
  ];
  return Array.from(new Set(names), (name) => ({ name, ...(KNOWN_FACES[name] ?? UNKNOWN_EAST_ASIAN) }));
}

/** The fontTable.xml part for `profile`. */
export function fontTableXml(profile: StyleProfile): string {
  const fonts = fontTableEntries(profile)
    .map(
      (entry) =>
        `<w:font w:name="${escapeXmlValue(entry.name)}">` +
        (entry.altName ? `<w:altName w:val="${escapeXmlValue(entry.altName)}"/>` : '') +
        `<w:panose1 w:val="${entry.panose}"/><w:charset w:val="${entry.charset}"/>` +
        `<w:family w:val="${entry.family}"/><w:pitch w:val="${entry.pitch}"/></w:font>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    fonts +
    '</w:fonts>'
  );
}
