/**
 * The page's side of the API (lib/web/api-contract.ts): asks for upload grants and job views with
 * the bearer token, and uploads a file to its presigned URL with byte progress (XMLHttpRequest:
 * fetch reports no upload progress).
 */
import type { JobView, UploadGrant, WebApiError } from '../lib/web/api-contract.js';

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

/** A client for the API at `base` (`''`: the page's own origin), with the token `token()` gives. */
export function apiClient(base: string, token: () => string | undefined): ApiClient {
  // `https://…/` and `https://…` name the same API.
  const root = base.replace(/\/+$/, '');
  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const bearer = token();
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${root}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const answer = (await response.json().catch(() => undefined)) as unknown;
    if (!response.ok) throw new ApiRefusal(response.status, answer as WebApiError | undefined);
    return answer as T;
  }
  return {
    askUpload: (file, jobId) => request<UploadGrant>('POST', '/api/uploads', { name: file.name, bytes: file.size, contentType: file.type, ...(jobId ? { jobId } : {}) }),
    job: (jobId) => request<JobView>('GET', `/api/jobs/${encodeURIComponent(jobId)}`),
  };
}

/** Why an upload to S3 did not complete: the HTTP status, or 0 for a network failure. */
export class UploadFailure extends Error {
  override readonly name = 'UploadFailure';
  constructor(readonly status: number) {
    super(status === 0 ? 'network error' : `HTTP ${status}`);
  }
}

/** PUTs `file` as the grant says, reporting bytes sent. */
export function uploadFile(grant: UploadGrant, file: Blob, onProgress: (sent: number, total: number) => void): Promise<void> {
  return new Promise((resolveUpload, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(grant.method, grant.url);
    for (const [name, value] of Object.entries(grant.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener('progress', (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size));
    xhr.addEventListener('load', () => (xhr.status >= 200 && xhr.status < 300 ? resolveUpload() : reject(new UploadFailure(xhr.status))));
    xhr.addEventListener('error', () => reject(new UploadFailure(0)));
    xhr.send(file);
  });
}
