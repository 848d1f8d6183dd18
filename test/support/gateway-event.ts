/** Requests to the web API Lambda as API Gateway delivers them, for tests that call the handler. */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';

/** The API Gateway HTTP API event (payload 2.0) of a request a JWT authorizer let through for `sub`. */
export function gatewayEvent(method: string, routeKey: string, sub: string | undefined, options: { body?: string; pathParameters?: Record<string, string>; origin?: string; stage?: string } = {}): APIGatewayProxyEventV2WithJWTAuthorizer {
  const stage = options.stage ?? '$default';
  const route = routeKey.split(' ')[1]!.replace(/\{(\w+)\}/g, (_, name: string) => options.pathParameters?.[name] ?? '');
  const path = stage === '$default' ? route : `/${stage}${route}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...(options.origin ? { origin: options.origin } : {}) },
    isBase64Encoded: false,
    ...(options.body ? { body: options.body } : {}),
    ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
      requestId: 'r',
      routeKey,
      stage,
      time: '01/Jan/2026:00:00:00 +0000',
      timeEpoch: 0,
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: sub === undefined ? {} : { sub }, scopes: [] } },
    },
  } as APIGatewayProxyEventV2WithJWTAuthorizer;
}
