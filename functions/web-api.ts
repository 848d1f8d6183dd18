/**
 * The web page's HTTP API on AWS (API Gateway HTTP API → this Lambda).
 *
 * placeholder; replaced by the web branch at merge. It exists so that the CDK stack's
 * NodejsFunction finds its entry; it answers every request 501 Not Implemented.
 */
import type { APIGatewayProxyResultV2 } from 'aws-lambda';

export async function handler(): Promise<APIGatewayProxyResultV2> {
  return { statusCode: 501, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: 'not implemented' }) };
}
