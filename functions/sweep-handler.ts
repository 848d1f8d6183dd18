/**
 * The sweep's handler: on every scheduled event (an EventBridge schedule rule on AWS, the dev
 * runner's timer locally), settle or fail the jobs nothing moves any more and put owed `Job
 * Finished` events (lib/pipeline/job-sweep.ts).
 */
import { EventShapeError } from '../lib/pipeline/object-events.js';
import { isScheduledEvent, type JobEventSink } from '../lib/pipeline/job-events.js';
import { sweepJobs } from '../lib/pipeline/job-sweep.js';
import type { SweepSettings } from '../lib/pipeline/sweep-settings.js';
import type { StageHandler, StageHandlerDeps } from './stage-handler.js';

export interface SweepHandlerDeps extends StageHandlerDeps {
  readonly events: JobEventSink;
  /** Stall time and look-back; unset, lib's defaults. */
  readonly sweep?: Partial<SweepSettings>;
}

/** The sweep stage's handler. */
export function createSweepHandler(deps: SweepHandlerDeps): StageHandler {
  return async (event) => {
    if (!isScheduledEvent(event)) throw new EventShapeError('expected a "Scheduled Event" from aws.events (the sweep’s schedule rule); check the trigger wiring');
    const started = performance.now();
    const outcome = await sweepJobs({ store: deps.store, buckets: deps.buckets, events: deps.events, now: deps.now, settings: deps.sweep });
    const acted = outcome.settled.length + outcome.stalled.length + outcome.announced.length;
    const log = acted > 0 ? deps.logger.warn.bind(deps.logger) : deps.logger.info.bind(deps.logger);
    log('swept', { ...outcome, durationMs: Math.round(performance.now() - started) });
    return { done: acted, rejected: 0, ignored: 0, gone: 0 };
  };
}
