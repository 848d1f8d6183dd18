// What `report-press convert` writes for an input — the built command, run as a user runs it: the
// reference the chain's outputs must match byte for byte (`npm test` builds the command first).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceStem, type Manifest } from '../../lib/convert.js';

export const FONT_DIR = fileURLToPath(new URL('../../assets/fonts/', import.meta.url));
const CLI = fileURLToPath(new URL('../../bin/report-press.js', import.meta.url));

export interface ReferenceOutputs {
  readonly manifest: Manifest;
  /** Every file beside the manifest (documents and the removal log) → bytes. */
  readonly documents: ReadonlyMap<string, Uint8Array>;
}

/**
 * What the CLI writes for `bytes` in a file named `fileName` last modified at `lastModified`: give it
 * the uploaded object's LastModified, the date the chain's documents carry.
 */
export async function referenceOutputs(bytes: Uint8Array, fileName: string, lastModified: Date): Promise<ReferenceOutputs> {
  const work = mkdtempSync(join(tmpdir(), 'report-press-reference-'));
  try {
    const input = join(work, fileName);
    writeFileSync(input, bytes);
    utimesSync(input, lastModified, lastModified);
    const result = spawnSync(process.execPath, [CLI, 'convert', input, '--out', join(work, 'out'), '--no-progress'], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`report-press convert failed on ${fileName}: ${result.stderr}`);
    const folder = join(work, 'out', sourceStem(fileName));
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as Manifest;
    const documents = new Map<string, Uint8Array>();
    for (const name of readdirSync(folder).sort()) {
      if (name !== 'manifest.json') documents.set(name, readFileSync(join(folder, name)));
    }
    return { manifest, documents };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
