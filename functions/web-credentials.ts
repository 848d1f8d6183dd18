/**
 * Credentials scoped to one signed-in user: the web API assumes the user-scoped role with the
 * session tag `user=<id>`, and the role's policy allows only `users/${aws:PrincipalTag/user}/*`.
 * Every presigned URL is signed with these, so IAM itself refuses any key outside the user's
 * prefix, whatever the API's own code does.
 */
import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import { USER_SESSION_TAG } from '../lib/web/api-contract.js';

/** Temporary credentials, in the shape S3Client's `credentials` takes. */
export interface SessionCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
}

export interface UserCredentialsOptions {
  readonly sts: STSClient;
  readonly roleArn: string;
  /**
   * A URL signed with session credentials stops working when they expire, so credentials are
   * reused only while at least this many seconds remain (the longest URL expiry, plus a margin).
   */
  readonly minRemainingSeconds: number;
  /** Session length asked for; role chaining (a Lambda role assuming a role) allows at most 3600. */
  readonly durationSeconds?: number;
  readonly now?: () => Date;
}

/** Credentials for `userId`, assumed once and reused per user while they last long enough. */
export type UserCredentials = (userId: string) => Promise<SessionCredentials>;

/** A session name STS accepts ([\w+=,.@-], 2–64 characters) that still shows whose it is in CloudTrail. */
const sessionName = (userId: string) => `web-${userId.replace(/[^\w+=,.@-]/g, '_')}`.slice(0, 64);

export function userCredentials(options: UserCredentialsOptions): UserCredentials {
  const now = options.now ?? (() => new Date());
  const cache = new Map<string, Promise<SessionCredentials>>();
  const fresh = (credentials: SessionCredentials) =>
    credentials.expiration.getTime() - now().getTime() > options.minRemainingSeconds * 1000;

  async function assume(userId: string): Promise<SessionCredentials> {
    const response = await options.sts.send(
      new AssumeRoleCommand({
        RoleArn: options.roleArn,
        RoleSessionName: sessionName(userId),
        DurationSeconds: options.durationSeconds ?? 3600,
        Tags: [{ Key: USER_SESSION_TAG, Value: userId }],
      }),
    );
    const c = response.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) throw new Error(`STS AssumeRole of ${options.roleArn} returned no credentials`);
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
  }

  return async (userId) => {
    const cached = cache.get(userId);
    if (cached) {
      const credentials = await cached.catch(() => undefined);
      if (credentials && fresh(credentials)) return credentials;
    }
    const pending = assume(userId);
    cache.set(userId, pending);
    pending.catch(() => cache.delete(userId));
    return pending;
  };
}
