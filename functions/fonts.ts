/**
 * Fonts for PDF rendering, read from a directory and parsed once per process (per Lambda
 * container): parsing CJK fonts is the slow part of a cold PDF render. The role faces are read
 * at once, each fallback when the first document that needs it is rendered.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FONT_DIR_ENV } from './environment.js';
import { loadFontLibrary, type FontLibrary } from '../lib/render/pdf/font-library.js';

const libraries = new Map<string, FontLibrary>();

/** The font library built from the font files in `dir`, parsed on first use and then reused. */
export function fontLibraryFrom(dir: string): FontLibrary {
  let library = libraries.get(dir);
  if (!library) {
    library = loadFontLibrary((fileName) => {
      try {
        return readFileSync(join(dir, fileName));
      } catch (error) {
        throw new Error(`font file ${fileName} is missing from ${dir}; the PDF function's bundle must carry assets/fonts (${(error as Error).message})`);
      }
    });
    libraries.set(dir, library);
  }
  return library;
}

/**
 * Where the deployed bundle keeps its fonts: `FONT_DIR` if set, else `fonts/` beside the bundle
 * (the CDK bundling copies assets/fonts there).
 */
export function bundledFontDir(): string {
  // `__dirname` exists in the CommonJS bundle; typeof keeps the check safe when run as ESM.
  const bundleDir = typeof __dirname === 'string' ? __dirname : process.cwd();
  return process.env[FONT_DIR_ENV] ?? join(bundleDir, 'fonts');
}
