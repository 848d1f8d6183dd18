/**
 * The page's side of the proofreading and rules routes (lib/web/api-contract.ts): the proofread
 * view's data, storing corrections, reading and saving the user's rules, with the same bearer token
 * as the rest of the API.
 */
import type { CorrectionsDocument } from '../lib/corrections/corrections-document.js';
import type { UserRules } from '../lib/corrections/user-rules.js';
import type { ProofView, WebApiError } from '../lib/web/api-contract.js';
import { ApiRefusal } from './api-client.js';

export interface ProofApi {
  proof(jobId: string): Promise<ProofView>;
  /** Stores the corrections and has the job converted again with them. */
  putCorrections(jobId: string, document: CorrectionsDocument): Promise<void>;
  rules(): Promise<UserRules>;
  putRules(rules: UserRules): Promise<UserRules>;
}

/** A client for the API at `base` (`''`: the page's own origin), with the token `token()` gives. */
export function proofApi(base: string, token: () => string | undefined): ProofApi {
  const root = base.replace(/\/+$/, '');
  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const bearer = token();
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${root}${path}`, { method, headers, cache: 'no-store', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const answer = (await response.json().catch(() => undefined)) as unknown;
    if (!response.ok) throw new ApiRefusal(response.status, answer as WebApiError | undefined);
    return answer as T;
  }
  return {
    proof: (jobId) => request<ProofView>('GET', `/api/jobs/${encodeURIComponent(jobId)}/proof`),
    putCorrections: async (jobId, document) => void (await request('PUT', `/api/jobs/${encodeURIComponent(jobId)}/corrections`, document)),
    rules: () => request<UserRules>('GET', '/api/rules'),
    putRules: (rules) => request<UserRules>('PUT', '/api/rules', rules),
  };
}
