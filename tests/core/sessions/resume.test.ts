// Issue #10.3: a reloaded browser tab resumes its session with a short-lived, single-use, revocable token — as
// locked as it was, with the routing status it had chosen.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentInfo, Caller } from '../../../shared/contract/index.ts';
import { RESUME_TOKEN_MS } from '../../../electron/core/sessions/session-service.ts';
import { loggedIn, startCoreFixture, type CoreFixture } from '../../support/core-fixture.ts';

let fixture: CoreFixture;
beforeEach(async () => {
  fixture = await startCoreFixture({ messagesPerMinute: 0.001 });
});
afterEach(async () => {
  await fixture.close();
});

async function tokenFor(caller: Caller): Promise<string> {
  const result = await fixture.core.dispatch(caller, 'session.resumeToken', {});
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return (result.value as { token: string }).token;
}

/** A page reload: the old connection goes away (as the host drops it), a new one resumes. */
async function reload(
  old: Caller,
  token: string,
): Promise<{ caller: Caller; result: Awaited<ReturnType<CoreFixture['core']['dispatch']>> }> {
  const unsubscribe = fixture.core.subscribe(old, () => undefined);
  unsubscribe();
  old.session = null;
  const caller: Caller = { session: null };
  fixture.core.subscribe(caller, () => undefined);
  return { caller, result: await fixture.core.dispatch(caller, 'session.resume', { token }) };
}

describe('resuming a session after a reload', () => {
  it('resumes once, keeping the chosen status; the token cannot be used again', async () => {
    const xiaolin = await loggedIn(fixture.core, 'xiaolin');
    await fixture.core.dispatch(xiaolin, 'inbox.setStatus', { status: 'paused' });
    const token = await tokenFor(xiaolin);
    const { caller, result } = await reload(xiaolin, token);
    expect(result).toMatchObject({ ok: true, value: { login: 'xiaolin', locked: false } });
    const agents = await fixture.core.dispatch(caller, 'inbox.agents', {});
    expect(agents.ok && (agents.value as AgentInfo[]).find((a) => a.displayName === '小林')?.status).toBe('paused');
    expect(await fixture.core.dispatch({ session: null }, 'session.resume', { token })).toMatchObject({
      ok: false,
      error: { code: 'not_authenticated' },
    });
  });

  it('never unlocks a locked desk', async () => {
    const amy = await loggedIn(fixture.core, 'amy');
    const token = await tokenFor(amy);
    await fixture.core.dispatch(amy, 'session.lock', {});
    const { result } = await reload(amy, token);
    expect(result).toMatchObject({ ok: true, value: { login: 'amy', locked: true } });
  });

  it('is revoked by logging out, and expires', async () => {
    const ajie = await loggedIn(fixture.core, 'ajie');
    const revoked = await tokenFor(ajie);
    await fixture.core.dispatch(ajie, 'session.logout', {});
    expect(await fixture.core.dispatch({ session: null }, 'session.resume', { token: revoked })).toMatchObject({
      ok: false,
      error: { code: 'not_authenticated' },
    });

    const tang = await loggedIn(fixture.core, 'tangtang');
    const expiring = await tokenFor(tang);
    fixture.clock.advance(RESUME_TOKEN_MS + 1);
    expect(await fixture.core.dispatch({ session: null }, 'session.resume', { token: expiring })).toMatchObject({
      ok: false,
      error: { code: 'not_authenticated' },
    });
  });

  it('a new token replaces the previous one of the same page', async () => {
    const owner = await loggedIn(fixture.core, 'owner');
    const first = await tokenFor(owner);
    const second = await tokenFor(owner);
    expect(second).not.toBe(first);
    expect(await fixture.core.dispatch({ session: null }, 'session.resume', { token: first })).toMatchObject({
      ok: false,
    });
    expect(await fixture.core.dispatch({ session: null }, 'session.resume', { token: second })).toMatchObject({
      ok: true,
      value: { login: 'owner' },
    });
  });
});
