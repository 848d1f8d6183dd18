/**
 * The web page's HTTP API: one contract for the deployed API (API Gateway HTTP API + one Lambda,
 * `functions/web-api.ts`) and the local one (`report-press dev`). The CDK stack builds its routes
 * from {@link WEB_API_ROUTES}; the dev server serves the same table, so the page talks to one API.
 *
 * Every key a user can reach lies under their own prefix, `users/<userId>/`: the API derives it
 * from the verified token (on AWS the JWT authorizer's `sub` claim), never from the request.
 */
import type { CorrectionsDocument, CorrectionsErrorCode } from '../corrections/corrections-document.js';
import type { UserRulesErrorCode } from '../corrections/user-rules.js';
import type { MessageParams } from '../messages/types.js';

/** The user id of `report-press dev` (one user, the person at this machine). */
export const LOCAL_USER_ID = 'local';

/** Every route of the API. `{jobId}` is a path parameter. All need a signed-in user. */
export const WEB_API_ROUTES = [
  /** Ask for a presigned PUT for one `.txt` upload: body {@link UploadRequest}, answer {@link UploadGrant}. */
  { method: 'POST', path: '/api/uploads' },
  /** A job's state and, once done, its reports with presigned GETs: answer {@link JobView}. */
  { method: 'GET', path: '/api/jobs/{jobId}' },
  /** What the proofread view of a job needs: answer {@link ProofView}. */
  { method: 'GET', path: '/api/jobs/{jobId}/proof' },
  /** Store a job's corrections (a CorrectionsDocument) and convert its input again with them: answer 202. */
  { method: 'PUT', path: '/api/jobs/{jobId}/corrections' },
  /** The user's own rules (a UserRules document). */
  { method: 'GET', path: '/api/rules' },
  /** Replace the user's own rules; they apply to the uploads that follow. */
  { method: 'PUT', path: '/api/rules' },
] as const;
export type WebApiRoute = (typeof WEB_API_ROUTES)[number];

/** Environment of the web API Lambda (besides the bucket names of `functions/environment.ts`). */
export const WebApiEnv = {
  /** The site's origin (`https://dxxxx.cloudfront.net`), the only origin CORS allows. */
  allowedOrigin: 'ALLOWED_ORIGIN',
  /**
   * A role the API assumes for each request with the session tag {@link USER_SESSION_TAG} = the
   * user's id; its policy allows only `users/${aws:PrincipalTag/user}/*`, so IAM itself keeps every
   * presigned URL inside the signed-in user's prefix. Unset locally (no STS there).
   */
  userRoleArn: 'USER_ROLE_ARN',
} as const;

/** The session tag that carries the user's id into the user-scoped role's policy. */
export const USER_SESSION_TAG = 'user';

/**
 * What the API does in S3 for a user (with the user-scoped role, or the function's own role when
 * USER_ROLE_ARN is unset), all on keys under `users/<id>/`: presigned PUTs of `.txt` uploads into
 * the input bucket, writes of a job's corrections (`*.corrections.json`) and of the user's rules
 * (`rules.json`) there, reads of those and of the uploads (to check corrections, to presign the
 * proofread view's GET, to copy an upload onto itself so the chain converts it again), and a listing
 * of `users/<id>/<jobId>/` there to find a job's upload (s3:ListBucket with `s3:prefix` =
 * `users/${aws:PrincipalTag/user}/*`); reads and presigned GETs in the output bucket.
 */
export const USER_ROLE_ACCESS = {
  input: { actions: ['s3:PutObject'], writes: ['*.txt', '*.corrections.json', 'rules.json'], reads: ['s3:GetObject'], list: true },
  // Listing the output prefix lets S3 answer 404 (not 403) for a status or manifest not yet written.
  output: { actions: ['s3:GetObject'], list: true },
} as const;

/**
 * The buckets' CORS rules for the site's origin: the page PUTs uploads straight into the input
 * bucket (header `content-type`) and fetches documents out of the output bucket (for the ZIP and
 * the removal log). The local server of `report-press dev` has the same rules for its page.
 */
export const BUCKET_CORS = {
  input: { methods: ['PUT', 'GET'], headers: ['content-type'] },
  output: { methods: ['GET', 'HEAD'], headers: [] },
} as const;

/** `GET /config.json` on the site: what the page needs to know about where it runs. */
export interface WebConfig {
  /** Base URL of the API; `''` when it is served from the page's own origin. */
  readonly api: string;
  readonly auth: WebAuthConfig;
}

export type WebAuthConfig =
  /** `report-press dev`: the page gets its bearer token from the local server's config. */
  | { readonly kind: 'local'; readonly token: string }
  /** Deployed: sign in against a Cognito user pool (USER_PASSWORD_AUTH), send the ID token. */
  | { readonly kind: 'cognito'; readonly region: string; readonly userPoolId: string; readonly clientId: string };

/** `POST /api/uploads` body. */
export interface UploadRequest {
  /** The file's name as picked, e.g. `述职报告汇编.txt`; must end in `.txt`. */
  readonly name: string;
  /** Its size in bytes; at most the chain's input limit. */
  readonly bytes: number;
  /** The browser's type for it; `text/plain` (parameters allowed) or empty. */
  readonly contentType: string;
  /**
   * Upload again into this job of the user's (the same file name): the same key, so the chain
   * converts it as a re-upload and the job's corrections stay. Absent: a new job.
   */
  readonly jobId?: string;
}

/** The answer to an upload request: PUT the file's bytes to `url` with exactly `headers`. */
export interface UploadGrant {
  /** Names this upload; `GET /api/jobs/{jobId}` follows it. */
  readonly jobId: string;
  /** The input key, `users/<userId>/<jobId>/<name>`. */
  readonly key: string;
  readonly url: string;
  readonly method: 'PUT';
  readonly headers: Readonly<Record<string, string>>;
  /** ISO 8601: when `url` stops working. */
  readonly expires: string;
}

/** Where the input of a job lives: the user's prefix, the job, the file name. */
export function userInputKey(userId: string, jobId: string, name: string): string {
  return `${userPrefix(userId)}${jobId}/${name}`;
}

/** The prefix of everything one user may read or write, in every bucket. */
export function userPrefix(userId: string): string {
  return `users/${userId}/`;
}

// ── Answers of the API ──────────────────────────────────────────────────────────────────────────

/** The content type every upload is signed for (and so must be sent with). */
export const UPLOAD_CONTENT_TYPE = 'text/plain; charset=utf-8';

/** How long a presigned URL works, in seconds: long enough to upload or fetch, short enough to leak little. */
export const URL_EXPIRY_SECONDS = { upload: 300, download: 900 } as const;

/** Why the API refused a request; each is a message-catalogue code. */
export const WebErrorCode = {
  /** 401: no token, or one the server does not accept. */
  SignInRequired: 'SIGN_IN_REQUIRED',
  /** 404: no such job under the user's prefix (another user's job is "no such job" too). */
  NoSuchJob: 'NO_SUCH_JOB',
  /** 404 or 405: not a route of {@link WEB_API_ROUTES}. */
  NoSuchRoute: 'NO_SUCH_ROUTE',
  /** 400: the body is not an {@link UploadRequest}. */
  BadRequest: 'BAD_REQUEST',
  /** 400: the name does not end in `.txt`. */
  NotTxt: 'NOT_TXT',
  /** 400: nothing but dots before `.txt` (`..txt`): no output folder can be named after it. */
  NoName: 'NO_NAME',
  /** 400: a file of 0 bytes. */
  UploadEmpty: 'UPLOAD_EMPTY',
  /** 413: over the chain's input limit. */
  UploadTooLarge: 'UPLOAD_TOO_LARGE',
  /** 415: a content type other than text/plain. */
  NotPlainText: 'NOT_PLAIN_TEXT',
} as const;
export type WebErrorCode = (typeof WebErrorCode)[keyof typeof WebErrorCode];

/** The body of every refusal: a stable code, its facts, and the sentence in every language. */
export interface WebApiError {
  readonly code: WebErrorCode | CorrectionsErrorCode | UserRulesErrorCode;
  readonly params: Readonly<Record<string, string | number>>;
  /** Keyed by message language (`en`, `zh-CN`), as in the chain's error.json. */
  readonly reasons: Readonly<Record<string, string>>;
}

/** `GET /api/jobs/{jobId}/proof`: what the proofread view of a finished job reads besides the job view. */
export interface ProofView {
  readonly jobId: string;
  /** The uploaded file's name. */
  readonly name: string;
  /** Presigned GET of the upload's bytes; the page decodes them as the chain does (lib/text/decode.ts), so offsets agree. */
  readonly inputUrl: string;
  /** The corrections stored beside the upload, or null when there are none. */
  readonly corrections: CorrectionsDocument | null;
  /** ISO 8601: when `inputUrl` stops working. */
  readonly expires: string;
}

/** Where a job is, as the page shows it. */
export const JobViewState = {
  /** Uploaded; the chain has not written a status yet. */
  Waiting: 'waiting',
  Running: 'running',
  Done: 'done',
  Failed: 'failed',
} as const;
export type JobViewState = (typeof JobViewState)[keyof typeof JobViewState];

/** One document of a finished job, with a presigned GET that downloads it under its name. */
export interface DocumentLink {
  /** The file name in the job's folder, e.g. `01-<title>.pdf`. */
  readonly name: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly url: string;
}

export interface JobViewReport {
  readonly index: number;
  readonly title: string;
  /** Pages of the PDF; null when there is no PDF. */
  readonly pages: number | null;
  readonly characters: number;
  readonly paragraphs: number;
  readonly docx: DocumentLink | null;
  /** `previewUrl` opens the PDF in the browser's own viewer (inline disposition). */
  readonly pdf: (DocumentLink & { readonly previewUrl: string }) | null;
  /** Where the report stands in the input (manifest `at`), for the proofread view; absent from older manifests and later parts. */
  readonly at?: { readonly line: number; readonly offset: number; readonly bodyOffset: number };
}

/** A warning of the conversion (manifest `warnings`), with the facts its sentence is built from. */
export interface JobViewWarning {
  readonly code: string;
  readonly report?: number;
  readonly line?: number;
  readonly text?: string;
  /** The English sentence as the manifest gives it. */
  readonly message: string;
  /** The facts the sentence is built from beyond `text` (see ConversionWarning). */
  readonly params?: MessageParams;
}

/** `GET /api/jobs/{jobId}`. Presigned URLs in it work until `expires`; ask again for fresh ones. */
export interface JobView {
  readonly jobId: string;
  /** The uploaded file's name. */
  readonly name: string;
  readonly state: JobViewState;
  /** While running: `cleaning`, `rendering` or `publishing` (see status.json). */
  readonly phase: string | null;
  readonly reports: number | null;
  readonly documents: { readonly done: number; readonly total: number | null } | null;
  /** ISO 8601, from status.json. */
  readonly started: string | null;
  readonly updated: string | null;
  /** When done. */
  readonly result?: {
    readonly reports: readonly JobViewReport[];
    readonly warnings: readonly JobViewWarning[];
    readonly cleaning: { readonly removals: number; readonly charactersRemoved: number; readonly byFamily: Readonly<Record<string, number>> };
    /** Presigned GET of `removals.json` (`{ source, removals: [{ family, line, column, text, … }] }`). */
    readonly removalsUrl: string;
  };
  /** When failed: the error record's stage and code, and its reason in every language. */
  readonly error?: { readonly stage: string; readonly code: string; readonly reasons: Readonly<Record<string, string>> };
  /** ISO 8601: when the presigned URLs stop working. */
  readonly expires: string;
}

