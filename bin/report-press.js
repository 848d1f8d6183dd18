#!/usr/bin/env node
// The published command: runs the bundled CLI (built by `npm ci` / `npm run build`).
//
// Compiling the 3.7 MB bundle is a tenth of a short run, so `npm run build` also records V8's code
// for it in dist/cli.cjs.code-cache (first line: the bundle's SHA-256). The cache is used only when
// that hash matches the bundle and V8 accepts the data; otherwise the bundle is required as usual.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script, constants as vmConstants } from 'node:vm';

const bundle = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));
const cacheFile = `${bundle}.code-cache`;
const requireBundle = createRequire(bundle);
if (!existsSync(bundle)) {
  // Before the bundle (and its message catalogue) exists, so the locale is read here by hand.
  const locale = [process.env.LC_ALL, process.env.LC_MESSAGES, process.env.LANG].find((v) => v) ?? '';
  process.stderr.write(
    /^zh/i.test(locale)
      ? 'report-press: 命令行工具尚未构建，请先在项目文件夹中运行 `npm ci`（或 `npm run build`）。\n'
      : 'report-press: the CLI is not built yet; run `npm ci` (or `npm run build`) in the project folder first.\n',
  );
  process.exit(2);
}

/** Set by scripts/build-cli.mjs: run once and write the code cache on exit. */
const cacheOut = process.env.REPORT_PRESS_WRITE_CODE_CACHE;

/** `hash\ndata`, or undefined when the file is missing or made for another bundle. */
function cachedCodeFor(digest) {
  let file;
  try {
    file = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const newline = file.indexOf(10);
  return newline > 0 && file.toString('latin1', 0, newline) === digest ? file.subarray(newline + 1) : undefined;
}

function runCompiled() {
  const source = readFileSync(bundle, 'utf8');
  const digest = createHash('sha256').update(source).digest('hex');
  const cachedData = cacheOut ? undefined : cachedCodeFor(digest);
  if (!cacheOut && !cachedData) return false;
  // The same wrapper as Node's CommonJS loader, so the bundle sees the usual module variables.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    cachedData,
    importModuleDynamically: vmConstants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (cachedData && script.cachedDataRejected !== false) return false;
  if (cacheOut) process.once('exit', () => writeFileSync(cacheOut, Buffer.concat([Buffer.from(`${digest}\n`, 'latin1'), script.createCachedData()])));
  const module = { exports: {}, filename: bundle, id: bundle, loaded: false };
  script.runInThisContext()(module.exports, requireBundle, module, bundle, dirname(bundle));
  return true;
}

if (!runCompiled()) requireBundle(bundle);
