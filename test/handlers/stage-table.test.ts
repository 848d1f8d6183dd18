import { describe, expect, it } from 'vitest';
import {
  BucketRole,
  STAGES,
  StageName,
  TriggerKind,
  keyPatternsOverlap,
  sourceKeyPattern,
  stagesTriggeredBy,
  type StageDefinition,
} from '../../lib/pipeline/stages.js';
import { cleanedKey, errorKey, manifestKey, reportKey } from '../../lib/pipeline/keys.js';

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
});
