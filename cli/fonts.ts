import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FontLibrary } from '../lib/render/pdf/font-library.js';
import { fontLibraryFrom } from '../functions/fonts.js';

/**
 * The vendored fonts folder. The CLI runs as dist/cli.cjs (bundled) or from cli/*.ts (tests), both
 * one level below the project root; the bundle is CommonJS (`__dirname`), the sources are ES
 * modules (`import.meta.url`).
 */
const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
export const FONT_DIR = resolve(here, '..', 'assets', 'fonts');

/** The font library, parsed on first use and reused for every document of this process. */
export function fontLibrary(): FontLibrary {
  return fontLibraryFrom(FONT_DIR);
}
