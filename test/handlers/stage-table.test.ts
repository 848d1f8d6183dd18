import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BucketRole,
  ObjectEvent,
  STAGES,
  StageName,
  TriggerKind,
  keyMatchesPattern,
  keyPatternsOverlap,
  objectTriggers,
  stageMayWrite,
  stageNamed,
  stagesHandlingFailureOf,
  scheduleOf,
  stagesTriggeredBy,
  triggerFor,
  triggerKeyPattern,
  type StageDefinition,
} from '../../lib/pipeline/stages.js';
import { cleanedKey, errorKey, jobFactKey, jobFolder, JobFact, manifestKey, reportKey, statusKey } from '../../lib/pipeline/keys.js';
import { allWrites, cleanStep, renderStep, splitStep, type ObjectWrite, type StepResult } from '../../lib/pipeline/stage-steps.js';
import { GBT9704 } from '../../lib/render/style.js';
import { fontLibraryFrom } from '../../functions/fonts.js';
import { FONT_DIR } from '../integration/reference-outputs.js';

const writesTrigger = (writer: StageDefinition, listener: StageDefinition): boolean =>
  writer.targets.some((t) => objectTriggers(listener).some((trigger) => trigger.event === ObjectEvent.Created && t.bucket === trigger.bucket && keyPatternsOverlap(t.keyPattern, triggerKeyPattern(trigger))));

const job = { path: '2024/report', version: '1714557600-9e107d9d372bb6826bd81d3542a419d6' };
const stored = (key: string, body: Uint8Array) => ({ key, body, size: body.byteLength, etag: '9e107d9d372bb6826bd81d3542a419d6', lastModified: new Date('2024-05-01T10:00:00Z') });

describe('the stage table', () => {
  it('runs clean, split, both renders, the publisher, record-failure and the sweep, each from its own handler module', () => {
    expect(STAGES.map((s) => s.name)).toEqual([StageName.Clean, StageName.Split, StageName.RenderDocx, StageName.RenderPdf, StageName.Publish, StageName.RecordFailure, StageName.Sweep]);
    expect(new Set(STAGES.map((s) => s.entry)).size).toBe(STAGES.length);
  });

  it('never lets a stage write where its own trigger listens, but the split going on with a compilation too large for one invocation', () => {
    for (const stage of STAGES) expect(writesTrigger(stage, stage), stage.name).toBe(stage.name === StageName.Split);
    const split = stageNamed(StageName.Split);
    const looping = split.targets.filter((t) => writesTrigger({ ...split, targets: [t] }, split));
    expect(looping.map((t) => t.keyPattern)).toEqual(['cleaned/*.from-*.json']);
  });

  it('never writes to the input bucket, and leaves the output bucket to the publisher and the sweep, which settles through the publisher’s code', () => {
    const targets = STAGES.flatMap((s) => [...s.targets, ...s.deletes].map((t) => [s.name, t.bucket]));
    expect(targets.filter(([, bucket]) => bucket === BucketRole.Input)).toEqual([]);
    expect(new Set(targets.filter(([, bucket]) => bucket === BucketRole.Output).map(([name]) => name))).toEqual(new Set([StageName.Publish, StageName.Sweep]));
    expect(STAGES.filter((s) => s.publishesJobEvents).map((s) => s.name)).toEqual([StageName.Publish, StageName.Sweep]);
  });

  it('queues the publisher’s job facts and hands them over in batches, but an upload or a removal at once, and every other stage’s events one by one', () => {
    expect(STAGES.filter((s) => s.queue).map((s) => s.name)).toEqual([StageName.Publish]);
    const queued = (key: string, bucket: BucketRole, event: ObjectEvent = ObjectEvent.Created) => triggerFor(stageNamed(StageName.Publish), bucket, key, event)?.queued === true;
    expect([queued(jobFactKey(job, JobFact.Plan), BucketRole.Work), queued(`${jobFolder(job)}01.${'a'.repeat(64)}.docx`, BucketRole.Work)]).toEqual([true, true]);
    expect([queued('2024/report.txt', BucketRole.Input), queued('2024/report.txt', BucketRole.Input, ObjectEvent.Removed)]).toEqual([false, false]);
    expect(STAGES.filter((s) => s.name !== StageName.Publish).flatMap((s) => objectTriggers(s)).filter((t) => t.queued)).toEqual([]);
    const queue = stageNamed(StageName.Publish).queue;
    // A batch waits at least a second (SQS takes more than 10 messages only then), and two may run at once on AWS at least.
    expect(queue?.batchWindowSeconds).toBeGreaterThanOrEqual(1);
    expect(queue?.maxConcurrency).toBeGreaterThanOrEqual(2);
    expect(queue?.batchSize).toBeGreaterThan(10);
  });

  it('runs the sweep on a clock, and nothing else', () => {
    expect(STAGES.filter((s) => scheduleOf(s)).map((s) => [s.name, scheduleOf(s)?.everyMinutes])).toEqual([[StageName.Sweep, 10]]);
    expect(objectTriggers(stageNamed(StageName.Sweep))).toEqual([]);
  });

  it('forms a chain whose only loop is the split’s continuation: every converting stage records facts the publisher reacts to', () => {
    const next = (stage: StageDefinition) => STAGES.filter((other) => writesTrigger(stage, other)).map((s) => s.name);
    expect(Object.fromEntries(STAGES.map((s) => [s.name, next(s)]))).toEqual({
      clean: ['split', 'publish'],
      split: ['split', 'render-docx', 'render-pdf', 'publish'],
      'render-docx': ['publish'],
      'render-pdf': ['publish'],
      publish: [],
      'record-failure': ['publish'],
      sweep: ['publish'],
    });
  });

  it('delivers one work object to both renderers through EventBridge, and the rest as S3 notifications', () => {
    const triggered = stagesTriggeredBy(BucketRole.Work, reportKey(job, 1));
    expect(triggered.map((s) => [s.name, objectTriggers(s)[0]?.kind])).toEqual([
      ['render-docx', TriggerKind.EventBridge],
      ['render-pdf', TriggerKind.EventBridge],
    ]);
    expect(stagesTriggeredBy(BucketRole.Input, '2024/report.txt').map((s) => [s.name, triggerFor(s, BucketRole.Input, '2024/report.txt')?.kind])).toEqual([
      ['clean', TriggerKind.Notification],
      ['publish', TriggerKind.EventBridge],
    ]);
    expect(stagesTriggeredBy(BucketRole.Work, cleanedKey(job)).map((s) => s.name)).toEqual(['split']);
  });

  it('has the publisher hear every job fact, every upload and every removed input', () => {
    expect(stagesTriggeredBy(BucketRole.Work, jobFactKey(job, JobFact.Plan)).map((s) => s.name)).toEqual(['publish']);
    expect(stagesTriggeredBy(BucketRole.Input, '2024/..txt').map((s) => s.name)).toEqual(['clean', 'publish']);
    expect(stagesTriggeredBy(BucketRole.Input, '2024/report.docx').map((s) => s.name)).toEqual(['clean', 'publish']);
    expect(stagesTriggeredBy(BucketRole.Input, '2024/report.txt', ObjectEvent.Removed).map((s) => s.name)).toEqual(['publish']);
    expect(stagesTriggeredBy(BucketRole.Input, '2024/report.docx', ObjectEvent.Removed).map((s) => s.name)).toEqual(['publish']);
    expect(stagesTriggeredBy(BucketRole.Input, '2024/report.doc', ObjectEvent.Removed)).toEqual([]);
  });

  it('hands every stage’s failures after retries to record-failure, except record-failure’s own, the sweep’s (its next run is its retry) and the publisher’s (its queue redelivers, then parks them)', () => {
    for (const stage of STAGES) {
      const expected = stage.name === StageName.RecordFailure || stage.name === StageName.Sweep || stage.name === StageName.Publish ? [] : [StageName.RecordFailure];
      expect(stagesHandlingFailureOf(stage.name).map((s) => s.name), stage.name).toEqual(expected);
    }
  });

  it('triggers nothing for what users read, nor for uploads that are neither .txt nor .docx', () => {
    expect(stagesTriggeredBy(BucketRole.Output, manifestKey('2024/report'))).toEqual([]);
    expect(stagesTriggeredBy(BucketRole.Output, statusKey('2024/report'))).toEqual([]);
    expect(stagesTriggeredBy(BucketRole.Output, errorKey('2024/report'))).toEqual([]);
    expect(stagesTriggeredBy(BucketRole.Input, '2024/report.doc')).toEqual([]);
    expect(stagesTriggeredBy(BucketRole.Input, '2024/report.DOCX')).toEqual([]);
  });

  it('lets every converting stage record bad input as a job fact, and record-failure and the sweep a job that cannot finish', () => {
    for (const name of [StageName.Clean, StageName.Split, StageName.RenderDocx, StageName.RenderPdf, StageName.RecordFailure, StageName.Sweep]) {
      expect(stageMayWrite(stageNamed(name), BucketRole.Work, jobFactKey(job, JobFact.Error)), name).toBe(true);
    }
  });

  it('matches IAM-style key patterns: * is any run of characters, the rest literal', () => {
    expect(keyMatchesPattern('2024/a b/manifest.json', '*/manifest.json')).toBe(true);
    expect(keyMatchesPattern('manifest.json', '*/manifest.json')).toBe(false);
    expect(keyMatchesPattern('cleaned/x.json', 'cleaned/*')).toBe(true);
    expect(keyMatchesPattern('reports/x/01.json', 'reports/*/*.json')).toBe(true);
    expect(keyMatchesPattern('reports/01.pdf', 'reports/*/*.json')).toBe(false);
    expect(keyMatchesPattern('a.docx', 'a.docx')).toBe(true);
  });

  it('grants every write the converting steps make for a real compilation, as the deployed policies would', async () => {
    // prepare
    const bytes = readFileSync(join('test', 'fixtures', 'seeds', '001_ee58601975a31a3a.txt'));
    const fonts = fontLibraryFrom(FONT_DIR);
    const early: ObjectWrite[] = [];
    const write = async (w: ObjectWrite) => void early.push(w);
    // act: the chain's steps, one after another, as the stages run them
    const clean = await cleanStep()({ key: '2024/年度 汇编+1%.txt', object: stored('2024/年度 汇编+1%.txt', bytes), write });
    const cleaned = clean.writes.find((w) => w.key.startsWith('cleaned/'))!;
    const split = await splitStep({ profile: GBT9704.id })({ key: cleaned.key, object: stored(cleaned.key, cleaned.body), write });
    const report = allWrites(split).find((w) => w.key.startsWith('reports/'))!;
    const docx = await renderStep('docx', () => ({ profile: GBT9704 }))({ key: report.key, object: stored(report.key, report.body), write });
    const pdf = await renderStep('pdf', () => ({ profile: GBT9704, fonts }))({ key: report.key, object: stored(report.key, report.body), write });
    // assert
    const results: [StageName, StepResult][] = [
      [StageName.Clean, { ...clean, writes: [...early, ...clean.writes] }],
      [StageName.Split, split],
      [StageName.RenderDocx, docx],
      [StageName.RenderPdf, pdf],
    ];
    for (const [name, result] of results) {
      expect(result.writes.length, name).toBeGreaterThan(0);
      for (const w of allWrites(result)) expect(stageMayWrite(stageNamed(name), w.bucket, w.key), `${name} → ${w.key}`).toBe(true);
    }
  });
});
