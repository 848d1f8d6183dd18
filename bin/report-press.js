#!/usr/bin/env node
// The published command: runs the bundled CLI (built by `npm ci` / `npm run build`).
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('report-press: the CLI is not built yet; run `npm ci` (or `npm run build`) in the project folder first.\n');
  process.exit(2);
}
createRequire(import.meta.url)(bundle);
