/**
 * The web page's API as a pure function: a request (method, path, body and the user the shell
 * verified from the token) in, a status and a JSON body out. The deployed Lambda
 * (functions/web-api.ts) and `report-press dev` (cli/dev-server.ts) both answer through it, over
 * the same route table, so the page talks to one API in both places.
 */
import { URL_EXPIRY_SECONDS, UPLOAD_CONTENT_TYPE, userInputKey, userPrefix, WEB_API_ROUTES, WebErrorCode, type UploadGrant, type WebApiRoute } from './api-contract.js';
import { getRules, proofView, putCorrections, putRules } from './corrections-api.js';
import { jobInputKey, jobView, type UserStorage } from './job-view.js';
import { checkUploadRequest } from './upload-request.js';
import { refusal, type Refusal } from './web-api-error.js';

export interface WebApiRequest {
  readonly method: string;
  /** The path without query, e.g. `/api/jobs/0f1e…`. */
  readonly path: string;
  /** The user id from the verified token; undefined when there is no valid token. */
  readonly userId: string | undefined;
  /** The raw body (JSON), if any. */
  readonly body?: string;
  /** The size of the body as sent, in bytes, also when the shell did not keep a body that large (default: the body's own). */
  readonly bodyBytes?: number;
}

export interface WebApiResponse {
  readonly status: number;
  readonly body: unknown;
}

export interface WebApiOptions {
  /** The buckets as this user may reach them (on AWS: signed with the user-scoped role). */
  storageFor(userId: string): UserStorage | Promise<UserStorage>;
  /** A new, unguessable job id ([A-Za-z0-9-], e.g. a UUID). */
  newJobId(): string;
  now(): Date;
  /** The chain's input limit (default: the clean stage's). */
  readonly maxBytes?: number;
}

/** Ids the API makes and accepts: no `/`, `.` or anything else a key could be steered with. */
const ID = /^[A-Za-z0-9_-]{1,128}$/;

/** A route of the table matched against a path, with its path parameters. */
function matchRoute(method: string, path: string): { readonly route?: WebApiRoute; readonly params: Record<string, string>; readonly pathKnown: boolean } {
  let pathKnown = false;
  for (const route of WEB_API_ROUTES) {
    const names: string[] = [];
    const pattern = new RegExp(`^${route.path.replace(/\{(\w+)\}/g, (_, name: string) => (names.push(name), '([^/]+)'))}$`);
    const match = pattern.exec(path);
    if (!match) continue;
    pathKnown = true;
    if (route.method !== method) continue;
    return { route, params: Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)])), pathKnown };
  }
  return { params: {}, pathKnown };
}

const answer = ({ status, error }: Refusal): WebApiResponse => ({ status, body: error });

function parseBody(body: string | undefined): unknown {
  try {
    return body ? JSON.parse(body) : undefined;
  } catch {
    return undefined;
  }
}

/** Answers one API request. Every route needs a user; every key it touches is under theirs. */
export async function handleWebApiRequest(request: WebApiRequest, options: WebApiOptions): Promise<WebApiResponse> {
  const { route, params, pathKnown } = matchRoute(request.method, request.path);
  if (!route) return answer(refusal(pathKnown ? 405 : 404, WebErrorCode.NoSuchRoute, { method: request.method, path: request.path }));
  if (request.userId === undefined || !ID.test(request.userId)) return answer(refusal(401, WebErrorCode.SignInRequired));
  const userId = request.userId;

  if (route.path === '/api/uploads') {
    const check = checkUploadRequest(parseBody(request.body), options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes });
    if (!check.ok) return answer(check);
    const storage = await options.storageFor(userId);
    const again = (parseBody(request.body) as { jobId?: unknown } | undefined)?.jobId;
    let jobId: string;
    if (again === undefined) jobId = options.newJobId();
    else {
      // Only into a job of this user's, and only the file it holds: another name would be another job.
      const earlier = typeof again === 'string' && ID.test(again) ? await jobInputKey(storage, `${userPrefix(userId)}${again}/`) : undefined;
      if (!earlier || earlier !== userInputKey(userId, again as string, check.request.name)) return answer(refusal(404, WebErrorCode.NoSuchJob, { jobId: String(again) }));
      jobId = again as string;
    }
    const key = userInputKey(userId, jobId, check.request.name);
    const expiresIn = URL_EXPIRY_SECONDS.upload;
    const url = await storage.presignUpload(key, { contentType: UPLOAD_CONTENT_TYPE, bytes: check.request.bytes, expiresIn });
    const grant: UploadGrant = {
      jobId,
      key,
      url,
      method: 'PUT',
      // The browser adds Content-Length itself; it is signed, so it must be the size asked for.
      headers: { 'content-type': UPLOAD_CONTENT_TYPE },
      expires: new Date(options.now().getTime() + expiresIn * 1000).toISOString(),
    };
    return { status: 201, body: grant };
  }

  const bodyBytes = request.bodyBytes ?? new TextEncoder().encode(request.body ?? '').length;
  if (route.path === '/api/rules') {
    const storage = await options.storageFor(userId);
    return route.method === 'GET' ? getRules(storage, userId) : putRules(request.body, bodyBytes, storage, userId);
  }

  const jobId = params.jobId ?? '';
  const notFound = answer(refusal(404, WebErrorCode.NoSuchJob, { jobId }));
  if (!ID.test(jobId)) return notFound;
  if (route.path === '/api/jobs/{jobId}/proof') return proofView(jobId, await options.storageFor(userId), userId, options.now());
  if (route.path === '/api/jobs/{jobId}/corrections') return putCorrections(jobId, request.body, bodyBytes, await options.storageFor(userId), userId);
  const view = await jobView(jobId, `${userPrefix(userId)}${jobId}/`, await options.storageFor(userId), { now: options.now() });
  return view ? { status: 200, body: view } : notFound;
}
