/**
 * The web page's HTTP API: one contract for the deployed API (API Gateway HTTP API + one Lambda,
 * `functions/web-api.ts`) and the local one (`report-press dev`). The CDK stack builds its routes
 * from {@link WEB_API_ROUTES}; the dev server serves the same table, so the page talks to one API.
 *
 * Every key a user can reach lies under their own prefix, `users/<userId>/`: the API derives it
 * from the verified token (on AWS the JWT authorizer's `sub` claim), never from the request.
 */

/** The user id of `report-press dev` (one user, the person at this machine). */
export const LOCAL_USER_ID = 'local';

/** Every route of the API. `{jobId}` is a path parameter. All need a signed-in user. */
export const WEB_API_ROUTES = [
  /** Ask for a presigned PUT for one `.txt` upload: body {@link UploadRequest}, answer {@link UploadGrant}. */
  { method: 'POST', path: '/api/uploads' },
  /** A job's state and, once done, its reports with presigned GETs: answer {@link JobView}. */
  { method: 'GET', path: '/api/jobs/{jobId}' },
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
