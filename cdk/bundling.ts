/**
 * How each handler is bundled: one definition used by the stack (NodejsFunction, local esbuild, no
 * Docker) and therefore by the bundle test and the benchmark, which synthesise the same stack.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LogLevel, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { StageName, type StageDefinition } from '../lib/pipeline/stages.js';

/** The project root (the folder with package.json and package-lock.json). */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Fonts travel inside the PDF bundle, in `fonts/` beside `index.js` (see functions/fonts.ts). */
export const FONT_SOURCE_DIR = join('assets', 'fonts');
export const BUNDLED_FONT_DIR = 'fonts';

/** esbuild options for a stage's bundle. */
export function stageBundling(stage: StageDefinition): BundlingOptions {
  const copyFonts = (inputDir: string, outputDir: string): string[] =>
    stage.name === StageName.RenderPdf ? [`cp -R "${join(inputDir, FONT_SOURCE_DIR)}" "${join(outputDir, BUNDLED_FONT_DIR)}"`] : [];
  return { ...handlerBundling(), commandHooks: { beforeBundling: () => [], beforeInstall: () => [], afterBundling: copyFonts } };
}

/** esbuild options for any handler's bundle (the stages' and the web API's). */
export function handlerBundling(): BundlingOptions {
  return {
    format: OutputFormat.CJS,
    minify: true,
    // Source maps would triple the artifact and need --enable-source-maps (slower cold starts); names are kept instead.
    keepNames: true,
    // Prefer packages' ES module builds: esbuild drops what a stage does not use.
    mainFields: ['module', 'main'],
    // Bundle the AWS SDK too: the bundle is self-contained and pins the SDK version it was tested with.
    externalModules: [],
    logLevel: LogLevel.WARNING,
  };
}
