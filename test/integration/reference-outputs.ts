// What `report-press convert` produces for an input, computed in-process with the lib stages: the
// reference the chain's outputs must match byte for byte.
import { fileURLToPath } from 'node:url';
import { cleanStage, renderStage, splitStage, type Manifest } from '../../lib/convert.js';
import { fontLibraryFrom } from '../../functions/fonts.js';
import { GBT9704 } from '../../lib/render/style.js';

export const FONT_DIR = fileURLToPath(new URL('../../assets/fonts/', import.meta.url));

export interface ReferenceOutputs {
  readonly manifest: Manifest;
  /** File name (as listed in the manifest) → bytes. */
  readonly documents: ReadonlyMap<string, Uint8Array>;
}

export async function referenceOutputs(bytes: Uint8Array, fileName: string): Promise<ReferenceOutputs> {
  const { reports, manifest } = splitStage(cleanStage(bytes, fileName), { profile: GBT9704.id });
  const fonts = fontLibraryFrom(FONT_DIR);
  const documents = new Map<string, Uint8Array>();
  for (const [i, report] of reports.entries()) {
    const entry = manifest.reports[i] as Manifest['reports'][number];
    documents.set(entry.docx, await renderStage(report, 'docx', { profile: GBT9704 }));
    documents.set(entry.pdf, await renderStage(report, 'pdf', { profile: GBT9704, fonts }));
  }
  return { manifest, documents };
}
