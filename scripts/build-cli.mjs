// Bundles the CLI into dist/ with esbuild so `report-press` starts fast (no TypeScript at run time).
// `dev` lives in its own bundle: `convert` never loads the AWS SDK, Powertools or s3rver.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  // cli/fonts.ts reads import.meta.url only when __dirname is absent (never in these CJS bundles).
  logOverride: { 'empty-import-meta': 'silent' },
  // s3rver pulls optional native/templating modules; it is only loaded by `report-press dev`.
  external: ['s3rver'],
};

await Promise.all([
  build({ ...common, entryPoints: ['cli/main.ts'], outfile: 'dist/cli.cjs' }),
  build({ ...common, entryPoints: ['cli/dev-server.ts'], outfile: 'dist/dev-server.cjs' }),
]);
