/**
 * The Word reader the shells pass to lib (lib/input-text.ts `DocxReader`): the clean Lambda,
 * `report-press convert` and `report-press dev`. mammoth's raw-text extraction, which reads the
 * document's paragraphs (table cells' too) in order and gives each one's text followed by a blank
 * line. Not in lib/: mammoth also reads documents and linked images from disk by path, and lib
 * reads nothing; here it is only ever handed bytes.
 */
import type { DocxReader } from '../lib/input-text.js';

/** The paragraphs of a .docx, each its text; rejects for bytes that are not a Word document. */
export const readDocxParagraphs: DocxReader = async (bytes) => {
  // Loaded on the first Word document: `convert` of .txt files never pays for mammoth and JSZip.
  const { default: mammoth } = await import('mammoth');
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  // Every paragraph ends in "\n\n" and holds no "\n" of its own (a line break inside one is dropped).
  const paragraphs = value.split('\n\n');
  paragraphs.pop();
  return paragraphs;
};
