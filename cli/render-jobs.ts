/**
 * Rendering a list of reports by claiming them one at a time from a counter shared by every thread
 * that takes part: whoever is free takes the next report, so a late-starting thread simply claims
 * fewer. Each report renders to the same bytes wherever it runs; results are put back in order.
 */
import { DocumentFormat, renderStage } from '../lib/convert.js';
import type { Report } from '../lib/model/report.js';
import { PROFILES, type ProfileId } from '../lib/render/style.js';
import { fontLibrary } from './fonts.js';

/** What a thread needs to render its share of one input's reports. */
export interface RenderJob {
  readonly reports: readonly Report[];
  readonly formats: readonly DocumentFormat[];
  readonly profile: ProfileId;
  /** One Int32 slot: the index of the next unclaimed report. */
  readonly next: SharedArrayBuffer;
}

/** The documents of one report, one per format in the job's order. */
export interface RenderedReport {
  readonly index: number;
  readonly documents: Uint8Array[];
}

/**
 * Claims and renders reports of `job` until none is left, handing each to `done` as it finishes.
 * `stop` is checked before each claim so that a failing partner can end the run early.
 */
export async function renderClaimed(job: RenderJob, done: (rendered: RenderedReport) => void, stop: () => boolean = () => false): Promise<void> {
  const counter = new Int32Array(job.next);
  const profile = PROFILES[job.profile];
  const fonts = job.formats.includes(DocumentFormat.Pdf) ? fontLibrary() : undefined;
  while (!stop()) {
    const index = Atomics.add(counter, 0, 1);
    if (index >= job.reports.length) return;
    const report = job.reports[index]!;
    const documents: Uint8Array[] = [];
    for (const format of job.formats) documents.push(await renderStage(report, format, { profile, fonts }));
    done({ index, documents });
  }
}
