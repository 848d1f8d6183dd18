// Bundles the CLI into dist/ with esbuild so `report-press` starts fast (no TypeScript at run time).
// `dev` lives in its own bundle: `convert` never loads the AWS SDK, Powertools or s3rver.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * fontkit and unicode-properties inflate several Unicode tables when they are loaded, for text
 * shaping that report-press never asks for (it maps code points to glyphs itself): about 30 ms of
 * every start. This stands in for `unicode-trie` and inflates a table on its first lookup.
 */
const lazyUnicodeTrie = {
  name: 'lazy-unicode-trie',
  setup(pluginBuild) {
    const real = createRequire(import.meta.url).resolve('unicode-trie');
    pluginBuild.onResolve({ filter: /^unicode-trie$/ }, () => ({ path: 'lazy-unicode-trie', namespace: 'lazy-unicode-trie' }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'lazy-unicode-trie' }, () => ({
      resolveDir: process.cwd(),
      loader: 'js',
      contents: `const UnicodeTrie = require(${JSON.stringify(real)});
module.exports = class LazyUnicodeTrie {
  constructor(data) { this.data = data; this.trie = undefined; }
  get(codePoint) { this.trie ??= new UnicodeTrie(this.data); return this.trie.get(codePoint); }
};`,
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  // cli/fonts.ts reads import.meta.url only when __dirname is absent (never in these CJS bundles).
  logOverride: { 'empty-import-meta': 'silent' },
  // s3rver pulls optional native/templating modules; it is only loaded by `report-press dev`, as is
  // esbuild (a native binary beside its package), which builds the web page when dev starts. mammoth
  // (with JSZip, 0.7 MB) is loaded only for a Word document: outside, every start compiles less.
  external: ['s3rver', 'esbuild', 'mammoth'],
  // import() of those becomes require(): the bundle may run from V8's code cache (bin/report-press.js),
  // where a dynamic import() has no loader.
  supported: { 'dynamic-import': false },
  plugins: [lazyUnicodeTrie],
};

await Promise.all([
  build({ ...common, entryPoints: ['cli/main.ts'], outfile: 'dist/cli.cjs' }),
  build({ ...common, entryPoints: ['cli/dev-server.ts'], outfile: 'dist/dev-server.cjs' }),
]);

/**
 * V8's code cache for dist/cli.cjs, recorded after one real conversion so that it holds the
 * functions a conversion compiles (V8 compiles lazily): bin/report-press.js starts from it when it
 * matches the bundle, 40–80 ms sooner. A failure here only costs that speed, never the build.
 */
function writeCodeCache() {
  const cache = 'dist/cli.cjs.code-cache';
  rmSync(cache, { force: true });
  const out = mkdtempSync(join(tmpdir(), 'report-press-code-cache-'));
  try {
    const run = spawnSync(process.execPath, ['bin/report-press.js', 'convert', 'samples/compilation.txt', '--out', out], {
      env: { ...process.env, REPORT_PRESS_WRITE_CODE_CACHE: cache },
      encoding: 'utf8',
    });
    if (run.status !== 0) {
      rmSync(cache, { force: true });
      process.stderr.write(`build-cli: no code cache (the sample conversion failed: ${(run.stderr || run.error?.message || '').trim()})\n`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

writeCodeCache();
