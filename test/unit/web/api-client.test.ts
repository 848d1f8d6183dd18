import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiRefusal, apiClient } from '../../../web/api-client.js';

afterEach(() => vi.unstubAllGlobals());

/** An API that takes only `accepted` as the bearer token, as `report-press dev` takes only the token of its start. */
function apiTaking(accepted: () => string) {
  const seen: (string | null)[] = [];
  vi.stubGlobal('fetch', async (_url: string, init: { headers: Record<string, string> }) => {
    seen.push(init.headers.authorization ?? null);
    return init.headers.authorization === `Bearer ${accepted()}`
      ? Response.json({ jobId: 'j' }, { status: 200 })
      : Response.json({ code: 'SIGN_IN_REQUIRED', params: {}, reasons: { en: 'sign in first' } }, { status: 401 });
  });
  return seen;
}

describe("the page's API client", () => {
  it('renews a refused token once and sends the request again with the new one', async () => {
    // prepare: the server restarted with a new token; the page still holds the old one
    const seen = apiTaking(() => 'new');
    let token = 'old';
    const renewToken = vi.fn(async () => ((token = 'new'), true));
    const client = apiClient('', { token: () => token, renewToken });
    // act
    const view = await client.job('j');
    // assert
    expect(view).toEqual({ jobId: 'j' });
    expect(seen).toEqual(['Bearer old', 'Bearer new']);
    expect(renewToken).toHaveBeenCalledWith('old');
  });

  it('gives up with the 401 when no newer token can be had, after one try to renew', async () => {
    // prepare
    const seen = apiTaking(() => 'other');
    const renewToken = vi.fn(async () => false);
    const client = apiClient('', { token: () => 'old', renewToken });
    // act
    const asking = client.job('j');
    // assert
    await expect(asking).rejects.toBeInstanceOf(ApiRefusal);
    await expect(asking).rejects.toMatchObject({ status: 401 });
    expect(seen).toEqual(['Bearer old']);
    expect(renewToken).toHaveBeenCalledTimes(1);
  });

  it('renews at most once per request, even when the renewed token is refused too', async () => {
    // prepare
    const seen = apiTaking(() => 'never');
    let token = 'old';
    const client = apiClient('', { token: () => token, renewToken: async () => ((token = `${token}+`), true) });
    // act
    const asking = client.job('j');
    // assert
    await expect(asking).rejects.toMatchObject({ status: 401 });
    expect(seen).toEqual(['Bearer old', 'Bearer old+']);
  });
});
