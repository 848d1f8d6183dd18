/**
 * The handler of every stage, built from its dependencies. The Lambda entries (clean.ts, split.ts,
 * render-docx.ts, render-pdf.ts, publish.ts, record-failure.ts, sweep.ts) build them from the environment;
 * the local dev server and the tests build them around the embedded S3 server.
 */
import { DocumentFormat, encodeJson } from '../lib/convert.js';
import type { JobEventSink } from '../lib/pipeline/job-events.js';
import type { SweepSettings } from '../lib/pipeline/sweep-settings.js';
import { parseCleanedKey, parseSplitSource, splitContinuationKey } from '../lib/pipeline/keys.js';
import { cleanStep, ContentType, renderStep, splitStep } from '../lib/pipeline/stage-steps.js';
import { BucketRole, StageName, stageNamed } from '../lib/pipeline/stages.js';
import type { FontLibrary } from '../lib/render/pdf/font-library.js';
import { GBT9704 } from '../lib/render/style.js';
import { DEFAULT_MAX_BYTES } from '../lib/text/decode.js';
import { createPublishHandler as publishHandler } from './publish-handler.js';
import { createRecordFailureHandler as recordFailureHandler } from './record-failure-handler.js';
import { createStageHandler, type FanOutContinuation, type StageHandler, type StageHandlerDeps } from './stage-handler.js';
import type { DocxReader } from '../lib/input-text.js';
import { createSweepHandler as sweepHandler } from './sweep-handler.js';

export interface HandlerDeps extends StageHandlerDeps {
  /** The PDF fonts, parsed on first call and reused (only the PDF stage calls it). */
  readonly fonts: () => FontLibrary;
  /** Where the publisher announces finished jobs. */
  readonly events: JobEventSink;
  /** Author in the documents' properties (render stages); unset, the renderers' default. */
  readonly author?: string;
  /** The sweep's stall time and look-back; unset, lib's defaults. */
  readonly sweep?: Partial<SweepSettings>;
  /**
   * How the clean stage reads a Word document (word-reader.ts); without it a .docx is refused.
   * Given by the clean entry alone, so that only its bundle carries mammoth.
   */
  readonly readDocx?: DocxReader;
}

/** The render options the stages share: the profile, and the author when one is configured. */
const renderOptions = (deps: Pick<HandlerDeps, 'author'>) => ({ profile, ...(deps.author ? { author: deps.author } : {}) });

const profile = GBT9704;

// The clean step refuses an input over the size limit while reading it; the handler refuses it from
// its size before reading it (DEFAULT_MAX_BYTES, the step's limit too).
export const createCleanHandler = (deps: StageHandlerDeps & Pick<HandlerDeps, 'readDocx'>): StageHandler =>
  createStageHandler(stageNamed(StageName.Clean), cleanStep(deps.readDocx ? { readDocx: deps.readDocx } : {}), deps, { maxSourceBytes: DEFAULT_MAX_BYTES });

/** The split's report objects that do not fit in one invocation are written by the next (keys.ts splitContinuationKey). */
const splitContinuation: FanOutContinuation = {
  parse: parseSplitSource,
  write(sourceKey, done) {
    const job = parseCleanedKey(sourceKey);
    if (!job) throw new Error(`"${sourceKey}" is not a cleaned-text key; the split reads only those`);
    return { bucket: BucketRole.Work, key: splitContinuationKey(job, done), body: encodeJson({ source: sourceKey, done }), contentType: ContentType.Json };
  },
};

export const createSplitHandler = (deps: StageHandlerDeps): StageHandler =>
  createStageHandler(stageNamed(StageName.Split), splitStep({ profile: profile.id }), deps, { continuation: splitContinuation });

export const createRenderDocxHandler = (deps: StageHandlerDeps & Pick<HandlerDeps, 'author'>): StageHandler =>
  createStageHandler(stageNamed(StageName.RenderDocx), renderStep(DocumentFormat.Docx, () => renderOptions(deps)), deps);

export const createRenderPdfHandler = (deps: HandlerDeps): StageHandler =>
  createStageHandler(stageNamed(StageName.RenderPdf), renderStep(DocumentFormat.Pdf, () => ({ ...renderOptions(deps), fonts: deps.fonts() })), deps);

export const createPublishHandler = (deps: HandlerDeps): StageHandler => publishHandler(deps);

export const createRecordFailureHandler = (deps: StageHandlerDeps): StageHandler => recordFailureHandler(deps);

export const createSweepHandler = (deps: HandlerDeps): StageHandler => sweepHandler(deps);

/** Every stage's handler factory, keyed by the stage table's names (the compiler checks none is missing). */
export const HANDLER_FACTORIES: { readonly [S in StageName]: (deps: HandlerDeps) => StageHandler } = {
  [StageName.Clean]: createCleanHandler,
  [StageName.Split]: createSplitHandler,
  [StageName.RenderDocx]: createRenderDocxHandler,
  [StageName.RenderPdf]: createRenderPdfHandler,
  [StageName.Publish]: createPublishHandler,
  [StageName.RecordFailure]: createRecordFailureHandler,
  [StageName.Sweep]: createSweepHandler,
};
