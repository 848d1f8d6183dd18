import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BucketRole,
  STAGES,
  StageName,
  TriggerKind,
  keyMatchesPattern,
  keyPatternsOverlap,
  sourceKeyPattern,
  stageMayWrite,
  stageNamed,
  stagesTriggeredBy,
  type StageDefinition,
} from '../../lib/pipeline/stages.js';
import { cleanedKey, errorKey, manifestKey, reportKey } from '../../lib/pipeline/keys.js';
import { cleanStep, renderStep, splitStep, type StepResult } from '../../lib/pipeline/stage-steps.js';
import { GBT9704 } from '../../lib/render/style.js';
import { fontLibraryFrom } from '../../functions/fonts.js';
import { FONT_DIR } from '../integration/reference-outputs.js';

const writesTrigger = (writer: StageDefinition, listener: StageDefinition): boolean =>
  writer.targets.some((t) => t.bucket === listener.source.bucket && keyPatternsOverlap(t.keyPattern, sourceKeyPattern(listener)));

describe('the stage table', () => {
  it('runs clean, split and both renders, each from its own handler module', () => {
    expect(STAGES.map((s) => s.name)).toEqual([StageName.Clean, StageName.Split, StageName.RenderDocx, StageName.RenderPdf]);
    expect(new Set(STAGES.map((s) => s.entry)).size).toBe(STAGES.length);
  });

  it('never lets a stage write where its own trigger listens', () => {
    for (const stage of STAGES) expect(writesTrigger(stage, stage), stage.name).toBe(false);
  });

  it('never writes to the input bucket', () => {
    const targets = STAGES.flatMap((s) => s.targets);
    expect(targets.filter((t) => t.bucket === BucketRole.Input)).toEqual([]);
  });

  it('forms a chain without cycles: clean → split → both renders', () => {
    const next = (stage: StageDefinition) => STAGES.filter((other) => writesTrigger(stage, other)).map((s) => s.name);
    expect(Object.fromEntries(STAGES.map((s) => [s.name, next(s)]))).toEqual({
      clean: ['split'],
      split: ['render-docx', 'render-pdf'],
      'render-docx': [],
      'render-pdf': [],
    });
  });

  it('delivers one work object to both renderers through EventBridge, and the rest as S3 notifications', () => {
    const triggered = stagesTriggeredBy(BucketRole.Work, reportKey('2024/report', 1));
    expect(triggered.map((s) => [s.name, s.trigger])).toEqual([
      ['render-docx', TriggerKind.EventBridge],
      ['render-pdf', TriggerKind.EventBridge],
    ]);
    expect(stagesTriggeredBy(BucketRole.Input, '2024/report.txt').map((s) => s.trigger)).toEqual([TriggerKind.Notification]);
    expect(stagesTriggeredBy(BucketRole.Work, cleanedKey('2024/report')).map((s) => s.trigger)).toEqual([TriggerKind.Notification]);
  });

  it('triggers nothing for what users read, nor for uploads that are not .txt', () => {
    expect(stagesTriggeredBy(BucketRole.Output, manifestKey('2024/report'))).toEqual([]);
    expect(stagesTriggeredBy(BucketRole.Output, errorKey('2024/report'))).toEqual([]);
    expect(stagesTriggeredBy(BucketRole.Input, '2024/report.docx')).toEqual([]);
  });

  it('lets every stage record bad input in the output bucket', () => {
    for (const stage of STAGES) expect(stage.targets).toContainEqual({ bucket: BucketRole.Output, keyPattern: '*/error.json' });
  });

  it('matches IAM-style key patterns: * is any run of characters, the rest literal', () => {
    expect(keyMatchesPattern('2024/a b/manifest.json', '*/manifest.json')).toBe(true);
    expect(keyMatchesPattern('manifest.json', '*/manifest.json')).toBe(false);
    expect(keyMatchesPattern('cleaned/x.json', 'cleaned/*')).toBe(true);
    expect(keyMatchesPattern('reports/x/01.json', 'reports/*/*.json')).toBe(true);
    expect(keyMatchesPattern('reports/01.pdf', 'reports/*/*.json')).toBe(false);
    expect(keyMatchesPattern('a.docx', 'a.docx')).toBe(true);
  });

  it('grants every write the steps make for a real compilation, as the deployed policies would', async () => {
    // prepare
    const bytes = readFileSync(join('test', 'fixtures', 'seeds', '001_ee58601975a31a3a.txt'));
    const fonts = fontLibraryFrom(FONT_DIR);
    // act: the chain's steps, one after another, as the stages run them
    const clean = await cleanStep()({ key: '2024/年度 汇编+1%.txt', bytes });
    const cleaned = clean.writes[0]!;
    const split = await splitStep({ profile: GBT9704.id })({ key: cleaned.key, bytes: cleaned.body });
    const report = split.writes.find((w) => w.bucket === BucketRole.Work)!;
    const docx = await renderStep('docx', () => ({ profile: GBT9704 }))({ key: report.key, bytes: report.body });
    const pdf = await renderStep('pdf', () => ({ profile: GBT9704, fonts }))({ key: report.key, bytes: report.body });
    // assert
    const results: [StageName, StepResult][] = [
      [StageName.Clean, clean],
      [StageName.Split, split],
      [StageName.RenderDocx, docx],
      [StageName.RenderPdf, pdf],
    ];
    for (const [name, result] of results) {
      expect(result.writes.length, name).toBeGreaterThan(0);
      for (const write of result.writes) expect(stageMayWrite(stageNamed(name), write.bucket, write.key), `${name} → ${write.key}`).toBe(true);
    }
  });
});
