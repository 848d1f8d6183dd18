/**
 * Builds the page into a folder of static files: `index.html`, `app.js` (web/main.ts and what it
 * imports, bundled by esbuild: no CDN at run time) and `app.css`. Synchronous, so that the CDK
 * stack can call it while it synthesises and `report-press dev` before it serves.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

// This file runs from web/ (sources, the CDK app) or bundled into dist/ (`report-press dev`): both
// one level below the project root. The bundle is CommonJS (`__dirname`), the sources ES modules.
const WEB_DIR = resolve(typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url)), '..', 'web');

/** The files a built page consists of, relative to its folder. */
export const WEB_PAGE_FILES = ['index.html', 'app.js', 'app.css'] as const;

/** Writes the built page into `outDir` (created if missing) and returns `outDir`. */
export function buildWebPage(outDir: string): string {
  mkdirSync(outDir, { recursive: true });
  buildSync({
    entryPoints: [join(WEB_DIR, 'main.ts')],
    outfile: join(outDir, 'app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome120', 'firefox120', 'safari16', 'edge120'],
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  copyFileSync(join(WEB_DIR, 'index.html'), join(outDir, 'index.html'));
  copyFileSync(join(WEB_DIR, 'app.css'), join(outDir, 'app.css'));
  return outDir;
}
