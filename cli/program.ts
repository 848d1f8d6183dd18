import { Command, InvalidArgumentError, Option } from 'commander';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import packageJson from '../package.json' with { type: 'json' };
import { DocumentFormat } from '../lib/convert.js';
import { FileErrorCode } from '../lib/errors.js';
import { formatError, Lang, messages, parseLang, type Catalogue } from '../lib/messages/index.js';
import { PROFILES, type ProfileId } from '../lib/render/style.js';
import { DEFAULT_SWEEP_SETTINGS } from '../lib/pipeline/sweep-settings.js';
import { DEFAULT_MAX_BYTES } from '../lib/text/decode.js';
import { readFile } from 'node:fs/promises';
import { CorrectionsError, parseCorrections, type CorrectionsDocument } from '../lib/corrections/corrections-document.js';
import { parseUserRules, UserRulesError, type UserRules } from '../lib/corrections/user-rules.js';
import { convertFile, type InputFailure, type InputOutcome } from './convert-command.js';
import { collectInputs, outputFolder, type FolderScan, type InputProblem } from './inputs.js';
import { localiseHelp, localiseUsageErrors } from './localise-commander.js';
import { createProgress } from './progress.js';
import { shownParams, shownPath } from './shown-path.js';
import { isOutputError, makeFolder } from './write-files.js';

const MB = 1024 * 1024;

/** The language everything this run prints is in, and its message table. */
interface Speaker {
  readonly lang: Lang;
  readonly m: Catalogue;
}

function parseMegabytes({ m }: Speaker, value: string): number {
  const mb = Number(value);
  if (!Number.isFinite(mb) || mb <= 0) throw new InvalidArgumentError(m['usage.megabytes']());
  return Math.round(mb * MB);
}

function parseFormats({ m }: Speaker, value: string): DocumentFormat[] {
  // `docx,` and ` pdf ` are what people type; an empty list is not.
  const formats = value.split(',').map((f) => f.trim().toLowerCase()).filter((f) => f !== '');
  const known = Object.values(DocumentFormat) as string[];
  if (formats.length === 0 || formats.some((f) => !known.includes(f))) throw new InvalidArgumentError(m['usage.formats']({ value }));
  return [...new Set(formats)] as DocumentFormat[];
}

function parseProfile({ m }: Speaker, value: string): ProfileId {
  if (Object.hasOwn(PROFILES, value)) return value as ProfileId;
  throw new InvalidArgumentError(m['usage.profile']({ value, choices: Object.keys(PROFILES).join(', ') }));
}

function parseMinutes({ m }: Speaker, value: string): number {
  const minutes = Number(value);
  if (!Number.isFinite(minutes) || minutes <= 0) throw new InvalidArgumentError(m['usage.minutes']());
  return minutes;
}

function parsePort({ m }: Speaker, value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError(m['usage.port']());
  return port;
}

function parseLangFlag({ m }: Speaker, value: string): Lang {
  const lang = parseLang(value);
  if (!lang) throw new InvalidArgumentError(m['usage.lang']({ value }));
  return lang;
}

interface ConvertFlags {
  out: string;
  profile: ProfileId;
  format: DocumentFormat[];
  maxSize: number;
  author?: string;
  recursive?: boolean;
  json?: boolean;
  explain?: boolean;
  corrections?: string;
  rules?: string;
  progress: boolean;
}

/**
 * One plain line on stderr: what failed and why, no stack trace. Every path in a line that is
 * printed goes through {@link shownPath}, so that a file name cannot break the line.
 */
function say(line: string): void {
  process.stderr.write(`report-press: ${line}\n`);
}

/** Why an input failed; `shown` for a printed line (paths through {@link shownPath}), else as stored (JSON). */
function failureText({ lang }: Speaker, failure: InputFailure | InputProblem, shown: boolean): string {
  return formatError({ code: failure.code, params: shown ? shownParams(failure.params) : failure.params, message: 'message' in failure ? failure.message : undefined }, lang);
}

/** The closing line of a call with several inputs or a folder: counts, and what folders held. */
function summaryLine({ m }: Speaker, outcomes: readonly InputOutcome[], folders: readonly FolderScan[]): string {
  const converted = outcomes.filter((o) => o.ok);
  const reports = converted.reduce((sum, o) => sum + o.manifest.reports.length, 0);
  let line = m['cli.summary']({ files: outcomes.length, converted: converted.length, refused: outcomes.length - converted.length, reports });
  if (folders.length > 0) {
    const total = (key: 'found' | 'skipped' | 'subfolders') => folders.reduce((sum, f) => sum + f[key], 0);
    line += m['cli.summaryFound']({ found: total('found'), folders: folders.length, folder: shownPath(folders[0]!.folder), skipped: total('skipped'), subfolders: total('subfolders') });
  }
  return line;
}

/**
 * The corrections and rules files named by `--corrections` and `--rules`, read and checked before
 * any input is: a file that cannot be used stops the call (exit 2) with one line saying why, and
 * nothing is written.
 */
async function readCorrectionFiles({ lang, m }: Speaker, flags: ConvertFlags, inputs: number): Promise<{ corrections?: CorrectionsDocument; userRules?: UserRules } | undefined> {
  if (flags.corrections !== undefined && inputs !== 1) {
    say(m['usage.correctionsOneInput']({ inputs }));
    return undefined;
  }
  const read = async <T>(path: string | undefined, parse: (bytes: Uint8Array) => T): Promise<T | undefined | false> => {
    if (path === undefined) return undefined;
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (error) {
      const errno = (error as NodeJS.ErrnoException).code ?? 'EIO';
      const code = errno === 'ENOENT' ? FileErrorCode.NotFound : FileErrorCode.Unreadable;
      say(m['cli.unusableFile']({ path: shownPath(path), reason: formatError({ code, params: { errno } }, lang) }));
      return false;
    }
    try {
      return parse(bytes);
    } catch (error) {
      if (!(error instanceof CorrectionsError || error instanceof UserRulesError)) throw error;
      say(m['cli.unusableFile']({ path: shownPath(path), reason: formatError({ code: error.code, params: error.params }, lang) }));
      return false;
    }
  };
  const corrections = await read(flags.corrections, parseCorrections);
  const userRules = await read(flags.rules, parseUserRules);
  if (corrections === false || userRules === false) return undefined;
  return { ...(corrections ? { corrections } : {}), ...(userRules ? { userRules } : {}) };
}

async function runConvert(speaker: Speaker, args: string[], flags: ConvertFlags): Promise<number> {
  const { lang, m } = speaker;
  const { entries, folders } = await collectInputs(args, { recursive: flags.recursive === true });
  const outcomes: InputOutcome[] = [];
  const correcting = await readCorrectionFiles(speaker, flags, entries.length);
  if (!correcting) return 2;

  // An output folder that cannot be made fails the whole call at once, in one line, before any
  // input is read: nothing could be written anyway.
  if (entries.some((e) => e.ok)) {
    try {
      await makeFolder(flags.out);
    } catch (error) {
      if (!isOutputError(error)) throw error;
      const params = { action: error.action, path: error.path, errno: error.errno, at: error.at };
      say(m.UNWRITABLE(shownParams(params)));
      if (flags.json) {
        const inputs = entries.map((e) => ({ input: e.input, ok: false, code: FileErrorCode.Unwritable, reason: m.UNWRITABLE(params), params }));
        process.stdout.write(`${JSON.stringify({ out: flags.out, inputs, folders, converted: 0, failed: inputs.length }, null, 2)}\n`);
      }
      return 1;
    }
  }

  const progress = createProgress({
    enabled: flags.progress && !flags.json && process.stderr.isTTY === true,
    inputs: entries.length,
    format: m['cli.progress'](),
  });
  const claimed = new Map<string, string>();
  try {
    for (const entry of entries) {
      if (!entry.ok) {
        outcomes.push({ input: entry.input, ok: false, code: entry.code, params: entry.params });
        continue;
      }
      // Two inputs with the same output folder would overwrite each other.
      const first = claimed.get(entry.folder);
      if (first !== undefined) {
        outcomes.push({ input: entry.input, ok: false, code: FileErrorCode.DuplicateName, params: { first, folder: entry.folder } });
        continue;
      }
      claimed.set(entry.folder, entry.input);
      const options = { folder: outputFolder(flags.out, entry.folder), profile: flags.profile, formats: flags.format, maxBytes: flags.maxSize, ...(flags.author ? { author: flags.author } : {}), ...(flags.explain ? { explain: true } : {}), ...correcting };
      outcomes.push(await convertFile(entry.input, options, progress));
    }
  } finally {
    progress.stop();
  }
  for (const outcome of outcomes) {
    if (!outcome.ok) say(`${shownPath(outcome.input)}: ${failureText(speaker, outcome, true)}`);
    else {
      for (const warning of outcome.manifest.warnings) {
        const message = formatError({ code: warning.code, message: warning.message, params: { text: warning.text, report: warning.report, line: warning.line, ...warning.params } }, lang);
        say(m['cli.warning']({ input: shownPath(outcome.input), report: warning.report, line: warning.line, message }));
      }
    }
  }
  const failed = outcomes.filter((o) => !o.ok).length;
  if (flags.json) {
    const summary = {
      out: flags.out,
      inputs: outcomes.map((o) =>
        o.ok
          ? { input: o.input, ok: true, folder: o.folder, reports: o.manifest.reports.length, removals: o.manifest.cleaning.removals, warnings: o.manifest.warnings, seconds: Number(o.seconds.toFixed(3)) }
          : { input: o.input, ok: false, code: o.code, reason: failureText(speaker, o, false), params: o.params },
      ),
      folders,
      converted: outcomes.length - failed,
      failed,
    };
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    for (const outcome of outcomes) {
      if (outcome.ok) {
        const line = m['cli.converted']({ input: shownPath(outcome.input), folder: shownPath(outcome.folder), reports: outcome.manifest.reports.length, cuts: outcome.manifest.cleaning.removals, seconds: outcome.seconds });
        process.stdout.write(`${line}\n`);
      }
    }
    // A folder without .txt files has said so on stderr; it is not a file to count.
    const files = outcomes.filter((o) => o.ok || o.code !== FileErrorCode.NoTextFiles);
    if (files.length > 1 || (files.length === 1 && folders.length > 0)) process.stdout.write(`${summaryLine(speaker, files, folders)}\n`);
  }
  return failed > 0 ? 1 : 0;
}

interface DevFlags {
  port: number;
  webPort: number;
  dir: string;
  author?: string;
  stallMinutes: number;
}

/** Runs the local chain until Ctrl-C (SIGINT) or SIGTERM, then shuts it down cleanly. */
async function runDev({ m, lang }: Speaker, flags: DevFlags): Promise<void> {
  // Loaded at run time from its own bundle so that `convert` stays small and fast to start.
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  const devServerModule = join(here, 'dev-server.cjs');
  // require, not import(): the bundle may run from a V8 code cache (bin/report-press.js), where
  // dynamic import() has no loader.
  const { startDevServer } = createRequire(devServerModule)(devServerModule) as typeof import('./dev-server.js');
  const server = await startDevServer({
    port: flags.port,
    dir: resolve(flags.dir),
    web: { port: flags.webPort },
    lang,
    sweep: { stallMinutes: flags.stallMinutes },
    ...(flags.author ? { author: flags.author } : {}),
  });
  await new Promise<void>((resolveStop) => {
    const stop = () => {
      process.stdout.write(`\n${m['cli.devStopping']()}\n`);
      resolveStop();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  process.stdout.write(`${m['cli.devStopped']({ dir: shownPath(server.dataDir) })}\n`);
}

/** The package version, for `--version` and support requests. */
export const VERSION: string = packageJson.version;

export interface ProgramOptions {
  /** Language of help, messages and usage errors. */
  readonly lang: Lang;
}

/** The `report-press` command with its subcommands, speaking `options.lang`. */
export function buildProgram(options: ProgramOptions): Command {
  const speaker: Speaker = { lang: options.lang, m: messages(options.lang) };
  const { m } = speaker;
  const program = new Command('report-press')
    .description(m['help.program']())
    .usage(m['help.programUsage']())
    .version(m['cli.version']({ version: VERSION, node: process.versions.node, platform: `${process.platform} ${process.arch}` }), '-v, --version', m['help.version']())
    .addOption(new Option('--lang <lang>', m['help.lang']()).argParser((value) => parseLangFlag(speaker, value)))
    .helpOption('-h, --help', m['help.help']())
    .helpCommand('help [command]', m['help.helpCommand']())
    .showHelpAfterError(m['usage.seeHelp']())
    // Subcommands inherit this: usage errors exit 2, help and --version exit 0.
    .exitOverride((error) => {
      process.exit(error.exitCode === 0 ? 0 : 2);
    });
  // Inherited by the subcommands created below.
  localiseHelp(program, m);
  localiseUsageErrors(program, options.lang, m);

  program
    .command('convert')
    .description(m['help.convert']())
    .usage(m['help.convertUsage']())
    .argument('<input...>', m['help.convertInput']())
    .option('-o, --out <dir>', m['help.out'](), 'out')
    .option('-r, --recursive', m['help.recursive']())
    .addOption(new Option('-p, --profile <id>', m['help.profile']({ choices: Object.keys(PROFILES).join(', ') })).argParser((value) => parseProfile(speaker, value)).default('gbt9704'))
    .addOption(new Option('-f, --format <list>', m['help.format']()).argParser((value) => parseFormats(speaker, value)).default([DocumentFormat.Docx, DocumentFormat.Pdf], 'docx,pdf'))
    .addOption(new Option('--max-size <MB>', m['help.maxSize']()).argParser((value) => parseMegabytes(speaker, value)).default(DEFAULT_MAX_BYTES, String(DEFAULT_MAX_BYTES / MB)))
    .option('--author <name>', m['help.author']())
    .option('--json', m['help.json']())
    .option('--explain', m['help.explain']())
    .option('--corrections <FILE>', m['help.corrections']())
    .option('--rules <FILE>', m['help.rules']())
    .option('--no-progress', m['help.noProgress']())
    .addHelpText('after', `\n${m['help.convertAfter']()}`)
    .action(async (inputs: string[], flags: ConvertFlags) => {
      process.exitCode = await runConvert(speaker, inputs, flags);
    });

  program
    .command('dev')
    .description(m['help.dev']())
    .usage(m['help.devUsage']())
    .addOption(new Option('--port <port>', m['help.devPort']()).argParser((value) => parsePort(speaker, value)).default(4568))
    .addOption(new Option('--web-port <port>', m['help.devWebPort']()).argParser((value) => parsePort(speaker, value)).default(4569))
    .option('--dir <DATA_DIR>', m['help.devDir'](), '.dev-data')
    .addOption(
      new Option('--stall-minutes <minutes>', m['help.devStall']())
        .argParser((value) => parseMinutes(speaker, value))
        .default(DEFAULT_SWEEP_SETTINGS.stallMinutes),
    )
    .option('--author <name>', m['help.author']())
    .addHelpText('after', `\n${m['help.devAfter']()}`)
    .action(async (flags: DevFlags) => {
      await runDev(speaker, flags);
    });

  return program;
}
