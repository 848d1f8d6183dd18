/**
 * The deployed chain: three buckets and one function per stage, wired from the stage table.
 * Input (users write) → clean → work `cleaned/` → split → work `reports/` → render DOCX and PDF
 * (EventBridge, one rule per target); every stage records facts under work `jobs/`, from which the
 * publisher writes what users read in the output bucket (status, documents, manifest, errors) and
 * announces finished jobs on the default event bus. A stage invocation that fails on every retry
 * goes to the default bus too (Lambda on-failure destination), where one rule per stage hands it to
 * the stage's dead-letter queue and to record-failure, which ends the job failed.
 */
import { join } from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { EventBridgeDestination, SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { LambdaDestination, SqsDestination as S3SqsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { JOB_EVENT_SOURCE, JobEventType } from '../lib/pipeline/job-events.js';
import {
  BucketRole,
  ObjectEvent,
  STAGES,
  StageName,
  TriggerKind,
  scheduleOf,
  stagesHandlingFailureOf,
  triggerKeyPattern,
  type FailureTrigger,
  type ObjectTrigger,
  type ScheduleTrigger,
  type StageDefinition,
} from '../lib/pipeline/stages.js';
import { DEFAULT_SWEEP_SETTINGS } from '../lib/pipeline/sweep-settings.js';
import { AUTHOR_ENV, bucketEnvironment, SWEEP_STALL_MINUTES_ENV } from '../functions/environment.js';
import { PROJECT_ROOT, stageBundling } from './bundling.js';
import { STAGE_SIZING } from './stage-sizing.js';
import { WebSite } from './web-site.js';

export interface ReportPressStackProps extends StackProps {
  /** Days before intermediates in the work bucket expire. Default 7. */
  readonly workExpirationDays?: number;
  /** Retention of every function's log group. Default one month. */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Reserved concurrency of the render functions; `false` leaves them unreserved (accounts with a
   * concurrency quota of 10 cannot reserve any). Default: the figures in stage-sizing.ts.
   */
  readonly reserveRenderConcurrency?: boolean;
  /** Author written into every document's properties (the render functions' REPORT_PRESS_AUTHOR). Default: each report's author line, else none. */
  readonly documentAuthor?: string;
  /** Days before replaced versions in the output bucket expire. Default 30. */
  readonly outputNoncurrentVersionDays?: number;
  /** Days before replaced (or deleted) uploads in the input bucket expire. Default 30. */
  readonly inputNoncurrentVersionDays?: number;
  /**
   * Minutes without a new fact after which the sweep settles a running job and, if it still runs,
   * fails it `STALLED` (the sweep function's REPORT_PRESS_STALL_MINUTES). Default 60.
   */
  readonly stallMinutes?: number;
}

/** The stages that write documents, and so take the author. */
const RENDER_STAGES: ReadonlySet<StageName> = new Set([StageName.RenderDocx, StageName.RenderPdf]);

/** What the stack builds for one stage. */
export interface StageResources {
  readonly fn: NodejsFunction;
  readonly deadLetterQueue: sqs.Queue;
  readonly alarm: cloudwatch.Alarm;
  /** Where the stage's object events wait, for a stage that takes them in batches (stages.ts `StageQueue`). */
  readonly queue?: sqs.Queue;
}

/**
 * How long a received message stays hidden from other receivers: six times the function's timeout,
 * as Lambda's guide for SQS event sources asks, so a batch still running is not handed out twice.
 */
const VISIBILITY_TIMEOUTS_PER_FUNCTION_TIMEOUT = 6;

/** Retries of a failed asynchronous invocation before it goes to the on-failure destination. */
const RETRY_ATTEMPTS = 2;
const MAX_EVENT_AGE = Duration.hours(6);

const titleCase = (name: string): string => name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase());

/** The `Job Finished` events users subscribe to (README, "Deploy to AWS"). */
export const JOB_FINISHED_PATTERN = { source: [JOB_EVENT_SOURCE], 'detail-type': [JobEventType.Finished] } as const;

export class ReportPressStack extends Stack {
  readonly buckets: Readonly<Record<BucketRole, s3.Bucket>>;
  readonly stages: Readonly<Record<StageName, StageResources>>;
  /** The rule per converting stage that routes its failed invocations to its dead-letter queue and record-failure. */
  readonly failureRules: Readonly<Partial<Record<StageName, events.Rule>>>;
  /** The web page, its user pool and its API (cdk/web-site.ts). */
  readonly web: WebSite;

  constructor(scope: Construct, id: string, props: ReportPressStackProps = {}) {
    super(scope, id, props);
    // Server access logs are delivered under a bucket policy, not ACLs (buckets enforce owner-only ACLs).
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);

    const accessLogs = new s3.Bucket(this, 'AccessLogsBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(90) }],
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket receives the other buckets’ server access logs; logging it too would log the logging.',
    });

    const bucket = (role: BucketRole, extra: Partial<s3.BucketProps>): s3.Bucket =>
      new s3.Bucket(this, `${titleCase(role)}Bucket`, {
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        // SSE-S3 keeps single-part ETags the MD5 of the bytes: the publisher compares them to tell
        // which documents are already in place (lib/pipeline/publish.ts).
        encryption: s3.BucketEncryption.S3_MANAGED,
        enforceSSL: true,
        serverAccessLogsBucket: accessLogs,
        serverAccessLogsPrefix: `${role}/`,
        removalPolicy: RemovalPolicy.RETAIN,
        ...extra,
      });
    // Replaced versions are kept long enough to recover from a mistake, not forever.
    const noncurrentExpiry = (days: number): s3.LifecycleRule => ({ noncurrentVersionExpiration: Duration.days(days), expiredObjectDeleteMarker: true });
    this.buckets = {
      input: bucket(BucketRole.Input, {
        versioned: true,
        lifecycleRules: [noncurrentExpiry(props.inputNoncurrentVersionDays ?? 30)],
        // The publisher hears every upload through EventBridge (clean through a notification).
        eventBridgeEnabled: true,
      }),
      work: bucket(BucketRole.Work, {
        // Intermediates only; anything here can be rebuilt by uploading the input again.
        lifecycleRules: [{ expiration: Duration.days(props.workExpirationDays ?? 7) }],
        eventBridgeEnabled: true,
      }),
      output: bucket(BucketRole.Output, {
        versioned: true,
        // status.json is rewritten as a job runs and replaced documents leave old versions.
        lifecycleRules: [noncurrentExpiry(props.outputNoncurrentVersionDays ?? 30)],
      }),
    };

    const stages = {} as Record<StageName, StageResources>;
    for (const stage of STAGES) stages[stage.name] = this.addStage(stage, props);
    this.stages = stages;
    const failureRules: Partial<Record<StageName, events.Rule>> = {};
    for (const stage of STAGES) {
      const viaEventBridge = new Map<BucketRole, ObjectTrigger[]>();
      for (const trigger of stage.triggers) {
        if (trigger.kind === TriggerKind.StageFailure) Object.assign(failureRules, this.addFailureRules(stage, trigger));
        else if (trigger.kind === TriggerKind.Schedule) this.addSchedule(stage, trigger);
        else if (trigger.kind === TriggerKind.Notification) this.addNotification(stage, trigger);
        else viaEventBridge.set(trigger.bucket, [...(viaEventBridge.get(trigger.bucket) ?? []), trigger]);
      }
      for (const [bucketRole, triggers] of viaEventBridge) this.addEventBridgeRule(stage, bucketRole, triggers);
    }
    this.failureRules = failureRules;
    this.acknowledgeBucketNotificationsHandler();

    for (const role of Object.values(BucketRole)) {
      new CfnOutput(this, `${titleCase(role)}BucketName`, { value: this.buckets[role].bucketName, description: `The ${role} bucket` });
    }
    this.web = new WebSite(this, 'Web', { buckets: this.buckets, accessLogsBucket: accessLogs, logRetention: props.logRetention });
    new CfnOutput(this, 'JobFinishedEventPattern', {
      value: JSON.stringify(JOB_FINISHED_PATTERN),
      description: 'EventBridge pattern (default bus) of the one event per finished job; attach a rule to be notified',
    });
  }

  private addStage(stage: StageDefinition, props: ReportPressStackProps): StageResources {
    const id = titleCase(stage.name);
    const sizing = STAGE_SIZING[stage.name];

    const deadLetterQueue = new sqs.Queue(this, `${id}DeadLetterQueue`, {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the stage (failed invocations after retries, and EventBridge deliveries that failed).',
    });

    const logGroup = new logs.LogGroup(this, `${id}LogGroup`, {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // A role per function with exactly its stage's reads, listings, writes and deletes (no managed policies).
    const role = new iam.Role(this, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `report-press ${stage.name}: ${stage.description}`,
    });
    logGroup.grantWrite(role);
    const grants: [string, StageDefinition['reads']][] = [
      ['s3:GetObject', stage.reads],
      ['s3:PutObject', stage.targets],
      ['s3:DeleteObject', stage.deletes],
    ];
    for (const [action, objectTargets] of grants) {
      for (const target of objectTargets) {
        const bucket = this.buckets[target.bucket];
        role.addToPolicy(new iam.PolicyStatement({ actions: [action], resources: [bucket.arnForObjects(target.keyPattern)] }));
        const bucketId = this.resolve((bucket.node.defaultChild as s3.CfnBucket).logicalId) as string;
        Validations.of(role).acknowledge({
          id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${target.keyPattern}]`,
          reason: `The ${stage.name} stage may ${action.replace('s3:', '').replace('Object', '').toLowerCase()} every object whose key matches ${target.keyPattern}, and only those; the wildcard is the key pattern of the stage table.`,
        });
      }
    }
    // Listing lets a HEAD or GET of a missing key answer 404 instead of 403, which the publisher
    // relies on to tell a deleted input from a forbidden one.
    for (const listed of stage.lists) role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.buckets[listed].bucketArn] }));

    const handledFailures = stagesHandlingFailureOf(stage.name).length > 0;
    const fn = new NodejsFunction(this, `${id}Function`, {
      description: `report-press ${stage.name}: ${stage.description}`,
      entry: join(PROJECT_ROOT, stage.entry),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      bundling: stageBundling(stage),
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: sizing.memoryMb,
      timeout: Duration.seconds(sizing.timeoutSeconds),
      reservedConcurrentExecutions: props.reserveRenderConcurrency === false ? undefined : sizing.reservedConcurrency,
      role,
      logGroup,
      environment: {
        ...bucketEnvironment(this.buckets),
        POWERTOOLS_SERVICE_NAME: 'report-press',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...(props.documentAuthor && RENDER_STAGES.has(stage.name) ? { [AUTHOR_ENV]: props.documentAuthor } : {}),
        ...(scheduleOf(stage) ? { [SWEEP_STALL_MINUTES_ENV]: String(props.stallMinutes ?? DEFAULT_SWEEP_SETTINGS.stallMinutes) } : {}),
      },
      retryAttempts: RETRY_ATTEMPTS,
      maxEventAge: MAX_EVENT_AGE,
      // A failure someone handles goes to the default bus, whose rule for this stage feeds both its
      // dead-letter queue and record-failure; record-failure's own failures go straight to its queue.
      onFailure: handledFailures ? new EventBridgeDestination() : new SqsDestination(deadLetterQueue),
    });
    if (stage.publishesJobEvents) {
      role.addToPolicy(new iam.PolicyStatement({ actions: ['events:PutEvents'], resources: [events.EventBus.fromEventBusName(this, `${id}DefaultBus`, 'default').eventBusArn] }));
    }

    // A queued stage's events wait in a queue and come in batches; one that fails on every receive
    // goes to the stage's dead-letter queue (the redrive), as a failed invocation's record does.
    let queue: sqs.Queue | undefined;
    if (stage.queue) {
      queue = new sqs.Queue(this, `${id}Queue`, {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(sizing.timeoutSeconds * VISIBILITY_TIMEOUTS_PER_FUNCTION_TIMEOUT),
        retentionPeriod: MAX_EVENT_AGE,
        deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: stage.queue.maxReceives },
      });
      fn.addEventSource(
        new SqsEventSource(queue, {
          batchSize: stage.queue.batchSize,
          maxBatchingWindow: Duration.seconds(stage.queue.batchWindowSeconds),
          maxConcurrency: stage.queue.maxConcurrency,
          reportBatchItemFailures: true,
        }),
      );
      new CfnOutput(this, `${id}QueueUrl`, { value: queue.queueUrl, description: `Queue of the ${stage.name} stage's events` });
    }

    const alarm = deadLetterQueue
      .metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM })
      .createAlarm(this, `${id}DeadLetterAlarm`, {
        alarmDescription: `report-press ${stage.name}: events failed after retries and wait in the dead-letter queue`,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });

    new CfnOutput(this, `${id}DeadLetterQueueUrl`, { value: deadLetterQueue.queueUrl, description: `Dead-letter queue of the ${stage.name} stage` });
    new CfnOutput(this, `${id}DeadLetterAlarmName`, { value: alarm.alarmName, description: `Alarm on the ${stage.name} dead-letter queue` });
    return { fn, deadLetterQueue, alarm, ...(queue ? { queue } : {}) };
  }

  /** An S3 notification from the trigger's bucket to the stage's function (or its queue). */
  private addNotification(stage: StageDefinition, trigger: ObjectTrigger): void {
    const { fn, queue } = this.stages[stage.name];
    const type = trigger.event === ObjectEvent.Created ? s3.EventType.OBJECT_CREATED : s3.EventType.OBJECT_REMOVED;
    this.buckets[trigger.bucket].addEventNotification(type, trigger.queued && queue ? new S3SqsDestination(queue) : new LambdaDestination(fn), {
      ...(trigger.prefix ? { prefix: trigger.prefix } : {}),
      ...(trigger.suffix ? { suffix: trigger.suffix } : {}),
    });
  }

  /** An EventBridge schedule rule that invokes the stage's function every `everyMinutes` minutes. */
  private addSchedule(stage: StageDefinition, trigger: ScheduleTrigger): void {
    const { fn, deadLetterQueue } = this.stages[stage.name];
    new events.Rule(this, `${titleCase(stage.name)}Schedule`, {
      description: `report-press ${stage.name}: every ${trigger.everyMinutes} minutes`,
      schedule: events.Schedule.rate(Duration.minutes(trigger.everyMinutes)),
      // A missed run is made good by the next one: no point retrying it for hours.
      targets: [new targets.LambdaFunction(fn, { deadLetterQueue, retryAttempts: RETRY_ATTEMPTS, maxEventAge: Duration.minutes(trigger.everyMinutes) })],
    });
  }

  /** One EventBridge rule per stage and bucket, matching any of the stage's key patterns there, to the function (or its queue). */
  private addEventBridgeRule(stage: StageDefinition, bucketRole: BucketRole, triggers: readonly ObjectTrigger[]): void {
    const { fn, deadLetterQueue, queue } = this.stages[stage.name];
    const patterns = triggers.map(triggerKeyPattern);
    if (triggers.some((t) => t.event !== ObjectEvent.Created)) throw new Error(`stage ${stage.name}: EventBridge triggers for removals are not wired (cdk/report-press-stack.ts)`);
    const queued = triggers.every((t) => t.queued) && queue !== undefined;
    if (!queued && triggers.some((t) => t.queued)) throw new Error(`stage ${stage.name}: the triggers of one bucket either all wait in the stage's queue or none does (cdk/report-press-stack.ts)`);
    // The work bucket's rules came first and keep their ids; a rule on another bucket names it.
    const id = `${titleCase(stage.name)}${bucketRole === BucketRole.Work ? '' : titleCase(bucketRole)}Rule`;
    new events.Rule(this, id, {
      description: `report-press ${stage.name}: objects created in the ${bucketRole} bucket matching ${patterns.join(' or ')}`,
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: { bucket: { name: [this.buckets[bucketRole].bucketName] }, object: { key: patterns.flatMap((p) => events.Match.wildcard(p)) } },
      },
      targets: [
        queued
          ? new targets.SqsQueue(queue, { deadLetterQueue, retryAttempts: RETRY_ATTEMPTS, maxEventAge: MAX_EVENT_AGE })
          : new targets.LambdaFunction(fn, { deadLetterQueue, retryAttempts: RETRY_ATTEMPTS, maxEventAge: MAX_EVENT_AGE }),
      ],
    });
  }

  /**
   * One rule per failed stage on the default bus, matching the invocation records its on-failure
   * destination puts there (source `lambda`, the function's ARN in `requestContext`): the record
   * goes to that stage's dead-letter queue as before, and to `handler` as `{ stage, failure }`.
   */
  private addFailureRules(handler: StageDefinition, trigger: FailureTrigger): Partial<Record<StageName, events.Rule>> {
    const rules: Partial<Record<StageName, events.Rule>> = {};
    const handling = this.stages[handler.name];
    for (const failed of trigger.stages) {
      const { fn, deadLetterQueue } = this.stages[failed];
      rules[failed] = new events.Rule(this, `${titleCase(failed)}FailureRule`, {
        description: `report-press ${failed}: invocations that failed on every retry → its dead-letter queue and ${handler.name}`,
        eventPattern: {
          source: ['lambda'],
          // The record names the version invoked (`…:function:<name>:$LATEST`); the prefix matches any.
          detail: { requestContext: { functionArn: events.Match.prefix(`${fn.functionArn}:`) } },
        },
        targets: [
          new targets.SqsQueue(deadLetterQueue),
          new targets.LambdaFunction(handling.fn, {
            event: events.RuleTargetInput.fromObject({ stage: failed, failure: events.EventField.fromPath('$.detail') }),
            deadLetterQueue: handling.deadLetterQueue,
            retryAttempts: RETRY_ATTEMPTS,
            maxEventAge: MAX_EVENT_AGE,
          }),
        ],
      });
    }
    return rules;
  }

  /** CDK's own handler that installs the S3 notification configuration (not our code). */
  private acknowledgeBucketNotificationsHandler(): void {
    const handler = this.node.tryFindChild('BucketNotificationsHandler050a0587b7544547bf325f094a3db834');
    if (!handler) return;
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'CDK’s BucketNotificationsHandler custom resource; its role and policies are defined by aws-cdk-lib.',
    });
  }
}
