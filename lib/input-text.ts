/**
 * The text of an input file, whatever it was saved as: a plain-text file decoded (lib/text/decode.ts),
 * a Word document (.docx) read paragraph by paragraph. The format is told by the file's first bytes,
 * not its name, so a .docx renamed .txt is read as what it is, and a Word 97–2003 file (.doc) gets a
 * refusal that says how to save it as something readable.
 *
 * Reading a .docx (a ZIP of XML parts) is the shell's: it passes a {@link DocxReader} in
 * (functions/word-reader.ts, built on mammoth, which also reads files from disk and so is no part
 * of lib). What comes back is only text, so the same cleaning, splitting and rendering follow.
 */
import { InputError, InputErrorCode } from './errors.js';
import { decodeText, DEFAULT_MAX_BYTES, type DecodeOptions } from './text/decode.js';

/** What an input file holds, as its first bytes tell. */
export const InputFormat = {
  /** Anything else: decoded as text, or refused as not text. */
  Text: 'text',
  /** A ZIP archive, as every .docx is (the reader tells whether it is a Word document). */
  Docx: 'docx',
  /** An OLE2 compound file: Word 97–2003 (.doc), WPS (.wps) or another older Office file. */
  LegacyOffice: 'legacy-office',
} as const;
export type InputFormat = (typeof InputFormat)[keyof typeof InputFormat];

/** `PK\x03\x04`: a ZIP archive's first local file header. */
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
/** The OLE2 compound file signature that every Word 97–2003 document starts with. */
const OLE2_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, signature: readonly number[]) => bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);

/** The format of an input file from its first bytes. */
export function inputFormatOf(bytes: Uint8Array): InputFormat {
  if (startsWith(bytes, ZIP_SIGNATURE)) return InputFormat.Docx;
  if (startsWith(bytes, OLE2_SIGNATURE)) return InputFormat.LegacyOffice;
  return InputFormat.Text;
}

/**
 * Reads the paragraphs of a Word (.docx) document, in document order, each as its text (table cells
 * are paragraphs too). Rejects when the bytes are not a Word document it can read.
 */
export type DocxReader = (bytes: Uint8Array) => Promise<readonly string[]>;

export interface ReadInputOptions {
  readonly decode?: DecodeOptions;
  /** How a .docx is read; without one, a .docx is refused as unreadable (a shell that reads none). */
  readonly readDocx?: DocxReader;
}

/** An input's text, with `\n` line endings, and what it was read from. */
export interface InputText {
  readonly text: string;
  readonly format: InputFormat;
  /** The file's bytes, as read (their digest is the input's, whatever the format). */
  readonly bytes: Uint8Array;
}

/**
 * The text of an input file: a .docx's paragraphs one per line (as they would be in a .txt saved
 * from it), anything else decoded as text.
 *
 * @throws {InputError} `LEGACY_WORD` for a Word 97–2003 or other OLE2 file, `UNREADABLE_DOCX` for a
 * ZIP that is not a readable Word document, `EMPTY` for a Word document without text, and
 * whatever {@link decodeText} throws (`EMPTY`, `TOO_LARGE`, `BINARY`, `UNDECODABLE`); the
 * size limit holds for every format.
 */
export async function readInputText(bytes: Uint8Array, options: ReadInputOptions = {}): Promise<InputText> {
  const format = inputFormatOf(bytes);
  if (format === InputFormat.Text) return { text: decodeText(bytes, options.decode), format, bytes };
  const maxBytes = options.decode?.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes) {
    const limitOption = options.decode?.limitOption;
    throw new InputError(InputErrorCode.TooLarge, { size: bytes.length, limit: maxBytes, ...(limitOption ? { limitOption } : {}) });
  }
  if (format === InputFormat.LegacyOffice) throw new InputError(InputErrorCode.LegacyWord);
  if (!options.readDocx) throw new InputError(InputErrorCode.UnreadableDocx);
  let paragraphs: readonly string[];
  try {
    paragraphs = await options.readDocx(bytes);
  } catch (error) {
    throw new InputError(InputErrorCode.UnreadableDocx, { cause: error instanceof Error ? error.message : String(error) });
  }
  // Line breaks inside a paragraph and Windows line ends, as decodeText leaves a .txt's.
  const text = paragraphs.join('\n').replace(/\r\n?/g, '\n');
  if (text.trim() === '') throw new InputError(InputErrorCode.Empty, { format });
  return { text, format, bytes };
}
