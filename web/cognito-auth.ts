/**
 * Signing in to a Cognito user pool from the page, with no SDK: the user-pool API's
 * InitiateAuth (USER_PASSWORD_AUTH) and, for an admin-created user's first sign-in, the
 * NEW_PASSWORD_REQUIRED challenge. The ID token is what the API's JWT authorizer checks.
 */

export interface CognitoClientOptions {
  readonly region: string;
  readonly clientId: string;
  /** Default `https://cognito-idp.<region>.amazonaws.com/`; tests point it at a stand-in. */
  readonly endpoint?: string;
  readonly fetch?: typeof fetch;
}

/** Signed in: the ID token to send as `Authorization: Bearer …`, and when it expires. */
export interface CognitoSession {
  readonly idToken: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

/** The outcome of one step of signing in. */
export type SignInStep =
  | { readonly kind: 'signed-in'; readonly session: CognitoSession }
  /** First sign-in of an admin-created user: answer with {@link completeNewPassword}. */
  | { readonly kind: 'new-password'; readonly username: string; readonly challengeSession: string };

/** Cognito refused (wrong password, unknown user, a password that breaks the policy …). */
export class CognitoError extends Error {
  override readonly name = 'CognitoError';
  constructor(
    /** Cognito's error type, e.g. `NotAuthorizedException`. */
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

interface AuthResponse {
  readonly AuthenticationResult?: { readonly IdToken?: string; readonly ExpiresIn?: number };
  readonly ChallengeName?: string;
  readonly Session?: string;
  readonly ChallengeParameters?: Readonly<Record<string, string>>;
}

async function call(options: CognitoClientOptions, action: 'InitiateAuth' | 'RespondToAuthChallenge', body: unknown): Promise<AuthResponse> {
  const endpoint = options.endpoint ?? `https://cognito-idp.${options.region}.amazonaws.com/`;
  const response = await (options.fetch ?? fetch)(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${action}` },
    body: JSON.stringify(body),
  });
  const answer = (await response.json().catch(() => ({}))) as AuthResponse & { __type?: string; message?: string };
  if (!response.ok) throw new CognitoError((answer.__type ?? 'UnknownError').replace(/^.*#/, ''), answer.message ?? `HTTP ${response.status}`);
  return answer;
}

function step(answer: AuthResponse, username: string, now: number): SignInStep {
  const result = answer.AuthenticationResult;
  if (result?.IdToken) return { kind: 'signed-in', session: { idToken: result.IdToken, expiresAt: now + (result.ExpiresIn ?? 3600) * 1000 } };
  if (answer.ChallengeName === 'NEW_PASSWORD_REQUIRED' && answer.Session) {
    return { kind: 'new-password', username: answer.ChallengeParameters?.USER_ID_FOR_SRP ?? username, challengeSession: answer.Session };
  }
  throw new CognitoError('UnsupportedChallenge', `Cognito asked for ${answer.ChallengeName ?? 'nothing usable'}; the user pool client must allow USER_PASSWORD_AUTH without MFA`);
}

/** Signs in with a user name and password. */
export async function signIn(options: CognitoClientOptions, username: string, password: string, now = Date.now()): Promise<SignInStep> {
  const answer = await call(options, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: options.clientId, AuthParameters: { USERNAME: username, PASSWORD: password } });
  return step(answer, username, now);
}

/** Answers NEW_PASSWORD_REQUIRED with the password the user chose. */
export async function completeNewPassword(options: CognitoClientOptions, challenge: Extract<SignInStep, { kind: 'new-password' }>, newPassword: string, now = Date.now()): Promise<SignInStep> {
  const answer = await call(options, 'RespondToAuthChallenge', {
    ChallengeName: 'NEW_PASSWORD_REQUIRED',
    ClientId: options.clientId,
    Session: challenge.challengeSession,
    ChallengeResponses: { USERNAME: challenge.username, NEW_PASSWORD: newPassword },
  });
  return step(answer, challenge.username, now);
}
