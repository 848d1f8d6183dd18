/**
 * The page's side of the proofreading and rules routes (lib/web/api-contract.ts): the proofread
 * view's data, storing corrections, reading and saving the user's rules, with the same bearer token
 * as the rest of the API.
 */
import type { CorrectionsDocument } from '../lib/corrections/corrections-document.js';
import type { UserRules } from '../lib/corrections/user-rules.js';
import type { ProofView } from '../lib/web/api-contract.js';
import { apiRequester, type ApiClientOptions } from './api-client.js';

export interface ProofApi {
  proof(jobId: string): Promise<ProofView>;
  /** Stores the corrections and has the job converted again with them. */
  putCorrections(jobId: string, document: CorrectionsDocument): Promise<void>;
  rules(): Promise<UserRules>;
  putRules(rules: UserRules): Promise<UserRules>;
}

/** A client for the proofreading and rules routes of the API at `base`, renewing a token as apiClient does. */
export function proofApi(base: string, options: ApiClientOptions): ProofApi {
  const request = apiRequester(base, options);
  return {
    proof: (jobId) => request<ProofView>('GET', `/api/jobs/${encodeURIComponent(jobId)}/proof`),
    putCorrections: async (jobId, document) => void (await request('PUT', `/api/jobs/${encodeURIComponent(jobId)}/corrections`, document)),
    rules: () => request<UserRules>('GET', '/api/rules'),
    putRules: (rules) => request<UserRules>('PUT', '/api/rules', rules),
  };
}
