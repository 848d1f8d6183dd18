/**
 * The deployed chain: three buckets and one function per stage, wired from the stage table.
 * Input (users write) → clean → work `cleaned/` → split → work `reports/` → render DOCX and PDF
 * (EventBridge, one rule per target) → output (users read).
 */
import { join } from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { BucketRole, STAGES, TriggerKind, sourceKeyPattern, type StageDefinition, type StageName } from '../lib/pipeline/stages.js';
import { BucketEnv } from '../functions/environment.js';
import { PROJECT_ROOT, stageBundling } from './bundling.js';
import { STAGE_SIZING } from './stage-sizing.js';

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
}

/** What the stack builds for one stage. */
export interface StageResources {
  readonly fn: NodejsFunction;
  readonly deadLetterQueue: sqs.Queue;
  readonly alarm: cloudwatch.Alarm;
}

/** Retries of a failed asynchronous invocation before it goes to the dead-letter queue. */
const RETRY_ATTEMPTS = 2;
const MAX_EVENT_AGE = Duration.hours(6);

const titleCase = (name: string): string => name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase());

export class ReportPressStack extends Stack {
  readonly buckets: Readonly<Record<BucketRole, s3.Bucket>>;
  readonly stages: Readonly<Record<StageName, StageResources>>;

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
        encryption: s3.BucketEncryption.S3_MANAGED,
        enforceSSL: true,
        serverAccessLogsBucket: accessLogs,
        serverAccessLogsPrefix: `${role}/`,
        removalPolicy: RemovalPolicy.RETAIN,
        ...extra,
      });
    this.buckets = {
      input: bucket(BucketRole.Input, { versioned: true }),
      work: bucket(BucketRole.Work, {
        // Intermediates only; anything here can be rebuilt by uploading the input again.
        lifecycleRules: [{ expiration: Duration.days(props.workExpirationDays ?? 7) }],
        eventBridgeEnabled: true,
      }),
      output: bucket(BucketRole.Output, { versioned: true }),
    };

    const stages = {} as Record<StageName, StageResources>;
    for (const stage of STAGES) stages[stage.name] = this.addStage(stage, props);
    this.stages = stages;
    this.acknowledgeBucketNotificationsHandler();

    for (const role of Object.values(BucketRole)) {
      new CfnOutput(this, `${titleCase(role)}BucketName`, { value: this.buckets[role].bucketName, description: `The ${role} bucket` });
    }
  }

  private addStage(stage: StageDefinition, props: ReportPressStackProps): StageResources {
    const id = titleCase(stage.name);
    const sizing = STAGE_SIZING[stage.name];
    const source = this.buckets[stage.source.bucket];

    const deadLetterQueue = new sqs.Queue(this, `${id}DeadLetterQueue`, {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the stage (Lambda on-failure destination and EventBridge target DLQ).',
    });

    const logGroup = new logs.LogGroup(this, `${id}LogGroup`, {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // A role per function with exactly its stage's reads and writes (no managed policies).
    const role = new iam.Role(this, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `report-press ${stage.name}: ${stage.description}`,
    });
    logGroup.grantWrite(role);
    const readPattern = sourceKeyPattern(stage);
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [source.arnForObjects(readPattern)] }));
    const scoped = [{ bucket: source, pattern: readPattern }];
    for (const target of stage.targets) {
      const bucket = this.buckets[target.bucket];
      role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects(target.keyPattern)] }));
      scoped.push({ bucket, pattern: target.keyPattern });
    }
    for (const { bucket, pattern } of scoped) {
      const bucketId = this.resolve((bucket.node.defaultChild as s3.CfnBucket).logicalId) as string;
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${pattern}]`,
        reason: `The ${stage.name} stage reads or writes every object whose key matches ${pattern}, and only those; the wildcard is the key pattern of the stage table.`,
      });
    }

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
        [BucketEnv.input]: this.buckets.input.bucketName,
        [BucketEnv.work]: this.buckets.work.bucketName,
        [BucketEnv.output]: this.buckets.output.bucketName,
        POWERTOOLS_SERVICE_NAME: 'report-press',
        POWERTOOLS_LOG_LEVEL: 'INFO',
      },
      retryAttempts: RETRY_ATTEMPTS,
      maxEventAge: MAX_EVENT_AGE,
      onFailure: new SqsDestination(deadLetterQueue),
    });

    if (stage.trigger === TriggerKind.Notification) {
      source.addEventNotification(s3.EventType.OBJECT_CREATED, new LambdaDestination(fn), {
        ...(stage.source.prefix ? { prefix: stage.source.prefix } : {}),
        ...(stage.source.suffix ? { suffix: stage.source.suffix } : {}),
      });
    } else {
      new events.Rule(this, `${id}Rule`, {
        description: `report-press ${stage.name}: objects created in the ${stage.source.bucket} bucket matching ${readPattern}`,
        eventPattern: {
          source: ['aws.s3'],
          detailType: ['Object Created'],
          detail: { bucket: { name: [source.bucketName] }, object: { key: events.Match.wildcard(readPattern) } },
        },
        targets: [new targets.LambdaFunction(fn, { deadLetterQueue, retryAttempts: RETRY_ATTEMPTS, maxEventAge: MAX_EVENT_AGE })],
      });
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
    return { fn, deadLetterQueue, alarm };
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
