// Bundles the CLI into dist/ with esbuild so `report-press` starts fast (no TypeScript at run time).
import { build } from 'esbuild';

await build({
  entryPoints: ['cli/main.ts'],
  outfile: 'dist/cli.cjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  // cli/fonts.ts reads import.meta.url only when __dirname is absent (never in this CJS bundle).
  logOverride: { 'empty-import-meta': 'silent' },
  // s3rver pulls optional native/templating modules; it is only loaded by `report-press dev`.
  external: ['s3rver'],
});
