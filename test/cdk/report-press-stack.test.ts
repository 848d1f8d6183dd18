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
import { STAGES, StageName, TriggerKind, objectTriggers, stagesHandlingFailureOf } from '../../lib/pipeline/stages.js';

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

  it('triggers clean on .txt and .docx uploads, the publisher on their removals, and split on cleaned/*.json through S3 notifications', () => {
    const txt = { Key: { FilterRules: [{ Name: 'suffix', Value: '.txt' }] } };
    const docx = { Key: { FilterRules: [{ Name: 'suffix', Value: '.docx' }] } };
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: ref(stack.buckets.input),
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          { Events: ['s3:ObjectCreated:*'], Filter: txt, LambdaFunctionArn: arn(stack.stages.clean.fn) },
          { Events: ['s3:ObjectCreated:*'], Filter: docx, LambdaFunctionArn: arn(stack.stages.clean.fn) },
          { Events: ['s3:ObjectRemoved:*'], Filter: txt, LambdaFunctionArn: arn(stack.stages.publish.fn) },
          { Events: ['s3:ObjectRemoved:*'], Filter: docx, LambdaFunctionArn: arn(stack.stages.publish.fn) },
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

  it('sends each report object to both renderers, every job fact to the publisher’s queue and every upload to the publisher, through one EventBridge rule per target', () => {
    const viaEventBridge = STAGES.filter((s) => objectTriggers(s).some((t) => t.kind === TriggerKind.EventBridge));
    expect(viaEventBridge.map((s) => s.name)).toEqual([StageName.RenderDocx, StageName.RenderPdf, StageName.Publish]);
    for (const [stage, bucket, patterns, queued] of [
      [StageName.RenderDocx, stack.buckets.work, ['reports/*.json'], false],
      [StageName.RenderPdf, stack.buckets.work, ['reports/*.json'], false],
      [StageName.Publish, stack.buckets.work, ['jobs/*/input.json', 'jobs/*/plan.json', 'jobs/*/error.json', 'jobs/*.docx', 'jobs/*.pdf'], true],
      [StageName.Publish, stack.buckets.input, ['*.txt', '*.docx'], false],
    ] as const) {
      const { fn, deadLetterQueue, queue } = stack.stages[stage];
      template.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: {
          source: ['aws.s3'],
          'detail-type': ['Object Created'],
          detail: { bucket: { name: [ref(bucket)] }, object: { key: patterns.map((wildcard) => ({ wildcard })) } },
        },
        // The publisher's job facts wait in its queue; uploads reach it, and the renderers their reports, at once.
        Targets: [Match.objectLike({ Arn: arn(queued ? queue! : fn), DeadLetterConfig: { Arn: arn(deadLetterQueue) }, RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }) })],
      });
    }
  });

  it('hands the publisher its queued events in batches, reports failed ones singly, and parks one that fails on every receive in its dead-letter queue', () => {
    const { fn, deadLetterQueue, queue } = stack.stages[StageName.Publish];
    const settings = STAGES.find((stage) => stage.name === StageName.Publish)?.queue;
    expect(settings).toBeDefined();
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: arn(queue!),
      FunctionName: ref(fn),
      BatchSize: settings?.batchSize,
      MaximumBatchingWindowInSeconds: settings?.batchWindowSeconds,
      ScalingConfig: { MaximumConcurrency: settings?.maxConcurrency },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      // Six times the function's timeout, so a batch still running is not received twice.
      VisibilityTimeout: STAGE_SIZING[StageName.Publish].timeoutSeconds * 6,
      RedrivePolicy: { deadLetterTargetArn: arn(deadLetterQueue), maxReceiveCount: settings?.maxReceives },
    });
    // No other stage has a queue or an event source mapping.
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    expect(STAGES.filter((stage) => stack.stages[stage.name].queue).map((stage) => stage.name)).toEqual([StageName.Publish]);
  });

  it('runs the sweep every 10 minutes on a schedule, with the stall time in its environment', () => {
    const { fn, deadLetterQueue } = stack.stages[StageName.Sweep];
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(10 minutes)',
      Targets: [Match.objectLike({ Arn: arn(fn), DeadLetterConfig: { Arn: arn(deadLetterQueue) }, RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 600 } })],
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('report-press sweep:'),
      Environment: { Variables: Match.objectLike({ REPORT_PRESS_STALL_MINUTES: '60' }) },
    });
    const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
    const quick = Template.fromStack(new ReportPressStack(app, 'ReportPressQuickSweep', { stallMinutes: 20 }));
    quick.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('report-press sweep:'),
      Environment: { Variables: Match.objectLike({ REPORT_PRESS_STALL_MINUTES: '20' }) },
    });
  });

  it('retries failed invocations twice, then hands them to the default event bus (record-failure’s own go straight to its queue)', () => {
    // A dead-letter queue per stage, and the publisher's queue.
    template.resourceCountIs('AWS::SQS::Queue', STAGES.length + 1);
    const defaultBus = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':event-bus/default']] };
    for (const stage of STAGES) {
      const { fn, deadLetterQueue } = stack.stages[stage.name];
      const handled = stagesHandlingFailureOf(stage.name).length > 0;
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: ref(fn),
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: handled ? defaultBus : arn(deadLetterQueue) } },
      });
      template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    }
  });

  it('routes each stage’s failed invocations to its dead-letter queue and to record-failure as { stage, failure }', () => {
    const failing = STAGES.filter((s) => stagesHandlingFailureOf(s.name).length > 0);
    expect(failing.map((s) => s.name)).toEqual([StageName.Clean, StageName.Split, StageName.RenderDocx, StageName.RenderPdf]);
    const recordFailure = stack.stages[StageName.RecordFailure];
    for (const stage of failing) {
      const { fn, deadLetterQueue } = stack.stages[stage.name];
      template.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: { source: ['lambda'], detail: { requestContext: { functionArn: [{ prefix: { 'Fn::Join': ['', [arn(fn), ':']] } }] } } },
        Targets: [
          { Arn: arn(deadLetterQueue), Id: 'Target0' },
          Match.objectLike({
            Arn: arn(recordFailure.fn),
            DeadLetterConfig: { Arn: arn(recordFailure.deadLetterQueue) },
            InputTransformer: { InputPathsMap: { detail: '$.detail' }, InputTemplate: `{"stage":"${stage.name}","failure":<detail>}` },
          }),
        ],
      });
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [ref(deadLetterQueue)],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Action: Match.arrayWith(['sqs:SendMessage']),
              Principal: { Service: 'events.amazonaws.com' },
              Condition: { ArnEquals: { 'aws:SourceArn': arn(stack.failureRules[stage.name]!) } },
            }),
          ]),
        },
      });
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

  it('keeps every bucket private, encrypted and TLS-only; versions input and output and expires their replaced versions; expires work', () => {
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
    for (const role of ['input', 'output'] as const) {
      expect(bucket(stack.buckets[role]).LifecycleConfiguration, role).toEqual({
        Rules: [{ NoncurrentVersionExpiration: { NoncurrentDays: 30 }, ExpiredObjectDeleteMarker: true, Status: 'Enabled' }],
      });
    }
  });

  it('lets each function read, write, delete and list exactly what its stage needs, and only the publisher and the sweep touch the output bucket', () => {
    const { input, work, output } = stack.buckets;
    const published = ['*/manifest.json', '*/status.json', '*/error.json', '*/removals.json', '*.docx', '*.pdf'];
    const get = (bucket: IConstruct, pattern: string) => ['s3:GetObject', objectsArn(bucket, pattern)];
    const put = (bucket: IConstruct, pattern: string) => ['s3:PutObject', objectsArn(bucket, pattern)];
    const del = (bucket: IConstruct, pattern: string) => ['s3:DeleteObject', objectsArn(bucket, pattern)];
    const list = (bucket: IConstruct) => ['s3:ListBucket', arn(bucket)];
    const expected: Record<StageName, unknown[][]> = {
      // Beside the upload it reads its corrections and its user's rules; listing makes a missing one a 404.
      clean: [
        get(input, '*.txt'),
        get(input, '*.docx'),
        get(input, '*.corrections.json'),
        get(input, 'users/*/rules.json'),
        put(work, 'cleaned/*'),
        put(work, 'jobs/*/input.json'),
        put(work, 'jobs/*/removals.json'),
        put(work, 'jobs/*/error.json'),
        list(input),
      ],
      split: [get(work, 'cleaned/*.json'), put(work, 'reports/*'), put(work, 'jobs/*/plan.json'), put(work, 'jobs/*/manifest.json'), put(work, 'cleaned/*.from-*.json'), put(work, 'jobs/*/error.json')],
      'render-docx': [get(work, 'reports/*.json'), put(work, 'jobs/*.docx'), put(work, 'jobs/*.docx.warnings.json'), put(work, 'jobs/*/error.json')],
      'render-pdf': [get(work, 'reports/*.json'), put(work, 'jobs/*.pdf'), put(work, 'jobs/*.pdf.warnings.json'), put(work, 'jobs/*/error.json')],
      publish: [
        get(input, '*.txt'),
        get(input, '*.docx'),
        get(work, 'jobs/*'),
        get(output, '*/status.json'),
        get(output, '*/manifest.json'),
        get(output, '*/error.json'),
        ...published.map((p) => put(output, p)),
        put(work, 'jobs/*/tally.json'),
        ...published.map((p) => del(output, p)),
        list(input),
        list(work),
        list(output),
      ],
      'record-failure': [get(input, '*.txt'), get(input, '*.docx'), put(work, 'jobs/*/error.json'), list(input)],
      // The sweep settles through the publisher's code, and records STALLED as a job fact.
      sweep: [
        get(input, '*.txt'),
        get(input, '*.docx'),
        get(work, 'jobs/*'),
        get(output, '*/status.json'),
        ...published.map((p) => put(output, p)),
        put(work, 'jobs/*/error.json'),
        ...published.map((p) => del(output, p)),
        list(input),
        list(work),
        list(output),
      ],
    };
    const policies = template.findResources('AWS::IAM::Policy');
    for (const stage of STAGES) {
      const role = stack.stages[stage.name].fn.role as IConstruct;
      const policy = Object.values(policies).find((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([ref(role)]));
      const statements = policy?.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[];
      const s3Statements = statements.filter((s) => String(s.Action).startsWith('s3:'));

      expect(s3Statements.map((s) => [s.Action, s.Resource]), stage.name).toEqual(expected[stage.name]);
      expect(statements.flatMap((s) => [s.Action].flat()).filter((a) => a.includes('*')), stage.name).toEqual([]);
    }
    const ourRoles = Object.values(template.findResources('AWS::IAM::Role')).filter((r) => String(r.Properties.Description).startsWith('report-press'));
    // One per stage, and the web API's two (its function's and the user-scoped role; test/cdk/web-site.test.ts).
    expect(ourRoles).toHaveLength(STAGES.length + 2);
    for (const role of ourRoles) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('lets the publisher, and the stages whose failures go to the bus, put events on the default bus only', () => {
    const policies = template.findResources('AWS::IAM::Policy');
    for (const stage of STAGES) {
      const role = stack.stages[stage.name].fn.role as IConstruct;
      const policy = Object.values(policies).find((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([ref(role)]));
      const events = (policy?.Properties.PolicyDocument.Statement as { Action: string; Resource: unknown }[]).filter((s) => String(s.Action).startsWith('events:'));
      const mayPut = stage.publishesJobEvents || stagesHandlingFailureOf(stage.name).length > 0;
      expect(events.map((s) => s.Action), stage.name).toEqual(mayPut ? ['events:PutEvents'] : []);
      for (const s of events) expect(JSON.stringify(s.Resource), stage.name).toMatch(/event-bus\/default/);
    }
  });

  it('keeps function logs for a month in a log group per function', () => {
    // One per stage, and the web site's: its API function's, the API's access log, the page deployment's.
    template.resourceCountIs('AWS::Logs::LogGroup', STAGES.length + 3);
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    for (const stage of STAGES) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Description: Match.stringLikeRegexp(`report-press ${stage.name}:`),
        LoggingConfig: { LogGroup: Match.anyValue() },
      });
    }
  });

  it('names the buckets, dead-letter queues, alarms, the publisher’s queue and the Job Finished event pattern in its outputs', () => {
    const outputs = Object.keys(template.findOutputs('*'));
    expect(outputs).toEqual(
      expect.arrayContaining([
        'InputBucketName',
        'WorkBucketName',
        'OutputBucketName',
        'JobFinishedEventPattern',
        ...['Clean', 'Split', 'RenderDocx', 'RenderPdf', 'Publish', 'RecordFailure', 'Sweep'].flatMap((s) => [`${s}DeadLetterQueueUrl`, `${s}DeadLetterAlarmName`]),
        'PublishQueueUrl',
      ]),
    );
  });

  it('gives the render functions, and only them, the documentAuthor as REPORT_PRESS_AUTHOR', () => {
    // prepare
    const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
    const authored = new ReportPressStack(app, 'ReportPressAuthored', { documentAuthor: '县委办公室' });
    const functions = Template.fromStack(authored).findResources('AWS::Lambda::Function');
    // act
    const authors = Object.fromEntries(
      STAGES.map((stage) => {
        const fn = Object.values(functions).find((f) => (f.Properties.Description as string).startsWith(`report-press ${stage.name}:`));
        return [stage.name, fn?.Properties.Environment.Variables.REPORT_PRESS_AUTHOR];
      }),
    );
    // assert
    expect(authors).toEqual(Object.fromEntries(STAGES.map((stage) => [stage.name, stage.name.startsWith('render') ? '县委办公室' : undefined])));
    // Without the prop no function has it: the renderers' default applies.
    expect(Object.values(template.findResources('AWS::Lambda::Function')).filter((f) => f.Properties.Environment?.Variables?.REPORT_PRESS_AUTHOR !== undefined)).toEqual([]);
  });

  it('names the pattern of the one event per finished job', () => {
    expect(JSON.parse(template.findOutputs('JobFinishedEventPattern').JobFinishedEventPattern?.Value)).toEqual({ source: ['report-press'], 'detail-type': ['Job Finished'] });
  });

  it('synthesises the same template as before, asset hashes aside', () => {
    const json = JSON.stringify(template.toJSON(), null, 1).replace(/[0-9a-f]{64}/g, '<asset-hash>');
    expect(JSON.parse(json)).toMatchSnapshot();
  });
});
