/** The vendored fonts, read the way a shell reads them; parsed once per test file. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFontLibrary, type FontLibrary } from '../../../lib/render/pdf/font-library.js';

export const FONTS_DIR = join(import.meta.dirname, '..', '..', '..', 'assets', 'fonts');

let library: FontLibrary | undefined;

export function vendoredFonts(): FontLibrary {
  library ??= loadFontLibrary((name) => readFileSync(join(FONTS_DIR, name)));
  return library;
}
