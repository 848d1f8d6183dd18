import { Command, InvalidArgumentError, Option } from 'commander';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DocumentFormat, sourceStem } from '../lib/convert.js';
import { PROFILES, type ProfileId } from '../lib/render/style.js';
import { DEFAULT_MAX_BYTES } from '../lib/text/decode.js';
import type { ConversionWarning } from '../lib/warnings.js';
import { convertFile, type InputOutcome } from './convert-command.js';
import { createProgress } from './progress.js';

const MB = 1024 * 1024;

function parseMegabytes(value: string): number {
  const mb = Number(value);
  if (!Number.isFinite(mb) || mb <= 0) throw new InvalidArgumentError('give a positive number of megabytes, e.g. 20');
  return Math.round(mb * MB);
}

function parseFormats(value: string): DocumentFormat[] {
  const formats = value.split(',').map((f) => f.trim().toLowerCase());
  const known = Object.values(DocumentFormat) as string[];
  const unknown = formats.filter((f) => !known.includes(f));
  if (unknown.length > 0 || formats.length === 0) throw new InvalidArgumentError(`use docx, pdf or docx,pdf (got ${value})`);
  return [...new Set(formats)] as DocumentFormat[];
}

/** One plain line per failed input on stderr: the file and the reason, no stack trace. */
function reportFailure(outcome: Extract<InputOutcome, { ok: false }>): void {
  process.stderr.write(`report-press: ${outcome.input}: ${outcome.reason}\n`);
}

/** One line per warning on stderr: the file, the report and line it concerns, and what to check. */
function reportWarning(input: string, warning: ConversionWarning): void {
  const where = [warning.report === undefined ? '' : `report ${warning.report}`, warning.line === undefined ? '' : `line ${warning.line}`].filter(Boolean).join(', ');
  process.stderr.write(`report-press: warning: ${input}${where ? ` (${where})` : ''}: ${warning.message}\n`);
}

interface ConvertFlags {
  out: string;
  profile: ProfileId;
  format: DocumentFormat[];
  maxSize: number;
  json?: boolean;
  progress: boolean;
}

async function runConvert(inputs: string[], flags: ConvertFlags): Promise<number> {
  const progress = createProgress({ enabled: flags.progress && !flags.json && process.stderr.isTTY === true, inputs: inputs.length });
  const outcomes: InputOutcome[] = [];
  const claimed = new Map<string, string>();
  try {
    for (const input of inputs) {
      // Two inputs with the same file name would write into the same folder.
      const stem = sourceStem(basename(input));
      const first = claimed.get(stem);
      if (first !== undefined) {
        const outcome = { input, ok: false as const, code: 'DUPLICATE_NAME', reason: `has the same name as ${first}, so both would write to ${stem}/; rename one of them or convert them in separate calls` };
        outcomes.push(outcome);
        continue;
      }
      claimed.set(stem, input);
      outcomes.push(await convertFile(input, { out: flags.out, profile: flags.profile, formats: flags.format, maxBytes: flags.maxSize }, progress));
    }
  } finally {
    progress.stop();
  }
  for (const outcome of outcomes) {
    if (!outcome.ok) reportFailure(outcome);
    else for (const warning of outcome.manifest.warnings) reportWarning(outcome.input, warning);
  }
  const failed = outcomes.filter((o) => !o.ok).length;
  if (flags.json) {
    const summary = {
      out: flags.out,
      inputs: outcomes.map((o) =>
        o.ok
          ? { input: o.input, ok: true, folder: o.folder, reports: o.manifest.reports.length, removals: o.manifest.cleaning.removals, warnings: o.manifest.warnings, seconds: Number(o.seconds.toFixed(3)) }
          : { input: o.input, ok: false, code: o.code, reason: o.reason },
      ),
      converted: outcomes.length - failed,
      failed,
    };
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    for (const outcome of outcomes) {
      if (outcome.ok) {
        const n = outcome.manifest.reports.length;
        process.stdout.write(`${outcome.input} → ${outcome.folder}/ (${n} report${n === 1 ? '' : 's'}, ${outcome.manifest.cleaning.removals} cuts, ${outcome.seconds.toFixed(2)} s)\n`);
      }
    }
  }
  return failed > 0 ? 1 : 0;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('give a TCP port from 0 to 65535');
  return port;
}

interface DevFlags {
  port: number;
  dir: string;
}

/** Runs the local chain until Ctrl-C (SIGINT) or SIGTERM, then shuts it down cleanly. */
async function runDev(flags: DevFlags): Promise<void> {
  // Loaded at run time from its own bundle so that `convert` stays small and fast to start.
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  const devServerModule = join(here, 'dev-server.cjs');
  // require, not import(): the bundle may run from a V8 code cache (bin/report-press.js), where
  // dynamic import() has no loader.
  const { startDevServer } = createRequire(devServerModule)(devServerModule) as typeof import('./dev-server.js');
  const server = await startDevServer({ port: flags.port, dir: resolve(flags.dir) });
  await new Promise<void>((resolveStop) => {
    const stop = () => {
      process.stdout.write('\nstopping: letting running stages finish…\n');
      resolveStop();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  process.stdout.write(`stopped; objects are kept in ${server.dataDir}\n`);
}

export function buildProgram(): Command {
  const program = new Command('report-press')
    .description('Raw Chinese text in, clean GB/T 9704 official documents (DOCX and PDF) out.')
    .showHelpAfterError('(run with --help for usage)')
    // Subcommands inherit this: usage errors exit 2, help exits 0.
    .exitOverride((error) => {
      process.exit(error.exitCode === 0 ? 0 : 2);
    });

  program
    .command('convert')
    .description('clean, split and typeset .txt files into DOCX and PDF documents')
    .argument('<input...>', '.txt files (UTF-8, UTF-16 with BOM or GB18030)')
    .option('-o, --out <dir>', 'output folder; each input gets <dir>/<name>/ with manifest.json and NN-<title>.docx/.pdf', 'out')
    .addOption(new Option('-p, --profile <id>', 'style profile').choices(Object.keys(PROFILES)).default('gbt9704'))
    .addOption(new Option('-f, --format <list>', 'formats to write: docx, pdf or docx,pdf').argParser(parseFormats).default([DocumentFormat.Docx, DocumentFormat.Pdf], 'docx,pdf'))
    .addOption(new Option('--max-size <MB>', 'refuse inputs larger than this many megabytes').argParser(parseMegabytes).default(DEFAULT_MAX_BYTES, String(DEFAULT_MAX_BYTES / MB)))
    .option('--json', 'print a machine-readable summary on stdout')
    .option('--no-progress', 'never show a progress bar')
    .addHelpText('after', '\nExit status: 0 when every input converted, 1 when any input was refused (each reason on stderr),\n2 on usage errors, 3 on an internal error.\n\nExample:\n  report-press convert samples/compilation.txt --out out/')
    .action(async (inputs: string[], flags: ConvertFlags) => {
      process.exitCode = await runConvert(inputs, flags);
    });

  program
    .command('dev')
    .description('run the Lambda chain locally against an embedded S3-compatible server on 127.0.0.1')
    .addOption(new Option('--port <port>', 'port of the S3 endpoint').argParser(parsePort).default(4568))
    .option('--dir <DATA_DIR>', 'where the buckets are kept between runs', '.dev-data')
    .addHelpText('after', '\nUpload a .txt to s3://input/… and find manifest.json and the documents under s3://output/…, e.g.\n  aws --endpoint-url http://127.0.0.1:4568 s3 cp report.txt s3://input/2024/report.txt\n  aws --endpoint-url http://127.0.0.1:4568 s3 ls s3://output/2024/report/\nAny credentials are accepted. Ctrl-C stops the server.')
    .action(async (flags: DevFlags) => {
      await runDev(flags);
    });

  return program;
}

buildProgram()
  .parseAsync()
  .catch((error: unknown) => {
    // An unexpected failure is a bug, not bad input: say so in one line and how to get details.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`report-press: internal error: ${message} (set NODE_OPTIONS=--enable-source-maps and REPORT_PRESS_DEBUG=1 for a stack trace)\n`);
    if (process.env.REPORT_PRESS_DEBUG) console.error(error);
    process.exitCode = 3;
  });
