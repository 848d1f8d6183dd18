/**
 * The page's side of the API (lib/web/api-contract.ts): asks for upload grants and job views with
 * the bearer token, renewing a token the API no longer takes. The upload itself: upload-file.ts.
 */
import type { JobView, UploadGrant, WebApiError } from '../lib/web/api-contract.js';
import { UNCACHED } from './uncached.js';

/** The API refused: its status and its error body (reasons in every language). */
export class ApiRefusal extends Error {
  override readonly name = 'ApiRefusal';
  constructor(
    readonly status: number,
    readonly error: WebApiError | undefined,
  ) {
    super(error?.reasons.en ?? `HTTP ${status}`);
  }
}

export interface ApiClient {
  /** A grant for a new job, or (`jobId`) for uploading the same file into that job again. */
  askUpload(file: { readonly name: string; readonly size: number; readonly type: string }, jobId?: string): Promise<UploadGrant>;
  job(jobId: string): Promise<JobView>;
}

export interface ApiClientOptions {
  /** The bearer token to send now. */
  token(): string | undefined;
  /**
   * Called when the API refused `stale` (401): resolves true once a newer token is in place, and the
   * request is then sent once more. Locally that is the token of a restarted `report-press dev`.
   */
  renewToken?(stale: string | undefined): Promise<boolean>;
}

/** Sends one request to the API and reads its JSON answer; throws {@link ApiRefusal} for a refusal. */
export type ApiRequest = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/**
 * Requests to the API at `base` (`''`: the page's own origin) with the bearer token, sent once more
 * with a renewed token after a 401 (see {@link ApiClientOptions.renewToken}). Every client of the
 * page's routes sends through one of these.
 */
export function apiRequester(base: string, options: ApiClientOptions): ApiRequest {
  // `https://…/` and `https://…` name the same API.
  const root = base.replace(/\/+$/, '');
  async function request<T>(method: string, path: string, body?: unknown, renewed = false): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const bearer = options.token();
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${root}${path}`, { ...UNCACHED, method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const answer = (await response.json().catch(() => undefined)) as unknown;
    if (response.status === 401 && !renewed && options.renewToken && (await options.renewToken(bearer))) return request<T>(method, path, body, true);
    if (!response.ok) throw new ApiRefusal(response.status, answer as WebApiError | undefined);
    return answer as T;
  }
  return (method, path, body) => request(method, path, body);
}

/** A client for the job routes of the API at `base`. */
export function apiClient(base: string, options: ApiClientOptions): ApiClient {
  const request = apiRequester(base, options);
  return {
    askUpload: (file, jobId) => request<UploadGrant>('POST', '/api/uploads', { name: file.name, bytes: file.size, contentType: file.type, ...(jobId ? { jobId } : {}) }),
    job: (jobId) => request<JobView>('GET', `/api/jobs/${encodeURIComponent(jobId)}`),
  };
}
