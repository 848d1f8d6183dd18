/**
 * The web API's routes for proofreading and user rules, as pure functions over the user's storage:
 * the data the proofread view needs (a presigned GET of the input, the corrections made so far),
 * writing corrections (checked against the input, then applied by announcing the input to the
 * chain again, exactly as a re-upload of the same bytes), and reading and writing the user's rules.
 * Every key lies under the signed-in user's prefix; another user's job is "no such job".
 */
import { digestOf, encodeJson } from '../convert.js';
import {
  CORRECTIONS_LIMITS,
  CorrectionsError,
  CorrectionsErrorCode,
  parseCorrections,
  staleOperations,
  type CorrectionsDocument,
} from '../corrections/corrections-document.js';
import { correctionsKeyOf, USER_RULES_NAME } from '../corrections/file-names.js';
import { NO_USER_RULES, parseUserRules, USER_RULE_LIMITS, UserRulesError, UserRulesErrorCode, type UserRules } from '../corrections/user-rules.js';
import { documentPath } from '../pipeline/keys.js';
import { decodeText } from '../text/decode.js';
import { URL_EXPIRY_SECONDS, userPrefix, WebErrorCode, type ProofView } from './api-contract.js';
import { jobInputKey, type UserStorage } from './job-view.js';
import { refusal, type Refusal } from './web-api-error.js';

/** A status and a JSON body, as the API answers. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

const refused = ({ status, error }: Refusal): Answer => ({ status, body: error });
const noSuchJob = (jobId: string) => refused(refusal(404, WebErrorCode.NoSuchJob, { jobId }));

/** Refusals of a corrections or rules document, by code: a file too large is 413, the rest 400. */
function documentRefusal(error: CorrectionsError | UserRulesError): Answer {
  const tooLarge = error.code === CorrectionsErrorCode.TooLarge || error.code === UserRulesErrorCode.TooLarge;
  return refused(refusal(tooLarge ? 413 : 400, error.code, error.params as Record<string, string | number>));
}

/** `GET /api/jobs/{jobId}/proof`: where the page reads the input, and the corrections made so far (null for none). */
export async function proofView(jobId: string, storage: UserStorage, userId: string, now: Date): Promise<Answer> {
  const inputKey = await jobInputKey(storage, `${userPrefix(userId)}${jobId}/`);
  if (!inputKey) return noSuchJob(jobId);
  const expiresIn = URL_EXPIRY_SECONDS.download;
  const name = inputKey.slice(inputKey.lastIndexOf('/') + 1);
  const inputUrl = await storage.presignInputDownload(inputKey, { fileName: name, expiresIn });
  const stored = await storage.readInput(correctionsKeyOf(documentPath(inputKey)));
  let corrections: CorrectionsDocument | null = null;
  try {
    corrections = stored ? parseCorrections(stored) : null;
  } catch (error) {
    // A file the API did not write (put there by hand) is shown as none; writing new ones replaces it.
    if (!(error instanceof CorrectionsError)) throw error;
  }
  const view: ProofView = { jobId, name, inputUrl, corrections, expires: new Date(now.getTime() + expiresIn * 1000).toISOString() };
  return { status: 200, body: view };
}

/**
 * `PUT /api/jobs/{jobId}/corrections`: checks the document (size, shape, count, overlap), that it
 * was made on the input the job holds now and that every operation's text stands where it says,
 * stores it beside the input and announces the input again, so the chain converts it anew with the
 * corrections (the old documents stay until the new ones are complete). An empty list of
 * operations takes every correction back. Nothing is written when anything is refused.
 */
export async function putCorrections(jobId: string, body: string | undefined, bodyBytes: number, storage: UserStorage, userId: string): Promise<Answer> {
  const inputKey = await jobInputKey(storage, `${userPrefix(userId)}${jobId}/`);
  if (!inputKey) return noSuchJob(jobId);
  if (bodyBytes > CORRECTIONS_LIMITS.bytes) return refused(refusal(413, CorrectionsErrorCode.TooLarge, { bytes: bodyBytes, limit: CORRECTIONS_LIMITS.bytes }));
  let document: CorrectionsDocument;
  try {
    document = parseCorrections(body ?? '');
  } catch (error) {
    if (error instanceof CorrectionsError) return documentRefusal(error);
    throw error;
  }
  const input = await storage.readInput(inputKey);
  if (!input) return refused(refusal(409, CorrectionsErrorCode.NoInput, { jobId }));
  if (digestOf(input).sha256 !== document.input.sha256) return refused(refusal(409, CorrectionsErrorCode.InputChanged));
  const stale = staleOperations(document, decodeText(input))[0];
  if (stale) return refused(refusal(400, CorrectionsErrorCode.Anchor, { id: stale.id, line: stale.line }));
  await storage.writeInput(correctionsKeyOf(documentPath(inputKey)), encodeJson(document), 'application/json');
  await storage.reannounceInput(inputKey);
  return { status: 202, body: { jobId, operations: document.operations.length } };
}

/** The key of a user's rules. */
const rulesKey = (userId: string) => `${userPrefix(userId)}${USER_RULES_NAME}`;

/** `GET /api/rules`: the signed-in user's rules (none yet: an empty list). */
export async function getRules(storage: UserStorage, userId: string): Promise<Answer> {
  const stored = await storage.readInput(rulesKey(userId));
  let rules: UserRules = NO_USER_RULES;
  try {
    if (stored) rules = parseUserRules(stored);
  } catch (error) {
    if (!(error instanceof UserRulesError)) throw error;
  }
  return { status: 200, body: rules };
}

/** `PUT /api/rules`: replaces the signed-in user's rules, checked first; they apply to the uploads that follow. */
export async function putRules(body: string | undefined, bodyBytes: number, storage: UserStorage, userId: string): Promise<Answer> {
  if (bodyBytes > USER_RULE_LIMITS.bytes) return refused(refusal(413, UserRulesErrorCode.TooLarge, { bytes: bodyBytes, limit: USER_RULE_LIMITS.bytes }));
  let rules: UserRules;
  try {
    rules = parseUserRules(body ?? '');
  } catch (error) {
    if (error instanceof UserRulesError) return documentRefusal(error);
    throw error;
  }
  await storage.writeInput(rulesKey(userId), encodeJson(rules), 'application/json');
  return { status: 200, body: rules };
}
