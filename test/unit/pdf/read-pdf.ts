/**
 * Reads a PDF back the way a viewer does (pdf.js), the way a PDF library does (pdf-lib) and, where
 * poppler-utils is installed, the way `pdftotext` does (shared/tools/score.py reads PDFs with it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';

export interface ReadBack {
  readonly pages: number;
  /** Text items per page, in content-stream order. */
  readonly pageTexts: readonly (readonly string[])[];
  readonly outline: readonly OutlineItem[];
  readonly info: Record<string, unknown>;
}

export interface OutlineItem {
  readonly title: string;
  readonly items: readonly OutlineItem[];
}

export async function readWithPdfJs(bytes: Uint8Array): Promise<ReadBack> {
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, verbosity: 0 }).promise;
  const pageTexts: string[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pageTexts.push(content.items.flatMap((item) => ('str' in item && item.str !== '' ? [item.str] : [])));
  }
  const outline = ((await doc.getOutline()) ?? []) as OutlineItem[];
  const { info } = await doc.getMetadata();
  await doc.destroy();
  return { pages: doc.numPages, pageTexts, outline, info: info as Record<string, unknown> };
}

export interface EmbeddedFont {
  readonly baseFont: string;
  readonly subtype: string;
  readonly hasFontFile: boolean;
  readonly hasToUnicode: boolean;
}

/** Every composite font in the file, with what its descriptor embeds. */
export async function embeddedFonts(bytes: Uint8Array): Promise<EmbeddedFont[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const fonts: EmbeddedFont[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Subtype')) !== PDFName.of('Type0')) continue;
    const descendants = object.lookup(PDFName.of('DescendantFonts'), PDFArray);
    const cidFont = descendants.lookup(0, PDFDict);
    const descriptor = cidFont.lookup(PDFName.of('FontDescriptor'), PDFDict);
    fonts.push({
      baseFont: object.lookup(PDFName.of('BaseFont'), PDFName).decodeText(),
      subtype: cidFont.lookup(PDFName.of('Subtype'), PDFName).decodeText(),
      hasFontFile: descriptor.has(PDFName.of('FontFile3')) || descriptor.has(PDFName.of('FontFile2')),
      hasToUnicode: object.get(PDFName.of('ToUnicode')) instanceof PDFRef,
    });
  }
  return fonts;
}

/** Decoded content streams of every page, joined per page. */
export async function pageContents(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  return doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
    return streams
      .map((stream) => (stream instanceof PDFRawStream ? Buffer.from(inflateSync(stream.getContents())).toString('latin1') : ''))
      .join('\n');
  });
}

/** The catalog entry `name` as text, e.g. `Lang`. */
export async function catalogText(bytes: Uint8Array, name: string): Promise<string | undefined> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const value = doc.catalog.get(PDFName.of(name));
  return value && 'decodeText' in value && typeof value.decodeText === 'function' ? (value.decodeText() as string) : undefined;
}

/** True when poppler's `pdftotext` can be run here (CI machines need not have it). */
export const hasPdftotext: boolean = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).status === 0;

/** The text `pdftotext` extracts (UTF-8, reading order), with poppler's stderr. */
export function pdftotext(bytes: Uint8Array): { text: string; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'report-press-pdftotext-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, bytes);
    const result = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
    return { text: result.stdout, stderr: result.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
