/**
 * English messages: the source of truth for the keys and for the parameters each message takes.
 * The input-error texts are the ones the call sites first wrote by hand (see lib/text/decode.ts),
 * so rendering a code with its params gives the same sentence.
 */
import type { FileErrorCode, InputErrorCode } from '../errors.js';
import type { WarningCode } from '../warnings.js';
import type { WebErrorCode } from '../web/api-contract.js';
import type { KeyErrorCode, StageErrorCode } from '../pipeline/error-codes.js';
import { MAX_PART_LINES, MAX_PART_PAGES } from '../model/report-parts.js';
import type { FsProblem } from './types.js';
import type { CorrectionsErrorCode } from '../corrections/corrections-document.js';
import type { UserRulesErrorCode } from '../corrections/user-rules.js';
import { correctionsEn } from './corrections-en.js';

/** `1 report`, `2 reports`: English needs the count to pick the noun form. */
function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `20 MB`, `0.5 MB`: as the size limit is given on the command line. */
export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/**
 * `6.2 KB`, `512 KB`, `3.5 MB`: a file's size or an upload's progress. Below a megabyte in KB, since a
 * report's text is often a few KB and `0.0 MB` says nothing.
 */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return megabytes(bytes);
  const kb = bytes / 1024;
  return `${kb < 10 ? kb.toFixed(1) : Math.round(kb)} KB`;
}

/** `37%`, `under 1%`: a share (0–1) of a file's characters, as the decoder measured it. */
export function percent(share: number): string {
  const value = share * 100;
  return value > 0 && value < 1 ? 'under 1%' : `${Math.round(value)}%`;
}

function fsReason({ errno, at }: FsProblem): string {
  switch (errno) {
    case 'EACCES':
    case 'EPERM':
      return `no permission to write in ${at} (${errno})`;
    case 'EROFS':
      return `${at} is on a read-only file system (EROFS)`;
    case 'ENOTDIR':
    case 'EEXIST':
      return `${at} is not a folder (${errno})`;
    case 'EISDIR':
      return `${at} is a folder (EISDIR)`;
    case 'ENOENT':
      // Reached only after the parent was seen to exist: the parent refuses children.
      return `new folders or files cannot be made in ${at} (ENOENT: a special file system such as /proc or /sys, or a broken link)`;
    case 'ENOSPC':
      return `no space left on the disk of ${at} (ENOSPC)`;
    case 'EDQUOT':
      return `disk quota exceeded in ${at} (EDQUOT)`;
    case 'ENAMETOOLONG':
      return `the path is too long (ENAMETOOLONG)`;
    case 'ELOOP':
      return `too many symbolic links in ${at} (ELOOP)`;
    default:
      return `the system reported ${errno} at ${at}`;
  }
}

/** Why an input file cannot be read, from the system's error code. */
function readReason(errno: string): string {
  if (errno === 'EACCES' || errno === 'EPERM') return `no permission to read it (${errno})`;
  if (errno === 'EISDIR') return 'it is a folder (EISDIR)';
  return `the system reported ${errno}`;
}

/** How to make a file the chain cannot read into one it can, in the words of Word's and WPS's menus. */
const SAVE_AS_TEXT = 'open it in Word or WPS, choose Save As (另存为) → Plain Text (纯文本, *.txt) or Word Document (*.docx), and use the saved file instead';

/** The extension a name is taken by: `.docx` or `.txt`. */
export const inputExtension = (name: string): string => (/\.docx$/i.test(name) ? '.docx' : '.txt');

/** The name of each rule that cuts text, as the removal log on the web page shows it. */
const RULE_NAMES: Readonly<Record<string, string>> = {
  'whitespace/double-spacing': 'double spacing',
  'page-number/running-header': 'running header or footer',
  'whitespace/invisible': 'invisible characters',
  'paywall-marker/paid-section': 'paywall marker',
  'page-number/page-line': 'page number',
  'bracketed-advert/junk-before-wrapped-tag': 'junk before a wrapped advert tag',
  'bracketed-advert/search-tag': '“search for more” advert tag',
  'bracketed-advert/site-name': 'document-site name',
  'bracketed-advert/advert-label': 'advert label',
  'bracketed-advert/search-tag-alt-brackets': 'advert tag in other brackets',
  'whitespace/hard-wrap': 'hard line break',
  'advert-line/promotion': 'promotional line',
  'advert-block/footer-neighbour': 'advert footer line',
  'whitespace/indent': 'indentation',
  'whitespace/trailing': 'trailing spaces',
  'whitespace/beside-cjk-punctuation': 'space beside Chinese punctuation',
  'whitespace/blank-lines': 'extra blank lines',
  'whitespace/leading-lines': 'blank lines before the text',
  'whitespace/trailing-lines': 'blank lines after the text',
  'outside-reports/cover': 'cover line',
  'outside-reports/table-of-contents': 'table of contents',
  'outside-reports/piece-number': 'piece number',
  'outside-reports/title-without-text': 'title without text',
  'site-header/breadcrumb': 'breadcrumb trail',
  'site-header/welcome': 'site welcome line',
  'site-header/toolbar': 'navigation and toolbar',
  'site-header/site-name': 'site name or advert',
  'site-header/above-title': 'category line above the title',
  'page-meta/meta-line': 'date, source and views line',
  'page-meta/meta-neighbour': 'line beside the meta lines',
  'site-insert/editor-blurb': "editor's blurb",
  'site-insert/disclaimer': 'disclaimer or copyright notice',
  'site-insert/truncation': 'paywall or preview notice',
  'site-insert/related-list': 'related links',
  'site-insert/page-end': 'page end',
  'title/repeated': 'repeated title',
  'title/seo-tag': 'site tag on the title',
  'title/piece-label': 'piece label',
  'title/count': 'piece count',
  'html-debris/block-tag': 'HTML block tag',
  'html-debris/inline-tag': 'HTML inline tag',
  'markdown/heading-mark': 'Markdown heading mark',
  'markdown/emphasis': 'Markdown emphasis',
  'viewer-layer/chunk-number': "document viewer's chunk number",
  'viewer-layer/page-footer': 'page footer inside a word',
  'viewer-layer/preview-snippet': 'preview snippet repeating the opening',
  'viewer-layer/flattened-break': 'line break restored in a flattened paragraph',
  'viewer-layer/lost-break': 'line break restored where a text layer lost it without a space',
  'converter-pinyin/annotation': "script converter's pinyin",
  'watermark/stray-mark': 'anti-copy mark',
  'watermark/dash-line': 'dash line where a page broke',
  'punctuation/half-width-mark': 'half-width mark made full-width',
  'punctuation/half-width-bracket': 'half-width bracket made full-width',
};

export const en = {
  // ── Input errors (lib/errors.ts InputErrorCode) ──────────────────────────────────────────────
  /** `size` > 0 means the file holds only white space. */
  EMPTY: (p: { size?: number; format?: string }) =>
    p.format === 'docx'
      ? 'the Word document holds no text; check that it is the right file, or export the report text again'
      : typeof p.size === 'number' && p.size > 0
      ? 'the file contains only white space; export the report text again'
      : 'the file is empty (0 bytes); export the report text again',
  /**
   * `limitOption`: how the reader raises the limit (the CLI's `--max-size`); absent where the
   * reader cannot (an upload to the chain or the web page), which only says to split the file.
   */
  TOO_LARGE: (p: { size?: number; limit?: number; limitOption?: string }) => {
    const fix = p.limitOption ? `split it or raise ${p.limitOption}` : 'split it into smaller files';
    return typeof p.size === 'number' && typeof p.limit === 'number'
      ? `the file is ${megabytes(p.size)}, over the ${megabytes(p.limit)} limit; ${fix}`
      : `the file is over the size limit; ${fix}`;
  },
  TOO_MANY_LINES: (p: { lines?: number; limit?: number }) =>
    `the text has ${p.lines ?? 'too many'} lines after cleaning, more than the ${p.limit ?? 500000} one conversion handles (a real compilation of 20 MB has about 40,000); split the file or check that it is report text`,
  TOO_MANY_REPORTS: (p: { reports?: number; limit?: number }) =>
    `the text splits into ${p.reports ?? 'too many'} reports, more than the ${p.limit ?? 5000} one upload converts; upload it as several files of at most ${p.limit ?? 5000} reports each (report-press convert on your own computer has no such limit)`,
  /**
   * `cause`: `nul` (NUL bytes), `suspect` (`share` of the characters are control, private-use or
   * replacement characters), `no-letters` (only `share` are letters or digits), `control` (records
   * of older versions).
   */
  BINARY: (p: { cause?: string; share?: number }) => {
    const fix = 'upload the report as a plain .txt file';
    switch (p.cause) {
      case 'nul':
        return `the file contains NUL bytes, so it is binary data rather than text; ${fix}`;
      case 'suspect':
        if (typeof p.share !== 'number') break;
        return `the file does not look like text (${percent(p.share)} of its characters are control, private-use or replacement characters); ${fix}`;
      case 'no-letters':
        if (typeof p.share !== 'number') break;
        return `the file does not look like text (${p.share === 0 ? 'none' : `only ${percent(p.share)}`} of its characters are letters or digits); ${fix}`;
      case 'control':
        return `the file is mostly control characters, so it is binary data rather than text; ${fix}`;
    }
    return `the file is binary data rather than text; ${fix}`;
  },
  /**
   * `cause` says what the decoder found, with `encoding` (and `other`) the encodings' names:
   * `bom` and `invalid`, an invalid byte sequence near byte `offset`; `mixed`, parts in `encoding`
   * and parts in `other`; `mixed-at`, a stretch near `line` that does not read as `encoding`
   * (`fault`: `suspect` or `not-chinese`, with the `share` of such characters there); `not-chinese`,
   * no encoding reads as Chinese (`fault`: `no-words`, or `rare-characters` with the `share` of
   * common ones). Without a cause (records of older versions), `offset` alone.
   */
  UNDECODABLE: (p: { cause?: string; encoding?: string; other?: string; offset?: number; line?: number; fault?: string; share?: number }) => {
    const resave = 're-save it as UTF-8';
    const share = percent(p.share ?? 0);
    switch (p.cause) {
      case 'bom':
        return `the file starts with a ${p.encoding} byte-order mark but has an invalid byte sequence near byte ${p.offset}; ${resave}`;
      case 'invalid':
        return `the text looks like ${p.encoding} but has an invalid byte sequence near byte ${p.offset}; ${resave}`;
      case 'mixed':
        return `the file mixes encodings (parts read as ${p.encoding}, others as ${p.other}); re-save it in one encoding, UTF-8`;
      case 'mixed-at': {
        const there =
          p.fault === 'suspect'
            ? `${share} of the characters there are control, private-use or replacement characters`
            : `only ${share} of the characters there are common Chinese ones`;
        return `the text reads as ${p.encoding} except near line ${p.line} (${there}), so the file may mix encodings; re-save it in one encoding, UTF-8`;
      }
      case 'not-chinese': {
        const detail = p.fault === 'no-words' ? 'its characters form almost no Chinese words' : `only ${share} of its non-ASCII characters are common Chinese ones`;
        return `the text does not read as Chinese in UTF-8, GB18030, Big5 or UTF-16 (read as ${p.encoding}, the closest, ${detail}); open it in an editor that shows it correctly and ${resave}`;
      }
    }
    return typeof p.offset === 'number'
      ? `the text is neither UTF-8 nor GB18030 (invalid byte sequence near byte ${p.offset}); ${resave}`
      : `the text is neither UTF-8 nor GB18030; ${resave}`;
  },
  /** `stage`: `clean` (nothing after removing adverts) or `split` (no report found). */
  /** `stage`: `clean` (all of it cut), `split`, or `too-little` (a few characters, none Chinese: `characters`). */
  NOTHING_LEFT: (p: { stage?: string; characters?: number }) =>
    p.stage === 'split'
      ? 'no report text was found after cleaning'
      : p.stage === 'too-little'
      ? `the file holds only ${count(p.characters ?? 0, 'character')} and no Chinese, which is not report text; check that it is the file you meant`
      : 'nothing is left after removing adverts and paywall markers; check that this is the report text and not only a page footer',

  LEGACY_WORD: () => `the file is a Word 97–2003 document (.doc) or another older Office or WPS file, which cannot be read; ${SAVE_AS_TEXT}`,
  /** `cause`: what the reader said (English). */
  UNREADABLE_DOCX: (p: { cause?: string }) =>
    `the file is a ZIP archive but not a Word document (.docx) that can be read${p.cause ? ` (${p.cause})` : ''}; ${SAVE_AS_TEXT}`,

  // ── File errors (lib/errors.ts FileErrorCode) ────────────────────────────────────────────────
  NOT_FOUND: () => 'no such file',
  NOT_A_FILE: () => 'not a regular file or a folder',
  UNREADABLE: (p: { errno: string }) => `cannot be read: ${readReason(p.errno)}`,
  /** `subfolders`: folders not searched (only without --recursive). */
  NO_TEXT_FILES: (p: { skipped: number; subfolders: number }) => {
    const notes = [p.skipped > 0 ? `${count(p.skipped, 'other file')} skipped` : '', p.subfolders > 0 ? `add --recursive to search its ${count(p.subfolders, 'subfolder')}` : ''];
    const note = notes.filter(Boolean).join('; ');
    return `no .txt or .docx files in this folder${note ? ` (${note})` : ''}`;
  },
  DUPLICATE_NAME: (p: { first: string; folder: string }) =>
    `has the same name as ${p.first}, so both would write to ${p.folder}/; rename one of them or convert them in separate calls`,
  /** `action`: `create` (a folder) or `write` (a file). */
  UNWRITABLE: (p: { action: string; path: string; errno: string; at: string }) =>
    `${p.action === 'create' ? 'cannot create the folder' : 'cannot write'} ${p.path}: ${fsReason(p)}`,

  // ── Warnings (lib/warnings.ts WarningCode) ───────────────────────────────────────────────────
  TOC_ENTRY_MISSING: (p: { text?: string }) =>
    `the table of contents lists “${p.text ?? ''}”, but no report with that title was found; check whether it is missing from the input or merged into the report before it`,
  /** `text`: the line; `title`: the report it was left in. */
  TITLE_IN_BODY: (p: { text?: string; title?: string }) =>
    p.title === undefined
      ? `a line shaped like a report title (“${p.text ?? ''}”) is inside the report; if it opens another report, put a blank line before it`
      : `“${p.text ?? ''}” looks like the title of another report but was left inside report “${p.title}”; if it is one, put a blank line before it`,
  /** `text`: the report's title; `size`: its characters; `median`: the others' median; `factor`: the limit (3). */
  OVERSIZED_REPORT: (p: { text?: string; size?: number; median?: number; factor?: number }) =>
    p.size === undefined || p.median === undefined
      ? 'this report is far longer than the others; check that it is not several reports merged'
      : `report “${p.text ?? ''}” has ${p.size} characters, more than ${p.factor ?? 3}× the median of the others (${p.median}); check that it is not several reports merged`,
  /** `text`: the report's title. */
  EMPTY_REPORT: (p: { text?: string }) =>
    `the title “${p.text ?? ''}” has no text under it, so no report was made of it; check whether its text is missing from the input`,
  /** `text`: the title the report was given instead (the file's name). */
  NO_TITLE: (p: { text?: string }) =>
    `no title was found above this report's text, so it is named after the file (“${p.text ?? ''}”); add the title as the first line if it has one`,
  MISSING_GLYPH: (p: { text?: string }) =>
    `no embedded font has ${p.text ?? 'some characters'}, so they are blank on the PDF pages (the text layer still holds them)`,
  REPORT_IN_PARTS: (p: { text?: string; parts?: number }) =>
    `“${p.text ?? ''}” is longer than one document holds (${MAX_PART_LINES.toLocaleString('en')} lines, about ${MAX_PART_PAGES.toLocaleString('en')} pages), so it is written in ${typeof p.parts === 'number' ? `${p.parts} parts` : 'parts'}, “${p.text ?? ''}（1）”, “${p.text ?? ''}（2）” …; if it is several reports, give each its title on a line of its own so that they are split apart`,

  // ── The command line: results ────────────────────────────────────────────────────────────────
  'cli.converted': (p: { input: string; folder: string; reports: number; cuts: number; seconds: number }) =>
    `${p.input} → ${p.folder}/ (${count(p.reports, 'report')}, ${count(p.cuts, 'cut')}, ${p.seconds.toFixed(2)} s)`,
  /** The one closing line of a call with several inputs or a folder. */
  'cli.summary': (p: { files: number; converted: number; refused: number; reports: number }) =>
    `${count(p.files, 'file')}: ${p.converted} converted (${count(p.reports, 'report')})${p.refused > 0 ? `, ${p.refused} refused` : ''}`,
  /** Appended to the summary when folders were given: what was found in them. */
  'cli.summaryFound': (p: { found: number; folders: number; folder: string; skipped: number; subfolders: number }) =>
    `; ${count(p.found, '.txt or .docx file')} found in ${p.folders === 1 ? p.folder : `${p.folders} folders`}` +
    (p.skipped > 0 ? `, ${count(p.skipped, 'other file')} skipped` : '') +
    (p.subfolders > 0 ? `, ${count(p.subfolders, 'subfolder')} not searched (add --recursive)` : ''),
  'cli.warning': (p: { input: string; report?: number; line?: number; message: string }) => {
    const where = [p.report === undefined ? '' : `report ${p.report}`, p.line === undefined ? '' : `line ${p.line}`].filter(Boolean).join(', ');
    return `warning: ${p.input}${where ? ` (${where})` : ''}: ${p.message}`;
  },
  /** cli-progress format: `{bar}`, `{value}`, `{total}` and `{label}` are its placeholders. */
  'cli.progress': () => 'converting [{bar}] {value}/{total} reports  {label}',
  'cli.internalError': (p: { message: string }) =>
    `internal error: ${p.message} (set NODE_OPTIONS=--enable-source-maps and REPORT_PRESS_DEBUG=1 for a stack trace)`,
  'cli.version': (p: { version: string; node: string; platform: string }) => `report-press ${p.version} (Node.js ${p.node}, ${p.platform})`,
  /**
   * What `report-press dev` prints at start: where the server is, the local credentials (any AWS
   * CLI or SDK call needs them, or it stops at "Unable to locate credentials") and the commands.
   */
  'cli.devBanner': (p: { endpoint: string; dataDir: string; accessKeyId: string; secretAccessKey: string; region: string; eventSource: string }) => {
    const aws = `aws --endpoint-url ${p.endpoint}`;
    return [
      `report-press dev: S3-compatible server on ${p.endpoint} (objects kept in ${p.dataDir})`,
      '  buckets: input (upload .txt or .docx here) → work (intermediates) → output (status, manifests, documents, error records)',
      '  local credentials, not AWS ones (the server takes only requests signed with them); set them for the AWS CLI or an SDK:',
      `    export AWS_ACCESS_KEY_ID=${p.accessKeyId} AWS_SECRET_ACCESS_KEY=${p.secretAccessKey} AWS_DEFAULT_REGION=${p.region}`,
      `    ${aws} s3 cp report.txt s3://input/2024/report.txt`,
      `    ${aws} s3 cp s3://output/2024/report/status.json -   # running, done or failed`,
      `    ${aws} s3 ls --recursive s3://output/2024/report/   # manifest.json and NN-<title>.docx/.pdf, or error.json`,
      `    ${aws} s3 sync s3://output/ out/`,
      `  a finished job prints "⚑ ${p.eventSource} Job Finished {…}", the event EventBridge carries on AWS.`,
      '  Ctrl-C stops the server; unfinished jobs resume on the next start.',
    ].join('\n');
  },
  'cli.devWebPage': (p: { url: string }) => `report-press dev: web page on ${p.url} (upload .txt or .docx files in the browser; API and page as deployed)`,
  'cli.devStopping': () => 'stopping: letting running stages finish…',
  'cli.devStopped': (p: { dir: string }) => `stopped; objects are kept in ${p.dir}`,

  // ── The command line: usage errors (commander's and ours) ───────────────────────────────────
  'usage.unknownOption': (p: { option: string }) => `error: unknown option '${p.option}'`,
  'usage.unknownCommand': (p: { command: string }) => `error: unknown command '${p.command}'`,
  'usage.didYouMean': (p: { suggestions: string; several: boolean }) =>
    p.several ? `(Did you mean one of ${p.suggestions}?)` : `(Did you mean ${p.suggestions}?)`,
  'usage.missingArgument': (p: { name: string }) => `error: missing required argument '${p.name}'`,
  'usage.optionMissingArgument': (p: { option: string }) => `error: option '${p.option}' argument missing`,
  'usage.excessArguments': (p: { expected: number; got: number }) =>
    `error: too many arguments. Expected ${count(p.expected, 'argument')} but got ${p.got}.`,
  'usage.invalidOptionArgument': (p: { option: string; value: string; reason: string }) =>
    `error: option '${p.option}' argument '${p.value}' is invalid: ${p.reason}`,
  'usage.other': (p: { message: string }) => p.message,
  'usage.seeHelp': () => '(run with --help for usage)',
  'usage.megabytes': () => 'give a positive number of megabytes, e.g. 20',
  'usage.minutes': () => 'give a positive number of minutes, e.g. 60',
  'usage.formats': (p: { value: string }) => `use docx, pdf or docx,pdf (got ${p.value === '' ? 'nothing' : `"${p.value}"`})`,
  'usage.profile': (p: { value: string; choices: string }) => `use one of ${p.choices} (got "${p.value}")`,
  'usage.port': () => 'give a TCP port from 0 to 65535',
  'usage.lang': (p: { value: string }) => `use zh or en (got "${p.value}")`,

  // ── The command line: help ───────────────────────────────────────────────────────────────────
  'help.usage': () => 'Usage:',
  /** What follows the command's name on the usage line: option and command placeholders in the help's language, arguments as the 参数 list names them. */
  'help.programUsage': () => '[options] [command]',
  'help.convertUsage': () => '[options] <input...>',
  'help.devUsage': () => '[options]',
  'help.arguments': () => 'Arguments:',
  'help.options': () => 'Options:',
  'help.globalOptions': () => 'Global Options:',
  'help.commands': () => 'Commands:',
  /** Appended to an option's description as it is (it brings its own leading space). */
  'help.default': (p: { value: string }) => ` (default: ${p.value})`,
  'help.program': () => 'Raw Chinese text in, clean GB/T 9704 official documents (DOCX and PDF) out.',
  'help.version': () => 'print the version (include it in support requests)',
  'help.help': () => 'show help for a command',
  'help.helpCommand': () => 'show help for a command',
  'help.lang': () => 'language of messages and help: zh or en (default: from LC_ALL / LC_MESSAGES / LANG)',
  'help.convert': () => 'clean, split and typeset .txt and .docx files into DOCX and PDF documents',
  'help.convertInput': () => '.txt files (UTF-8, UTF-16, GB18030 or Big5), Word documents (.docx), or folders of them',
  'help.out': () => 'output folder; each input gets <dir>/<name>/ with manifest.json and NN-<title>.docx/.pdf',
  'help.recursive': () => 'also convert the .txt and .docx files in subfolders of a folder input',
  'help.profile': (p: { choices: string }) => `style profile: ${p.choices}`,
  'help.format': () => 'formats to write: docx, pdf or docx,pdf',
  'help.maxSize': () => 'refuse inputs larger than this many megabytes',
  'help.author': () => 'author written into the documents\' properties (default: the report\'s author line, else none)',
  'help.json': () => 'print a machine-readable summary on stdout',
  'help.noProgress': () => 'never show a progress bar',
  'help.explain': () => 'also write explain.json: the rule behind every cut, line break and report boundary, with its line',
  'help.convertAfter': () =>
    [
      'A folder input converts the .txt and .docx files in it (with --recursive, in its subfolders too):',
      'DIR/sub/name.txt is written to <out>/sub/name/; a file given by itself to <out>/name/.',
      'A Word 97-2003 .doc cannot be read: save it as .txt or .docx first (Save As / 另存为).',
      '',
      'Exit status: 0 when every input converted, 1 when any input was refused or could not be',
      'written (each reason on stderr), 2 on usage errors, 3 on an internal error.',
      '',
      'Examples:',
      '  report-press convert samples/compilation.txt --out out/',
      '  report-press convert reports/ --recursive',
    ].join('\n'),
  'help.dev': () => 'run the Lambda chain locally against an embedded S3-compatible server on 127.0.0.1',
  'help.devPort': () => 'port of the S3 endpoint',
  'help.devDir': () => 'where the buckets are kept between runs',
  'help.devStall': () => 'minutes a job may go without progress before the sweep ends it (failed, STALLED)',
  'help.devWebPort': () => 'port of the web page (upload .txt and .docx files in the browser, download the documents)',
  'help.devAfter': () =>
    [
      'Upload a .txt to s3://input/… and find manifest.json and the documents under s3://output/…, e.g.',
      '  export AWS_ACCESS_KEY_ID=report-press AWS_SECRET_ACCESS_KEY=report-press AWS_DEFAULT_REGION=us-east-1',
      '  aws --endpoint-url http://127.0.0.1:4568 s3 cp report.txt s3://input/2024/report.txt',
      '  aws --endpoint-url http://127.0.0.1:4568 s3 ls s3://output/2024/report/',
      'Or open the web page it prints (http://127.0.0.1:4569/ by default) and drop .txt files on it.',
      'Only requests signed with these local credentials are accepted. Ctrl-C stops the server.',
    ].join('\n'),
  // ── The web page and its API (web/, lib/web/) ───────────────────────────────────────────────
  /** An error record of a stage that failed on every retry (record-failure). */
  STAGE_FAILED: () => 'a processing stage failed on every retry; upload the file again, and if it fails again, send its error.json to whoever runs report-press',
  /** An error record of the sweep (lib/pipeline/job-sweep.ts): `stage` is the one the job waited for. */
  STALLED: (p: { minutes: number; stage: string }) =>
    `the job made no progress for ${count(p.minutes, 'minute')} while waiting for the ${p.stage} stage, so it was stopped; upload the file again, and if it stalls again, send its error.json to whoever runs report-press`,
  /** A file name with nothing but dots before `.txt` (the chain's error.json, the API's refusal). */
  NO_NAME: (p: { name: string }) =>
    `“${p.name}” has no name before ${inputExtension(p.name)}, so no output folder can be named after it; rename the file (e.g. report${inputExtension(p.name)}) and upload it again`,
  KEY_TOO_LONG: (p: { bytes: number; limit: number }) =>
    `the object key is ${p.bytes} bytes long; the documents' keys beside it would pass S3's limit of 1,024 bytes, so only keys of up to ${p.limit} bytes are converted: upload it again under shorter folder or file names`,
  SIGN_IN_REQUIRED: () => 'sign in first: the request carries no valid token',
  NO_SUCH_JOB: (p: { jobId: string }) => `there is no job ${p.jobId} among your uploads; it may have been removed`,
  NO_SUCH_ROUTE: (p: { method: string; path: string }) => `the API has no ${p.method} ${p.path}`,
  BAD_REQUEST: () => 'the request must be JSON of the form { "name": "….txt", "bytes": 1234, "contentType": "text/plain" }',
  NOT_TXT: (p: { name: string }) =>
    /\.(?:doc|wps)$/i.test(p.name)
      ? `${p.name} is a Word 97–2003 or WPS file, which cannot be read; ${SAVE_AS_TEXT}`
      : `${p.name} is neither a .txt nor a .docx file; only plain-text reports and Word documents can be converted: ${SAVE_AS_TEXT}`,
  /**
   * The API's refusals of an upload are worded as the chain words the same failure (EMPTY,
   * TOO_LARGE), without the name: the page shows them under the file's name after 失败原因.
   */
  UPLOAD_EMPTY: (_p: { name: string }) => 'the file is empty (0 bytes); export the report text again',
  UPLOAD_TOO_LARGE: (p: { name: string; size: number; limit: number }) =>
    `the file is ${megabytes(p.size)}, over the ${megabytes(p.limit)} limit; split it into smaller files`,
  PROOF_NEEDS_TEXT: (p: { name: string }) =>
    `${p.name} is a Word document, and proofreading works on the text of a .txt upload; to proofread it, save it as Plain Text (另存为 → 纯文本, *.txt) and upload that`,
  NOT_PLAIN_TEXT: (p: { name: string; contentType: string }) => `the file is of type ${p.contentType}, not plain text; save the report as a .txt file`,
  /** The tab's title (also in web/index.html, shown before the script runs). */
  'web.title': () => 'report-press',
  'web.heading': () => 'report-press: raw text to official documents',
  'web.lead': () => 'Upload the .txt or .docx of a report or a compilation: adverts and paywall markers are removed, the reports are split and each is typeset as DOCX and PDF to GB/T 9704.',
  'web.drop': () => 'Drop .txt or .docx files here',
  'web.pick': () => 'Choose files',
  'web.dropHint': (p: { limit: number }) => `several at once if you like; at most ${megabytes(p.limit)} each`,
  'web.jobs': () => 'Jobs',
  'web.noJobs': () => 'No jobs yet: the files you upload appear here, and stay listed in this browser.',
  'web.forget': () => 'Remove from this list',
  /** Uploads the same file again as a new job (after a network failure, or a job the chain gave up on). */
  'web.retry': () => 'Try again',
  /** A job's state, as the badge shows it; `state` chooses the wording. */
  'web.state': (p: { state: string }) =>
    ({ loading: 'loading', uploading: 'uploading', waiting: 'waiting', cleaning: 'cleaning and splitting', rendering: 'rendering', publishing: 'publishing', done: 'done', failed: 'failed' })[p.state] ?? 'unknown state',
  'web.uploadProgress': (p: { sent: number; total: number }) => `${fileSize(p.sent)} of ${fileSize(p.total)} sent`,
  'web.renderProgress': (p: { done: number; total: number }) => `${p.done} of ${p.total} documents rendered`,
  'web.reportCount': (p: { reports: number }) => count(p.reports, 'report'),
  'web.pages': (p: { pages: number }) => count(p.pages, 'page'),
  'web.characters': (p: { characters: number }) => count(p.characters, 'character'),
  'web.downloadDocx': () => 'download DOCX',
  'web.downloadPdf': () => 'download PDF',
  'web.previewPdf': () => 'preview PDF',
  'web.downloadAll': () => 'download all (ZIP)',
  'web.zipping': (p: { done: number; total: number }) => `packing ${p.done} of ${p.total} documents…`,
  'web.zipFailed': (p: { status: number }) => `a document could not be fetched (HTTP ${p.status}); reload the page and try again`,
  'web.warnings': () => 'Check these',
  'web.warningAt': (p: { report?: number; line?: number }) =>
    [p.report === undefined ? '' : `report ${p.report}`, p.line === undefined ? '' : `line ${p.line}`].filter(Boolean).join(', ') || 'the whole input',
  'web.removals': (p: { removals: number; characters: number }) => `What was removed (${count(p.removals, 'cut')}, ${count(p.characters, 'character')})`,
  'web.removalsNone': () => 'Nothing was removed.',
  /** A family of cuts (see lib/text/clean-rules.ts CleanFamily); `family` chooses the wording. */
  'web.family': (p: { family: string }) =>
    ({
      'paywall-marker': 'Paywall markers',
      'page-number': 'Page numbers and running headers',
      'bracketed-advert': 'Bracketed adverts',
      'advert-line': 'Advert lines',
      'advert-block': 'Advert footers',
      whitespace: 'White space and line breaks',
      'converter-pinyin': 'Pinyin added by a script converter',
      watermark: 'Anti-copy watermarks',
      punctuation: 'Half-width punctuation made full-width',
      'viewer-layer': "A document viewer's text layer (chunk numbers, page footers, flattened paragraphs, preview snippets)",
      'html-debris': 'HTML tags served as text',
      markdown: 'Markdown marks served as text',
      'outside-reports': 'Outside every report (cover, table of contents, piece numbers)',
      'site-header': 'Site lines above the title (breadcrumbs, welcome lines, menus)',
      'page-meta': 'Meta lines (date, source, author, views)',
      'site-insert': 'Site inserts and page ends (blurbs, notices, related lists)',
      title: "The site's copies and labels of the title (tags, piece labels, counts)",
      'user-rule': 'Your own rules',
      correction: 'Your corrections',
    })[p.family] ?? 'Other cuts',
  /** The rule a cut was made by (see lib/text/rule-index.ts CUT_RULE_IDS); an unknown id is shown as it is. */
  'web.rule': (p: { ruleId: string }) => RULE_NAMES[p.ruleId] ?? p.ruleId,
  'web.familyCount': (p: { removals: number }) => count(p.removals, 'cut'),
  'web.removalLine': (p: { line: number }) => `line ${p.line}`,
  'web.whitespaceOnly': () => '(white space)',
  'web.failedReason': () => 'Why it failed',
  'web.uploadFailed': (p: { status: number }) => `the upload was refused (HTTP ${p.status}); try again`,
  'web.networkError': () => 'the network connection failed; check it and try again',
  'web.jobGone': () => 'this job is no longer there (removed, or uploaded by another account)',
  'web.signInTitle': () => 'Sign in',
  'web.username': () => 'User name or e-mail',
  'web.password': () => 'Password',
  'web.newPassword': () => 'New password',
  'web.newPasswordHint': () => 'This is your first sign-in: choose a new password (at least 8 characters with upper and lower case letters, a digit and a symbol).',
  'web.signIn': () => 'Sign in',
  'web.setPassword': () => 'Set the password and sign in',
  'web.signOut': () => 'Sign out',
  'web.signInFailed': (p: { reason: string }) => `sign-in failed: ${p.reason}`,
  'web.moreRemovals': (p: { count: number }) => `and ${count(p.count, 'more cut')} of this kind`,
  'web.loading': () => 'loading…',
  ...correctionsEn,
} satisfies Codes;

/** Every code a user can meet must have a message: the compiler checks these keys are present. */
type Codes = { readonly [K in InputErrorCode | FileErrorCode | WarningCode | WebErrorCode | StageErrorCode | KeyErrorCode | CorrectionsErrorCode | UserRulesErrorCode]: (params: never) => string } & {
  readonly [key: string]: (params: never) => string;
};
