import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportPressStack } from '../../cdk/report-press-stack.js';
import { USER_PREFIX_PATTERN } from '../../cdk/web-site.js';
import { WEB_API_ROUTES } from '../../lib/web/api-contract.js';

let outdir: string;
let stack: ReportPressStack;
let template: Template;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'report-press-web-cdk-'));
  // No bundling and no built-in CloudFormation validation (fast): report-press-stack.test.ts
  // synthesises the same stack with both validations and the cdk-nag checks.
  const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
  stack = new ReportPressStack(app, 'ReportPressWebTest');
  app.synth();
  template = Template.fromStack(stack);
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const logicalId = (construct: IConstruct): string => stack.getLogicalId(construct.node.defaultChild as never);
const ref = (construct: IConstruct) => ({ Ref: logicalId(construct) });
const arn = (construct: IConstruct) => ({ 'Fn::GetAtt': [logicalId(construct), 'Arn'] });
const resource = (construct: IConstruct) => template.toJSON().Resources[logicalId(construct)] as { Properties: Record<string, unknown> };
const siteOrigin = () => ({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalId(stack.web.distribution), 'DomainName'] }]] });
const policyOf = (role: IConstruct) =>
  Object.values(template.findResources('AWS::IAM::Policy')).find((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([ref(role)]))?.Properties.PolicyDocument
    .Statement as { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown }[];

/**
 * Whether an identity policy's Allow statements let `user`'s session (session tag `user`) do
 * `action` on `key` of the bucket with logical id `bucket`: IAM's matching of object ARNs, with the
 * principal tag substituted and `*` matching any characters. Enough for the user-scoped role's
 * object statements, which have no conditions.
 */
function policyAllows(statements: { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown }[], request: { action: string; bucket: string; key: string; user: string }): boolean {
  const resources = (resource: unknown): unknown[] => (Array.isArray(resource) ? resource : [resource]);
  const matches = (resource: unknown) => {
    const parts = (resource as { 'Fn::Join'?: [string, [unknown, string]] })['Fn::Join']?.[1];
    if (!parts || JSON.stringify(parts[0]) !== JSON.stringify({ 'Fn::GetAtt': [request.bucket, 'Arn'] })) return false;
    const pattern = parts[1].slice(1).replaceAll('${aws:PrincipalTag/user}', request.user);
    const glob = new RegExp(`^${pattern.split('*').map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    return glob.test(request.key);
  };
  return statements.some(
    (s) => s.Effect === 'Allow' && s.Condition === undefined && (Array.isArray(s.Action) ? s.Action : [s.Action]).includes(request.action) && resources(s.Resource).some(matches),
  );
}

/** The CSP directives of a policy string, by name. */
const directives = (csp: string): Record<string, string[]> =>
  Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name as string, sources]));

/** A CloudFormation value as text: `{ Ref: X }` → `<X>`, `{ Fn::GetAtt: [X, Y] }` → `<X.Y>`, joins concatenated. */
function render(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as { Ref?: string; 'Fn::GetAtt'?: string[]; 'Fn::Join'?: [string, unknown[]] };
  if (v.Ref) return `<${v.Ref}>`;
  if (v['Fn::GetAtt']) return `<${v['Fn::GetAtt'].join('.')}>`;
  if (v['Fn::Join']) return v['Fn::Join'][1].map(render).join(v['Fn::Join'][0]);
  throw new Error(`cannot render ${JSON.stringify(value)}`);
}

/** The files the page deployment puts in the site bucket, with its deploy-time markers filled in as `<LogicalId>`. */
function deployedFiles(): Map<string, string> {
  const deployment = Object.values(template.findResources('Custom::CDKBucketDeployment'))[0]?.Properties as {
    SourceObjectKeys: string[];
    SourceMarkers?: Record<string, unknown>[];
  };
  const files = new Map<string, string>();
  deployment.SourceObjectKeys.forEach((key, i) => {
    const dir = join(outdir, `asset.${key.replace(/\.zip$/, '')}`);
    for (const name of readdirSync(dir)) {
      let text = readFileSync(join(dir, name), 'utf8');
      for (const [marker, value] of Object.entries(deployment.SourceMarkers?.[i] ?? {})) text = text.replaceAll(marker, render(value));
      files.set(name, text);
    }
  });
  return files;
}

describe('the web site of the ReportPress stack', () => {
  it('serves the page from a private bucket through CloudFront only: origin access control, HTTPS redirect, index.html at the root', () => {
    const { distribution, siteBucket } = stack.web;
    const config = resource(distribution).Properties.DistributionConfig as Record<string, unknown>;
    const [origin] = config.Origins as Record<string, unknown>[];
    const oac = Object.entries(template.findResources('AWS::CloudFront::OriginAccessControl'));

    expect(config).toMatchObject({ DefaultRootObject: 'index.html', Enabled: true, DefaultCacheBehavior: { ViewerProtocolPolicy: 'redirect-to-https', AllowedMethods: ['GET', 'HEAD'] } });
    expect(origin).toMatchObject({
      DomainName: { 'Fn::GetAtt': [logicalId(siteBucket), 'RegionalDomainName'] },
      OriginAccessControlId: { 'Fn::GetAtt': [oac[0]?.[0], 'Id'] },
      S3OriginConfig: { OriginAccessIdentity: '' },
    });
    expect(oac.map(([, r]) => r.Properties.OriginAccessControlConfig)).toEqual([
      expect.objectContaining({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' }),
    ]);
    expect(config.Logging).toMatchObject({ Prefix: 'cloudfront/' });
  });

  it('keeps the site bucket private: all public access blocked, no website hosting, readable by this distribution alone', () => {
    const { distribution, siteBucket } = stack.web;
    const bucket = resource(siteBucket).Properties;
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find((p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify(ref(siteBucket)));
    const statements = policy?.Properties.PolicyDocument.Statement as { Effect: string; Principal: unknown; Action: unknown; Condition?: unknown }[];
    const distributionArn = {
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudfront::', { Ref: 'AWS::AccountId' }, ':distribution/', ref(distribution)]],
    };

    expect(bucket).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      LoggingConfiguration: { LogFilePrefix: 'site/' },
    });
    expect(bucket.WebsiteConfiguration).toBeUndefined();
    expect(statements.filter((s) => s.Effect === 'Allow')).toEqual([
      expect.objectContaining({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject', Condition: { StringEquals: { 'AWS:SourceArn': distributionArn } } }),
    ]);
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
  });

  it('sends security headers with every page response: HSTS, a CSP bounded to the region’s API, S3 and Cognito hosts, no framing, no sniffing, no referrer', () => {
    const config = resource(stack.web.distribution).Properties.DistributionConfig as { DefaultCacheBehavior: { ResponseHeadersPolicyId: unknown } };
    const policies = Object.entries(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
    const [policyId, policy] = policies[0] ?? [];
    const headers = policy?.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig as Record<string, Record<string, unknown>>;
    const csp = directives(render(headers.ContentSecurityPolicy!.ContentSecurityPolicy));
    const regional = (service: string) => `https://${service}.<AWS::Region>.<AWS::URLSuffix>`;

    expect(policies).toHaveLength(1);
    expect(config.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: policyId });
    expect(headers).toMatchObject({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 31_536_000, IncludeSubdomains: true, Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ContentTypeOptions: { Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
      ContentSecurityPolicy: { Override: true },
    });
    expect(csp).toMatchObject({ 'default-src': ["'self'"], 'script-src': ["'self'"], 'object-src': ["'none'"], 'frame-ancestors': ["'none'"], 'base-uri': ["'none'"] });
    expect(csp['connect-src']).toEqual(["'self'", regional('cognito-idp'), regional('*.execute-api'), regional('*.s3')]);
    expect(csp['frame-src']).toEqual(["'self'", 'blob:', regional('*.s3')]);
  });

  it('narrows the page’s own CSP to this stack’s API and buckets, filled in at deploy time', () => {
    const { input, output } = stack.buckets;
    const html = deployedFiles().get('index.html') ?? '';
    const meta = /<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
    const csp = directives(meta?.[1] ?? '');
    const bucketHost = (bucket: IConstruct) => `https://<${logicalId(bucket)}>.s3.<AWS::Region>.<AWS::URLSuffix>`;

    expect(meta, html).not.toBeNull();
    expect(csp['connect-src']).toEqual([
      "'self'",
      'https://cognito-idp.<AWS::Region>.<AWS::URLSuffix>',
      `<${logicalId(stack.web.api)}.ApiEndpoint>`,
      bucketHost(input),
      bucketHost(output),
    ]);
    expect(csp['frame-src']).toEqual(["'self'", 'blob:', bucketHost(output)]);
  });

  it('deploys the built page with its config.json naming the API and the Cognito pool and client', () => {
    const files = deployedFiles();

    expect([...files.keys()].sort()).toEqual(['app.css', 'app.js', 'config.json', 'index.html']);
    expect(JSON.parse(files.get('config.json') ?? '')).toEqual({
      api: `<${logicalId(stack.web.api)}.ApiEndpoint>`,
      auth: { kind: 'cognito', region: '<AWS::Region>', userPoolId: `<${logicalId(stack.web.userPool)}>`, clientId: `<${logicalId(stack.web.userPoolClient)}>` },
    });
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: ref(stack.web.siteBucket),
      DistributionId: ref(stack.web.distribution),
      DistributionPaths: ['/*'],
      SystemMetadata: { 'cache-control': 'no-cache' },
    });
  });

  it('admits only users an administrator created, with a strong password, and signs the page in without a client secret', () => {
    const pool = resource(stack.web.userPool).Properties;
    const client = resource(stack.web.userPoolClient).Properties;

    expect(pool).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: { PasswordPolicy: { MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true } },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
    });
    expect(client).toMatchObject({ UserPoolId: ref(stack.web.userPool), GenerateSecret: false, AllowedOAuthFlowsUserPoolClient: false, PreventUserExistenceErrors: 'ENABLED' });
    expect(client.ExplicitAuthFlows).toEqual(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
  });

  it('puts every route of the API contract, and only those, behind the JWT authorizer of the user pool', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
    const authorizers = Object.entries(template.findResources('AWS::ApiGatewayV2::Authorizer'));
    const integrations = Object.entries(template.findResources('AWS::ApiGatewayV2::Integration'));
    const [authorizerId, authorizer] = authorizers[0] ?? [];
    const [integrationId, integration] = integrations[0] ?? [];

    expect([authorizers.length, integrations.length]).toEqual([1, 1]);
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(WEB_API_ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    for (const route of routes) {
      expect(route, route.RouteKey).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId }, Target: { 'Fn::Join': ['', ['integrations/', { Ref: integrationId }]] } });
    }
    expect(authorizer?.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [ref(stack.web.userPoolClient)] },
    });
    expect(render(authorizer?.Properties.JwtConfiguration.Issuer)).toBe(`https://cognito-idp.<AWS::Region>.<AWS::URLSuffix>/<${logicalId(stack.web.userPool)}>`);
    expect(integration?.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', IntegrationUri: arn(stack.web.apiFunction), PayloadFormatVersion: '2.0' });
  });

  it('throttles the API and logs every request', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      ApiId: ref(stack.web.api),
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebApiAccessLogGroup'), 'Arn'] }, Format: Match.stringLikeRegexp('\\$context\\.requestId') },
    });
  });

  it('allows cross-origin requests from the site’s origin alone: to the API, uploads to the input bucket, downloads from the output bucket', () => {
    const { input, output, work } = stack.buckets;

    expect(resource(stack.web.api).Properties.CorsConfiguration).toMatchObject({ AllowOrigins: [siteOrigin()], AllowMethods: ['GET', 'POST', 'PUT', 'OPTIONS'] });
    expect(resource(input).Properties.CorsConfiguration).toEqual({ CorsRules: [expect.objectContaining({ AllowedMethods: ['PUT', 'GET'], AllowedOrigins: [siteOrigin()] })] });
    expect(resource(output).Properties.CorsConfiguration).toEqual({ CorsRules: [expect.objectContaining({ AllowedMethods: ['GET', 'HEAD'], AllowedOrigins: [siteOrigin()] })] });
    expect(resource(work).Properties.CorsConfiguration).toBeUndefined();
  });

  it('runs the API function like the stages (arm64, Node.js 24) with the bucket names, the site’s origin and the user-scoped role', () => {
    const fn = resource(stack.web.apiFunction).Properties;

    expect(fn).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler', Role: arn(stack.web.apiFunction.role!) });
    expect((fn.Environment as { Variables: unknown }).Variables).toMatchObject({
      INPUT_BUCKET: ref(stack.buckets.input),
      WORK_BUCKET: ref(stack.buckets.work),
      OUTPUT_BUCKET: ref(stack.buckets.output),
      ALLOWED_ORIGIN: siteOrigin(),
      USER_ROLE_ARN: arn(stack.web.userRole),
    });
  });

  it('lets the API function’s own role do nothing but write its logs and assume the user-scoped role', () => {
    const role = stack.web.apiFunction.role!;
    const statements = policyOf(role);

    expect(statements.map((s) => [s.Action, s.Resource])).toEqual([
      [['logs:CreateLogStream', 'logs:PutLogEvents'], arn(stack.web.apiFunction.logGroup)],
      [['sts:AssumeRole', 'sts:TagSession'], arn(stack.web.userRole)],
    ]);
    expect(resource(role).Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('lets only the API function’s role assume the user-scoped role, and only with a non-empty user session tag and no other tag', () => {
    const trust = resource(stack.web.userRole).Properties.AssumeRolePolicyDocument as { Statement: unknown[] };

    expect(trust.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { AWS: arn(stack.web.apiFunction.role!) },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: { StringLike: { 'aws:RequestTag/user': '?*' }, 'ForAllValues:StringEquals': { 'aws:TagKeys': ['user'] } },
      },
    ]);
    expect(resource(stack.web.userRole).Properties.MaxSessionDuration).toBe(3600);
  });

  it('confines the user-scoped role to the tagged user’s prefix: put .txt, corrections and rules and get in input, get from output, list both under the prefix only', () => {
    const { input, output } = stack.buckets;
    const objects = (bucket: IConstruct, pattern: string) => ({ 'Fn::Join': ['', [arn(bucket), `/${pattern}`]] });

    expect(USER_PREFIX_PATTERN).toBe('users/${aws:PrincipalTag/user}/*');
    expect(policyOf(stack.web.userRole)).toEqual([
      {
        Effect: 'Allow',
        Action: 's3:PutObject',
        Resource: [
          objects(input, 'users/${aws:PrincipalTag/user}/*.txt'),
          objects(input, 'users/${aws:PrincipalTag/user}/*.corrections.json'),
          objects(input, 'users/${aws:PrincipalTag/user}/rules.json'),
        ],
      },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: objects(input, 'users/${aws:PrincipalTag/user}/*') },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: objects(output, 'users/${aws:PrincipalTag/user}/*') },
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: [arn(input), arn(output)], Condition: { StringLike: { 's3:prefix': ['users/${aws:PrincipalTag/user}/*'] } } },
    ]);
    expect(resource(stack.web.userRole).Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('lets a session of one user read and write their own rules and corrections, and another user’s never (IAM policy of the rules object)', () => {
    // prepare
    const statements = policyOf(stack.web.userRole);
    const input = logicalId(stack.buckets.input);
    const may = (user: string, action: string, key: string) => policyAllows(statements, { action, bucket: input, key, user });
    // act
    const verdicts = [
      may('alice', 's3:GetObject', 'users/alice/rules.json'),
      may('alice', 's3:PutObject', 'users/alice/rules.json'),
      may('alice', 's3:PutObject', 'users/alice/j1/report.corrections.json'),
      may('alice', 's3:GetObject', 'users/bob/rules.json'),
      may('alice', 's3:PutObject', 'users/bob/rules.json'),
      may('alice', 's3:GetObject', 'users/bob/j1/report.corrections.json'),
      may('alice', 's3:PutObject', 'users/bob/j1/report.corrections.json'),
      may('alice', 's3:PutObject', 'users/alice/j1/notes.json'),
      may('alice', 's3:DeleteObject', 'users/alice/rules.json'),
    ];
    // assert
    expect(verdicts).toEqual([true, true, true, false, false, false, false, false, false]);
  });

  it('names the site URL, the user pool and its client, and the API URL in its outputs', () => {
    const outputs = template.findOutputs('*');

    expect(outputs.SiteUrl?.Value).toEqual(siteOrigin());
    expect(outputs.UserPoolId?.Value).toEqual(ref(stack.web.userPool));
    expect(outputs.UserPoolClientId?.Value).toEqual(ref(stack.web.userPoolClient));
    expect(outputs.ApiUrl?.Value).toEqual({ 'Fn::GetAtt': [logicalId(stack.web.api), 'ApiEndpoint'] });
  });
});
