/**
 * The deployed web page: static files in a private bucket behind CloudFront (origin access
 * control, HTTPS only, security headers), a Cognito user pool of admin-created users, and an HTTP
 * API (one Lambda, a JWT authorizer on every route of WEB_API_ROUTES) that hands out presigned URLs.
 *
 * Every URL the API presigns is signed with a user-scoped role assumed per request with the session
 * tag `user` = the caller's `sub`: that role's policy reaches only `users/${aws:PrincipalTag/user}/`
 * in the input and output buckets, so IAM itself keeps each user inside their own prefix, whatever
 * the API's code does. The API function's own role may do nothing but assume that role.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { bucketEnvironment } from '../functions/environment.js';
import { BUCKET_CORS, USER_ROLE_ACCESS, USER_SESSION_TAG, WEB_API_ROUTES, WebApiEnv, type WebConfig } from '../lib/web/api-contract.js';
import { CspDelivery, pageContentSecurityPolicy } from '../lib/web/page-csp.js';
import type { BucketRole } from '../lib/pipeline/stages.js';
import { buildWebPage } from '../web/build.js';
import { PROJECT_ROOT, handlerBundling } from './bundling.js';

export interface WebSiteProps {
  /** The chain's buckets: users upload to input and read from output, each under `users/<sub>/`. */
  readonly buckets: Readonly<Record<BucketRole, s3.Bucket>>;
  /** Where the site bucket's server access logs go (the stack's access-log bucket). */
  readonly accessLogsBucket: s3.IBucket;
  /** Retention of the web log groups (the API function's, the API's access log, the page deployment's). Default one month. */
  readonly logRetention?: logs.RetentionDays;
  /** Steady requests per second the API accepts, across all users. Default 20 (burst 2×). */
  readonly apiRateLimit?: number;
}

/** Every key below the signed-in user's prefix, as the user-scoped role's policy names it (the session tag is the id). */
export const USER_PREFIX = `users/\${aws:PrincipalTag/${USER_SESSION_TAG}}/`;
export const USER_PREFIX_PATTERN = `${USER_PREFIX}*`;

/** HTML the CSP `<meta>` goes after; the page's charset must stay in its first 1024 bytes. */
const CHARSET_META = /<meta charset=[^>]*>/i;

/** The built page has no `<meta charset>`, so there is nowhere safe to put the CSP. */
export class WebPageShapeError extends Error {
  constructor(file: string) {
    super(`${file} has no <meta charset="utf-8">; add one to web/index.html so the deployed page can carry its Content-Security-Policy after it.`);
    this.name = 'WebPageShapeError';
  }
}

export class WebSite extends Construct {
  readonly siteBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  readonly api: apigwv2.HttpApi;
  readonly apiFunction: NodejsFunction;
  /** The role every presigned URL is signed with, scoped to the caller's prefix by the session tag. */
  readonly userRole: iam.Role;
  /** `https://<distribution domain>`: the only origin CORS allows. */
  readonly siteOrigin: string;

  constructor(scope: Construct, id: string, props: WebSiteProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const logRetention = props.logRetention ?? logs.RetentionDays.ONE_MONTH;

    this.siteBucket = new s3.Bucket(this, 'SiteBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: 'site/',
      // Only the built page lives here, redeployed on every deploy; the deployment empties it on delete.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.distribution = this.addDistribution(stack);
    this.siteOrigin = `https://${this.distribution.distributionDomainName}`;

    this.userPool = this.addUserPool();
    this.userPoolClient = this.userPool.addClient('WebClient', {
      // A browser cannot keep a secret; the page signs in with InitiateAuth (USER_PASSWORD_AUTH).
      generateSecret: false,
      authFlows: { userPassword: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });

    const { fn, role } = this.addApiFunction(props, logRetention);
    this.apiFunction = fn;
    this.userRole = this.addUserRole(role, props.buckets);
    fn.addEnvironment(WebApiEnv.userRoleArn, this.userRole.roleArn);
    this.api = this.addApi(stack, props, logRetention);

    // Presigned requests go from the page straight to S3, so the buckets must answer its preflights.
    const methods = (names: readonly string[]) => names.map((name) => name as s3.HttpMethods);
    props.buckets.input.addCorsRule({
      allowedMethods: methods(BUCKET_CORS.input.methods),
      allowedOrigins: [this.siteOrigin],
      allowedHeaders: [...BUCKET_CORS.input.headers],
      exposedHeaders: ['ETag'],
      maxAge: 3600,
    });
    props.buckets.output.addCorsRule({
      allowedMethods: methods(BUCKET_CORS.output.methods),
      allowedOrigins: [this.siteOrigin],
      ...(BUCKET_CORS.output.headers.length > 0 ? { allowedHeaders: [...BUCKET_CORS.output.headers] } : {}),
      exposedHeaders: ['ETag', 'Content-Disposition'],
      maxAge: 3600,
    });

    this.deployPage(stack, props, logRetention);

    new CfnOutput(stack, 'SiteUrl', { value: this.siteOrigin, description: 'The web page: open it in a browser and sign in' });
    new CfnOutput(stack, 'UserPoolId', { value: this.userPool.userPoolId, description: 'Cognito user pool of the web page (create users with aws cognito-idp admin-create-user)' });
    new CfnOutput(stack, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId, description: 'Cognito app client the page signs in with' });
    new CfnOutput(stack, 'ApiUrl', { value: this.api.apiEndpoint, description: 'The web page’s HTTP API' });
  }

  private addDistribution(stack: Stack): cloudfront.Distribution {
    const region = stack.region;
    const suffix = stack.urlSuffix;
    // Any API or bucket of the region: the exact hosts are not known to the distribution (the
    // buckets' CORS and the API's name the distribution, so naming them here would be a cycle).
    // The page's own <meta> CSP (deployPage) narrows these to the stack's API and buckets.
    const s3Hosts = `https://*.s3.${region}.${suffix}`;
    const csp = pageContentSecurityPolicy({ connect: [`https://cognito-idp.${region}.${suffix}`, `https://*.execute-api.${region}.${suffix}`, s3Hosts], frame: [s3Hosts] });
    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'report-press web page: HSTS, CSP, no framing, no sniffing, no referrer',
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, preload: false, override: true },
        contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });

    const logBucket = new s3.Bucket(this, 'CdnLogsBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront's standard logs are written with an ACL grant, which owner-enforced buckets refuse.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
    });
    Validations.of(logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket receives the distribution’s standard access logs; logging it too would log the logging.',
    });

    const distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'report-press web page',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.siteBucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
      },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket,
      logFilePrefix: 'cloudfront/',
    });
    Validations.of(distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'The page is for the office staff wherever they travel; sign-in (Cognito) is the access control, not the viewer’s country.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason: 'The distribution serves three static files to signed-in staff; the API behind it is throttled and JWT-protected. A WAF web ACL costs more per month than the whole stack and is left to accounts that need one.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason: 'The distribution uses the default *.cloudfront.net certificate (no custom domain here), with which CloudFront does not allow a minimum viewer TLS version to be set.',
      },
    );
    return distribution;
  }

  private addUserPool(): cognito.UserPool {
    const pool = new cognito.UserPool(this, 'Users', {
      // Users are created by an administrator (README, "Deploy to AWS"); nobody can sign themselves up.
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      userInvitation: {
        emailSubject: 'report-press 账号',
        emailBody: '您的 report-press 账号已创建。用户名：{username}，临时密码：{####}。首次登录后请修改密码。',
      },
      mfa: cognito.Mfa.OFF,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(pool).acknowledge(
      {
        id: 'AwsSolutions-COG2',
        reason: 'The page signs in with USER_PASSWORD_AUTH and answers no MFA challenge; accounts are created by an administrator for known staff, with a 12-character mixed password policy.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason: 'The Plus feature plan (threat protection) is billed per monthly active user; the pool holds only accounts an administrator created, and the API is throttled.',
      },
    );
    return pool;
  }

  private addApiFunction(props: WebSiteProps, logRetention: logs.RetentionDays): { fn: NodejsFunction; role: iam.Role } {
    const logGroup = new logs.LogGroup(this, 'ApiFunctionLogGroup', { retention: logRetention, removalPolicy: RemovalPolicy.DESTROY });
    // Its only S3 access is through the user-scoped role (addUserRole): no bucket grant here.
    const role = new iam.Role(this, 'ApiFunctionRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'report-press web-api: may only assume the user-scoped role (and write its logs)',
    });
    logGroup.grantWrite(role);
    const fn = new NodejsFunction(this, 'ApiFunction', {
      description: 'report-press web-api: presigned uploads and downloads and job status for the web page',
      entry: join(PROJECT_ROOT, 'functions', 'web-api.ts'),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      bundling: handlerBundling(),
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      timeout: Duration.seconds(10),
      role,
      logGroup,
      environment: {
        ...bucketEnvironment(props.buckets),
        [WebApiEnv.allowedOrigin]: this.siteOrigin,
        POWERTOOLS_SERVICE_NAME: 'report-press',
        POWERTOOLS_LOG_LEVEL: 'INFO',
      },
    });
    return { fn, role };
  }

  /**
   * The role the API assumes per request with the session tag `user` = the caller's id. It trusts
   * only the API function's role, and only with that tag (and no other); its policy reaches only
   * the tagged user's prefix. Uploads are `.txt` only, as the chain accepts nothing else.
   */
  private addUserRole(apiRole: iam.Role, buckets: WebSiteProps['buckets']): iam.Role {
    const tag = `aws:RequestTag/${USER_SESSION_TAG}`;
    const userRole = new iam.Role(this, 'UserRole', {
      description: 'report-press web-api, per user: presigned uploads and downloads under users/<the session tag user>/ only',
      assumedBy: new iam.SessionTagsPrincipal(new iam.ArnPrincipal(apiRole.roleArn)).withConditions({
        StringLike: { [tag]: '?*' },
        'ForAllValues:StringEquals': { 'aws:TagKeys': [USER_SESSION_TAG] },
      }),
      maxSessionDuration: Duration.hours(1),
    });
    // What a session may do comes from the contract the API is written against (USER_ROLE_ACCESS).
    const inputWrites = USER_ROLE_ACCESS.input.writes.map((name) => `${USER_PREFIX}${name}`);
    userRole.addToPolicy(new iam.PolicyStatement({ actions: [...USER_ROLE_ACCESS.input.actions], resources: inputWrites.map((pattern) => buckets.input.arnForObjects(pattern)) }));
    userRole.addToPolicy(new iam.PolicyStatement({ actions: [...USER_ROLE_ACCESS.input.reads], resources: [buckets.input.arnForObjects(USER_PREFIX_PATTERN)] }));
    userRole.addToPolicy(new iam.PolicyStatement({ actions: [...USER_ROLE_ACCESS.output.actions], resources: [buckets.output.arnForObjects(USER_PREFIX_PATTERN)] }));
    const listed = (['input', 'output'] as const).filter((role) => USER_ROLE_ACCESS[role].list).map((role) => buckets[role].bucketArn);
    userRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: listed,
        conditions: { StringLike: { 's3:prefix': [USER_PREFIX_PATTERN] } },
      }),
    );
    apiRole.addToPolicy(new iam.PolicyStatement({ actions: ['sts:AssumeRole', 'sts:TagSession'], resources: [userRole.roleArn] }));

    const stack = Stack.of(this);
    for (const [bucket, pattern, action] of [
      [buckets.input, `${USER_PREFIX}*.txt`, 'upload .txt files'],
      [buckets.input, `${USER_PREFIX}*.corrections.json`, 'write the corrections of its own jobs'],
      [buckets.input, USER_PREFIX_PATTERN, 'read its own uploads, corrections and rules'],
      [buckets.output, USER_PREFIX_PATTERN, 'read'],
    ] as const) {
      const bucketId = stack.resolve((bucket.node.defaultChild as s3.CfnBucket).logicalId) as string;
      Validations.of(userRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${pattern.replace('${', '<').replace('}', '>')}]`,
        reason: `A session of this role may ${action} only under users/<its own session tag user>/; the wildcard is the rest of the key below the signed-in user’s prefix.`,
      });
    }
    return userRole;
  }

  private addApi(stack: Stack, props: WebSiteProps, logRetention: logs.RetentionDays): apigwv2.HttpApi {
    const authorizer = new HttpJwtAuthorizer('CognitoAuthorizer', `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`, {
      // The page sends the ID token, whose `aud` is the app client.
      jwtAudience: [this.userPoolClient.userPoolClientId],
    });
    const api = new apigwv2.HttpApi(this, 'Api', {
      apiName: `${stack.stackName}-web`,
      description: 'report-press web page API: presigned uploads and downloads, job status',
      corsPreflight: {
        allowOrigins: [this.siteOrigin],
        allowMethods: [apigwv2.CorsHttpMethod.GET, apigwv2.CorsHttpMethod.POST, apigwv2.CorsHttpMethod.PUT, apigwv2.CorsHttpMethod.OPTIONS],
        allowHeaders: ['authorization', 'content-type'],
        maxAge: Duration.hours(1),
      },
      defaultAuthorizer: authorizer,
      createDefaultStage: false,
    });
    const integration = new HttpLambdaIntegration('ApiIntegration', this.apiFunction);
    for (const route of WEB_API_ROUTES) api.addRoutes({ path: route.path, methods: [apigwv2.HttpMethod[route.method]], integration });

    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogGroup', { retention: logRetention, removalPolicy: RemovalPolicy.DESTROY });
    const rateLimit = props.apiRateLimit ?? 20;
    api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit, burstLimit: rateLimit * 2 },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            route: '$context.routeKey',
            status: '$context.status',
            bytes: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            user: '$context.authorizer.claims.sub',
            authorizerError: '$context.authorizer.error',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    return api;
  }

  /**
   * Builds the page (esbuild, at synth) and deploys it with its `/config.json`. Its `index.html`
   * gains a CSP `<meta>` naming the exact API and bucket hosts, which are known only at deploy
   * time: the deployment fills them in, and the header CSP of the distribution bounds them.
   */
  private deployPage(stack: Stack, props: WebSiteProps, logRetention: logs.RetentionDays): void {
    // Built into the cloud assembly, beside the assets CDK stages from it.
    const pageDir = buildWebPage(join(Stage.of(this)?.outdir ?? mkdtempSync(join(tmpdir(), 'report-press-web-')), 'web-page'));
    const html = readFileSync(join(pageDir, 'index.html'), 'utf8');
    const charset = CHARSET_META.exec(html);
    if (!charset) throw new WebPageShapeError(join(pageDir, 'index.html'));
    const bucketHost = (bucket: s3.IBucket) => `https://${bucket.bucketName}.s3.${stack.region}.${stack.urlSuffix}`;
    const csp = pageContentSecurityPolicy(
      { connect: [`https://cognito-idp.${stack.region}.${stack.urlSuffix}`, this.api.apiEndpoint, bucketHost(props.buckets.input), bucketHost(props.buckets.output)], frame: [bucketHost(props.buckets.output)] },
      CspDelivery.Meta,
    );
    const at = charset.index + charset[0].length;
    const page = `${html.slice(0, at)}<meta http-equiv="Content-Security-Policy" content="${csp}">${html.slice(at)}`;

    const config = {
      api: this.api.apiEndpoint,
      auth: { kind: 'cognito', region: stack.region, userPoolId: this.userPool.userPoolId, clientId: this.userPoolClient.userPoolClientId },
    } satisfies WebConfig;
    const deployment = new s3deploy.BucketDeployment(this, 'DeployPage', {
      destinationBucket: this.siteBucket,
      sources: [s3deploy.Source.asset(pageDir, { exclude: ['index.html'] }), s3deploy.Source.data('index.html', page), s3deploy.Source.jsonData('config.json', config)],
      // The file names carry no hash: browsers revalidate, and CloudFront drops its copies on deploy.
      cacheControl: [s3deploy.CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      prune: true,
      retainOnDelete: false,
      memoryLimit: 256,
      logGroup: new logs.LogGroup(this, 'DeployPageLogGroup', { retention: logRetention, removalPolicy: RemovalPolicy.DESTROY }),
    });
    acknowledgeDeploymentHandler(deployment, this.siteBucket);
  }
}

/** CDK's own handler that copies the page into the site bucket (not our code; aws-cdk-lib defines its role). */
function acknowledgeDeploymentHandler(deployment: s3deploy.BucketDeployment, siteBucket: s3.Bucket): void {
  const role = deployment.handlerRole;
  const siteBucketId = Stack.of(deployment).resolve((siteBucket.node.defaultChild as s3.CfnBucket).logicalId) as string;
  const why = 'CDK’s BucketDeployment handler, which copies the built page from the CDK asset bucket into the site bucket;';
  Validations.of(role).acknowledge(
    { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', reason: `${why} aws-cdk-lib gives its role the basic execution policy for its logs.` },
    { id: 'AwsSolutions-IAM5[Action::s3:GetObject*]', reason: `${why} aws-cdk-lib grants it read on the asset and site buckets.` },
    { id: 'AwsSolutions-IAM5[Action::s3:GetBucket*]', reason: `${why} aws-cdk-lib grants it read on the asset and site buckets.` },
    { id: 'AwsSolutions-IAM5[Action::s3:List*]', reason: `${why} it lists both buckets to sync and prune the page's files.` },
    { id: 'AwsSolutions-IAM5[Action::s3:DeleteObject*]', reason: `${why} it deletes files of an earlier page that the new one no longer has (prune).` },
    { id: 'AwsSolutions-IAM5[Action::s3:Abort*]', reason: `${why} it aborts its own failed multipart uploads into the site bucket.` },
    { id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]', reason: `${why} the assets it reads live in the bootstrap asset bucket, under content-hash keys.` },
    { id: `AwsSolutions-IAM5[Resource::<${siteBucketId}.Arn>/*]`, reason: `${why} it writes every file of the page, and only the site bucket holds the page.` },
    { id: 'AwsSolutions-IAM5[Resource::*]', reason: `${why} cloudfront:CreateInvalidation and GetInvalidation, which aws-cdk-lib grants on every distribution (the action has no narrower resource in its grant).` },
  );
  Validations.of(role.node.scope as Construct).acknowledge({
    id: 'AwsSolutions-L1',
    reason: 'CDK’s BucketDeployment handler (Python, with the AWS CLI layer); aws-cdk-lib picks its runtime, not this project.',
  });
}
