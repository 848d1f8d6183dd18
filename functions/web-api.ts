/**
 * Lambda entry of the web page's HTTP API (API Gateway HTTP API, payload 2.0, JWT authorizer):
 * the user is the token's `sub` claim as the authorizer verified it; the answers come from the
 * pure core (lib/web/web-api.ts). With USER_ROLE_ARN set, every S3 call and presigned URL of a
 * request is made with that role assumed for the user (session tag `user=<sub>`), so IAM keeps it
 * inside `users/<sub>/`. CORS headers go only to ALLOWED_ORIGIN.
 */
import { randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { URL_EXPIRY_SECONDS, WebApiEnv } from '../lib/web/api-contract.js';
import { handleWebApiRequest, type WebApiOptions } from '../lib/web/web-api.js';
import { BucketEnv, S3_ENDPOINT_ENV } from './environment.js';
import { userCredentials, type UserCredentials } from './web-credentials.js';
import { createWebS3Client, s3UserStorage, type WebBuckets } from './web-storage.js';

/** Optional: an STS-compatible endpoint (tests point the handler at a local stand-in). */
export const STS_ENDPOINT_ENV = 'REPORT_PRESS_STS_ENDPOINT';

export type WebApiHandler = (event: APIGatewayProxyEventV2WithJWTAuthorizer) => Promise<APIGatewayProxyStructuredResultV2>;

export interface WebApiHandlerOptions {
  readonly buckets: WebBuckets;
  /** S3 clients for a user: scoped credentials when there is a user role, else the function's own. */
  s3For(userId: string): Promise<S3Client>;
  /** The site's origin; no CORS headers for any other (or when unset). */
  readonly allowedOrigin?: string;
  readonly newJobId?: () => string;
  readonly now?: () => Date;
}

/** The path the core routes on: the raw path without the stage's prefix (a named stage puts `/<stage>` in front). */
function requestPath(event: APIGatewayProxyEventV2WithJWTAuthorizer): string {
  const stage = event.requestContext.stage;
  return stage && stage !== '$default' && event.rawPath.startsWith(`/${stage}/`) ? event.rawPath.slice(stage.length + 1) : event.rawPath;
}

function corsHeaders(origin: string | undefined, allowed: string | undefined): Record<string, string> {
  if (!allowed || origin !== allowed) return {};
  return {
    'access-control-allow-origin': allowed,
    'access-control-allow-headers': 'authorization, content-type',
    'access-control-allow-methods': 'GET, POST, PUT, OPTIONS',
    'access-control-max-age': '600',
    vary: 'origin',
  };
}

/** The handler over explicit dependencies (tests build it against a local S3 server and a stand-in STS). */
export function createWebApiHandler(options: WebApiHandlerOptions): WebApiHandler {
  const api: WebApiOptions = {
    storageFor: async (userId) => s3UserStorage(await options.s3For(userId), options.buckets),
    newJobId: options.newJobId ?? randomUUID,
    now: options.now ?? (() => new Date()),
  };
  return async (event) => {
    const origin = event.headers?.origin ?? event.headers?.Origin;
    const cors = corsHeaders(origin, options.allowedOrigin);
    if (event.requestContext.http.method === 'OPTIONS') return { statusCode: 204, headers: cors };
    const sub = event.requestContext.authorizer?.jwt?.claims?.sub;
    const body = event.body === undefined ? undefined : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    const response = await handleWebApiRequest({ method: event.requestContext.http.method, path: requestPath(event), userId: typeof sub === 'string' ? sub : undefined, body }, api);
    return {
      statusCode: response.status,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...cors },
      body: JSON.stringify(response.body),
    };
  };
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; the CDK stack sets it (deploy with \`npx cdk deploy\`)`);
  return value;
}

/** The handler from the environment the CDK stack sets. */
export function webApiHandlerFromEnv(): WebApiHandler {
  const endpoint = process.env[S3_ENDPOINT_ENV];
  const region = process.env.AWS_REGION;
  const roleArn = process.env[WebApiEnv.userRoleArn];
  const own = createWebS3Client({ endpoint, region });
  let s3For: (userId: string) => Promise<S3Client> = async () => own;
  if (roleArn) {
    const stsEndpoint = process.env[STS_ENDPOINT_ENV];
    const credentials: UserCredentials = userCredentials({
      sts: new STSClient({ region, ...(stsEndpoint ? { endpoint: stsEndpoint } : {}) }),
      roleArn,
      minRemainingSeconds: URL_EXPIRY_SECONDS.download + 60,
    });
    const clients = new Map<string, { readonly client: S3Client; readonly accessKeyId: string }>();
    s3For = async (userId) => {
      const scoped = await credentials(userId);
      const known = clients.get(userId);
      if (known?.accessKeyId === scoped.accessKeyId) return known.client;
      known?.client.destroy();
      const client = createWebS3Client({ endpoint, region, credentials: scoped });
      clients.set(userId, { client, accessKeyId: scoped.accessKeyId });
      return client;
    };
  }
  return createWebApiHandler({
    buckets: { input: requireEnv(BucketEnv.input), output: requireEnv(BucketEnv.output) },
    s3For,
    allowedOrigin: process.env[WebApiEnv.allowedOrigin],
  });
}

let deployed: WebApiHandler | undefined;

/** The Lambda entry: built on first use from the environment, then reused by the container. */
export const handler: WebApiHandler = (event) => (deployed ??= webApiHandlerFromEnv())(event);
