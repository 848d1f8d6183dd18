import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportPressStack } from '../../cdk/report-press-stack.js';
import { STAGE_SIZING } from '../../cdk/stage-sizing.js';
import { STAGES, StageName, TriggerKind } from '../../lib/pipeline/stages.js';

let outdir: string;
let stack: ReportPressStack;
let template: Template;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'report-press-cdk-'));
  // No bundling here (fast); test/integration/bundles.test.ts builds the real bundles.
  const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
  stack = new ReportPressStack(app, 'ReportPressTest');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  app.synth(); // throws ValidationFailed on any unacknowledged cdk-nag finding
  template = Template.fromStack(stack);
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const logicalId = (construct: IConstruct): string => stack.getLogicalId(construct.node.defaultChild as never);
const ref = (construct: IConstruct) => ({ Ref: logicalId(construct) });
const arn = (construct: IConstruct) => ({ 'Fn::GetAtt': [logicalId(construct), 'Arn'] });
const objectsArn = (construct: IConstruct, pattern: string) => ({ 'Fn::Join': ['', [arn(construct), `/${pattern}`]] });

describe('the ReportPress stack', () => {
  it('passes the cdk-nag AWS Solutions checks with every acknowledgement explained', () => {
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as { pluginReports: { violations: unknown[] }[] };
    const acknowledgements = stack.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap((m) => Object.entries(m.data as Record<string, string>));

    expect(report.pluginReports.flatMap((p) => p.violations)).toEqual([]);
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledgements) expect(reason.length, id).toBeGreaterThan(30);
  });

  it('runs every stage on arm64 with the newest Node.js LTS runtime and its sizing', () => {
    for (const stage of STAGES) {
      const sizing = STAGE_SIZING[stage.name];
      template.hasResourceProperties('AWS::Lambda::Function', {
        Description: Match.stringLikeRegexp(`report-press ${stage.name}:`),
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: sizing.memoryMb,
        Timeout: sizing.timeoutSeconds,
        ReservedConcurrentExecutions: sizing.reservedConcurrency ?? Match.absent(),
        Environment: {
          Variables: Match.objectLike({
            INPUT_BUCKET: ref(stack.buckets.input),
            WORK_BUCKET: ref(stack.buckets.work),
            OUTPUT_BUCKET: ref(stack.buckets.output),
          }),
        },
      });
    }
    expect(STAGE_SIZING[StageName.RenderPdf].reservedConcurrency).toBeGreaterThan(0);
  });

  it('triggers clean on .txt uploads and split on cleaned/*.json through S3 notifications', () => {
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: ref(stack.buckets.input),
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          { Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'suffix', Value: '.txt' }] } }, LambdaFunctionArn: arn(stack.stages.clean.fn) },
        ],
      },
    });
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: ref(stack.buckets.work),
      NotificationConfiguration: {
        EventBridgeConfiguration: {},
        LambdaFunctionConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'suffix', Value: '.json' }, { Name: 'prefix', Value: 'cleaned/' }] } },
            LambdaFunctionArn: arn(stack.stages.split.fn),
          },
        ],
      },
    });
  });

  it('sends each report object to both renderers through one EventBridge rule per target', () => {
    const renderStages = STAGES.filter((s) => s.trigger === TriggerKind.EventBridge);
    expect(renderStages.map((s) => s.name)).toEqual([StageName.RenderDocx, StageName.RenderPdf]);
    template.resourceCountIs('AWS::Events::Rule', renderStages.length);
    for (const stage of renderStages) {
      const { fn, deadLetterQueue } = stack.stages[stage.name];
      template.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: {
          source: ['aws.s3'],
          'detail-type': ['Object Created'],
          detail: { bucket: { name: [ref(stack.buckets.work)] }, object: { key: [{ wildcard: 'reports/*.json' }] } },
        },
        Targets: [Match.objectLike({ Arn: arn(fn), DeadLetterConfig: { Arn: arn(deadLetterQueue) }, RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }) })],
      });
    }
  });

  it('retries failed invocations twice, then parks them in the stage’s own dead-letter queue', () => {
    template.resourceCountIs('AWS::SQS::Queue', STAGES.length);
    for (const stage of STAGES) {
      const { fn, deadLetterQueue } = stack.stages[stage.name];
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: ref(fn),
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: arn(deadLetterQueue) } },
      });
      template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    }
  });

  it('alarms as soon as anything waits in a dead-letter queue', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', STAGES.length);
    for (const stage of STAGES) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(stack.stages[stage.name].deadLetterQueue), 'QueueName'] } }],
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
    }
  });

  it('keeps every bucket private, encrypted and TLS-only; versions input and output; expires work', () => {
    const locked = {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    };
    const bucket = (construct: IConstruct) => template.toJSON().Resources[logicalId(construct)].Properties;
    for (const role of ['input', 'work', 'output'] as const) {
      expect(bucket(stack.buckets[role])).toMatchObject({ ...locked, LoggingConfiguration: { LogFilePrefix: `${role}/` } });
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: ref(stack.buckets[role]),
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
    }
    expect(bucket(stack.buckets.input).VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket(stack.buckets.output).VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket(stack.buckets.work).VersioningConfiguration).toBeUndefined();
    expect(bucket(stack.buckets.work).LifecycleConfiguration).toEqual({ Rules: [{ ExpirationInDays: 7, Status: 'Enabled' }] });
  });

  it('lets each function read only its source keys and write only its target keys', () => {
    const { input, work, output } = stack.buckets;
    const expected: Record<StageName, unknown[]> = {
      clean: [objectsArn(input, '*.txt'), objectsArn(work, 'cleaned/*'), objectsArn(output, '*/error.json')],
      split: [objectsArn(work, 'cleaned/*.json'), objectsArn(work, 'reports/*'), objectsArn(output, '*/removals.json'), objectsArn(output, '*/manifest.json'), objectsArn(output, '*/error.json')],
      'render-docx': [objectsArn(work, 'reports/*.json'), objectsArn(output, '*.docx'), objectsArn(output, '*/error.json')],
      'render-pdf': [objectsArn(work, 'reports/*.json'), objectsArn(output, '*.pdf'), objectsArn(output, '*/error.json')],
    };
    const policies = template.findResources('AWS::IAM::Policy');
    for (const stage of STAGES) {
      const role = stack.stages[stage.name].fn.role as IConstruct;
      const policy = Object.values(policies).find((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([ref(role)]));
      const statements = policy?.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[];
      const s3Statements = statements.filter((s) => String(s.Action).startsWith('s3:'));

      expect(s3Statements.map((s) => s.Resource), stage.name).toEqual(expected[stage.name]);
      expect(s3Statements.map((s) => s.Action), stage.name).toEqual(['s3:GetObject', ...Array(expected[stage.name].length - 1).fill('s3:PutObject')]);
      expect(statements.flatMap((s) => [s.Action].flat()).filter((a) => a.includes('*')), stage.name).toEqual([]);
    }
    const ourRoles = Object.values(template.findResources('AWS::IAM::Role')).filter((r) => String(r.Properties.Description).startsWith('report-press'));
    expect(ourRoles).toHaveLength(STAGES.length);
    for (const role of ourRoles) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('keeps function logs for a month in a log group per function', () => {
    template.resourceCountIs('AWS::Logs::LogGroup', STAGES.length);
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    for (const stage of STAGES) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Description: Match.stringLikeRegexp(`report-press ${stage.name}:`),
        LoggingConfig: { LogGroup: Match.anyValue() },
      });
    }
  });

  it('names the buckets, dead-letter queues and alarms in its outputs', () => {
    const outputs = Object.keys(template.findOutputs('*'));
    expect(outputs).toEqual(
      expect.arrayContaining([
        'InputBucketName',
        'WorkBucketName',
        'OutputBucketName',
        ...['Clean', 'Split', 'RenderDocx', 'RenderPdf'].flatMap((s) => [`${s}DeadLetterQueueUrl`, `${s}DeadLetterAlarmName`]),
      ]),
    );
  });

  it('synthesises the same template as before, asset hashes aside', () => {
    const json = JSON.stringify(template.toJSON(), null, 1).replace(/[0-9a-f]{64}/g, '<asset-hash>');
    expect(JSON.parse(json)).toMatchSnapshot();
  });
});
