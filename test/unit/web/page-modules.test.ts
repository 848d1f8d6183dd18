import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoError, completeNewPassword, signIn, type CognitoClientOptions } from '../../../web/cognito-auth.js';
import { rememberJob, storedJobs, type JobStorage } from '../../../web/job-list.js';
import { groupRemovals, shownChange, visibleText } from '../../../web/removal-groups.js';

describe('the removal log as the page groups it', () => {
  it('puts adverts first and white space last, each family in input order with its characters', () => {
    // prepare
    const cut = (family: string, line: number, text: string) => ({ family, ruleId: `${family}/x`, line, column: 1, text });
    const removals = [cut('whitespace', 2, ' '), cut('paywall-marker', 9, '##paidend##'), cut('bracketed-advert', 7, '【更多素材】'), cut('bracketed-advert', 3, '*【文库】')];
    // act
    const groups = groupRemovals(removals);
    // assert
    expect(groups.map((g) => [g.family, g.removals.map((r) => r.line), g.characters])).toEqual([
      ['bracketed-advert', [3, 7], 11],
      ['paywall-marker', [9], 11],
      ['whitespace', [2], 1],
    ]);
  });

  it('shows line breaks, and the spaces of a cut of nothing but spaces', () => {
    // act
    const shown = [visibleText('广告\n'), visibleText(' \u3000'), visibleText('a b')];
    // assert
    expect(shown).toEqual(['广告⏎', '␣␣', 'a b']);
  });

  it('shows a normalisation as what was there and what took its place', () => {
    // act
    const shown = [shownChange({ text: ', ', replacement: '，' }), shownChange({ text: ' ', replacement: '\n' }), shownChange({ text: '(jì)' })];
    // assert
    expect(shown).toEqual([',␣ → ，', '␣ → ⏎', '(jì)']);
  });

  it('shows a line break put in where the text had nothing as ∅ → ⏎', () => {
    // act
    const shown = shownChange({ text: '', replacement: '\n' });
    // assert
    expect(shown).toBe('∅ → ⏎');
  });
});

describe('signing in to Cognito from the page', () => {
  /** Stands in for the Cognito user-pool API (AWS itself is the one thing faked). */
  let cognito: Server;
  const calls: { target: string; body: Record<string, unknown> }[] = [];
  let options: CognitoClientOptions;

  beforeAll(async () => {
    cognito = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        const body = JSON.parse(text) as { AuthParameters?: Record<string, string>; ChallengeResponses?: Record<string, string> };
        calls.push({ target: String(req.headers['x-amz-target']), body });
        const reply = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(value));
        if (body.AuthParameters?.PASSWORD === 'wrong') return reply(400, { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
        if (body.AuthParameters?.USERNAME === 'new') return reply(200, { ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 'challenge-1', ChallengeParameters: { USER_ID_FOR_SRP: 'new-user-id' } });
        return reply(200, { AuthenticationResult: { IdToken: 'id-token', AccessToken: 'access', ExpiresIn: 3600 } });
      });
    });
    await new Promise<void>((resolveListen) => cognito.listen(0, '127.0.0.1', () => resolveListen()));
    options = { region: 'eu-west-1', clientId: 'client-1', endpoint: `http://127.0.0.1:${(cognito.address() as AddressInfo).port}/` };
  });

  afterAll(() => cognito.close());

  it('signs in with USER_PASSWORD_AUTH and keeps the ID token with its expiry', async () => {
    // act
    const step = await signIn(options, 'staff', 'right', 1_000);
    // assert
    expect(step).toEqual({ kind: 'signed-in', session: { idToken: 'id-token', expiresAt: 1_000 + 3_600_000 } });
    expect(calls.at(-1)).toEqual({ target: 'AWSCognitoIdentityProviderService.InitiateAuth', body: { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'client-1', AuthParameters: { USERNAME: 'staff', PASSWORD: 'right' } } });
  });

  it('answers an admin-created user’s first sign-in with the new password', async () => {
    // act
    const challenge = await signIn(options, 'new', 'temporary');
    const step = challenge.kind === 'new-password' ? await completeNewPassword(options, challenge, 'Chosen-Passw0rd') : challenge;
    // assert
    expect(challenge).toEqual({ kind: 'new-password', username: 'new-user-id', challengeSession: 'challenge-1' });
    expect(step.kind).toBe('signed-in');
    expect(calls.at(-1)?.body).toEqual({ ChallengeName: 'NEW_PASSWORD_REQUIRED', ClientId: 'client-1', Session: 'challenge-1', ChallengeResponses: { USERNAME: 'new-user-id', NEW_PASSWORD: 'Chosen-Passw0rd' } });
  });

  it('gives Cognito’s refusal as a typed error', async () => {
    // act
    const refusal = await signIn(options, 'staff', 'wrong').catch((error: unknown) => error);
    // assert
    expect(refusal).toBeInstanceOf(CognitoError);
    expect(refusal).toMatchObject({ type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });
});

describe("the list of this browser's jobs", () => {
  /** A storage in memory, as the page's localStorage. */
  function memoryLocalStorage(): JobStorage {
    const items = new Map<string, string>();
    return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
  }

  it('keeps the jobs newest first by when they were dropped, whatever order the API answered in', () => {
    // prepare
    const storage = memoryLocalStorage();
    const dropped = ['2026-12-07T10:00:00.001Z', '2026-12-07T10:00:00.002Z', '2026-12-07T10:00:00.003Z'];
    // act: the second file's upload is answered last
    rememberJob({ jobId: 'a', name: 'a.txt', created: dropped[0]! }, storage);
    rememberJob({ jobId: 'c', name: 'c.txt', created: dropped[2]! }, storage);
    rememberJob({ jobId: 'b', name: 'b.txt', created: dropped[1]! }, storage);
    // assert
    expect(storedJobs(storage).map((job) => job.jobId)).toEqual(['c', 'b', 'a']);
  });
});
