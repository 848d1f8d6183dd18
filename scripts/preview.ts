/**
 * Renders the pages of a PDF to PNG files, to look at what report-press produced.
 *
 *   npm run preview -- FILE.pdf [--out DIR] [--scale 1.5] [--embedded-only]
 *
 * Uses poppler's pdftoppm (apt-get install poppler-utils): it renders CID-keyed CFF subsets
 * faithfully, unlike pdf.js on node-canvas, and it is what score.py's pdftotext belongs to.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';

function positiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError('expected a positive number, e.g. 1.5');
  return number;
}

/** A fontconfig with no fonts at all: poppler can then only draw what the PDF embeds. */
function emptyFontconfig(dir: string): string {
  const file = join(dir, 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>${join(dir, 'none')}</dir><cachedir>${join(dir, 'cache')}</cachedir></fontconfig>\n`,
  );
  return file;
}

const program = new Command('preview')
  .description('Render the pages of a PDF to PNG files (page images named <name>-<page>.png).')
  .argument('<file>', 'the PDF to render')
  .option('--out <dir>', 'folder for the PNG files (default: <file without .pdf>-pages next to the PDF)')
  .option('--scale <factor>', 'size relative to 72 dpi: 1 = 72 dpi, 1.5 = 108 dpi', positiveNumber, 1.5)
  .option('--embedded-only', 'hide all system fonts, so a font the PDF fails to embed shows up as missing text', false)
  .addHelpText(
    'after',
    '\nNeeds poppler\'s pdftoppm on the PATH (Debian/Ubuntu: apt-get install poppler-utils).\n' +
      'Example: npm run preview -- out/report/01-述职报告.pdf --scale 2 --embedded-only',
  )
  .action((file: string, options: { out?: string; scale: number; embeddedOnly: boolean }) => {
    const pdf = resolve(file);
    const stem = basename(pdf, extname(pdf));
    const outDir = resolve(options.out ?? join(dirname(pdf), `${stem}-pages`));
    mkdirSync(outDir, { recursive: true });

    const work = mkdtempSync(join(tmpdir(), 'preview-'));
    const env = options.embeddedOnly ? { ...process.env, FONTCONFIG_FILE: emptyFontconfig(work) } : process.env;
    const result = spawnSync('pdftoppm', ['-png', '-r', String(Math.round(72 * options.scale)), pdf, join(outDir, stem)], {
      env,
      encoding: 'utf8',
    });
    rmSync(work, { recursive: true, force: true });

    if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
      console.error('preview: pdftoppm was not found; install poppler (apt-get install poppler-utils) and try again');
      process.exit(2);
    }
    if (result.stderr.trim() !== '') console.error(result.stderr.trim());
    if (result.status !== 0) {
      console.error(`preview: pdftoppm failed on ${file} (exit status ${result.status})`);
      process.exit(1);
    }
    const written = readdirSync(outDir)
      .filter((name) => name.startsWith(`${stem}-`) && /-\d+\.png$/u.test(name))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    for (const name of written) console.log(join(outDir, name));
  });

program.parse();
