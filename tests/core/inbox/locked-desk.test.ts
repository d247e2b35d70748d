// Issue #10.1: locking the desk does not take an agent out of routing. The lock screen may ask how many buyers wait
// (counts, no content); the supervisor sees who is locked; pausing is the person's (or the shop's idle rule's) call.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  AgentInfo,
  Caller,
  ConversationSummary,
  LockedSummary,
  SupervisorView,
} from '../../../shared/contract/index.ts';
import { loggedIn, startCoreFixture, type CoreFixture } from '../../support/core-fixture.ts';
import { createScriptedConnector } from '../../support/scripted-connector.ts';

let fixture: CoreFixture;
let script: ReturnType<typeof createScriptedConnector>;

function value<T>(result: { ok: boolean; value?: unknown; error?: unknown }): T {
  if (!result.ok) throw new Error(`call failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}
const mine = async (caller: Caller) =>
  value<ConversationSummary[]>(
    await fixture.core.dispatch(caller, 'inbox.listConversations', { view: 'mine', limit: 500 }),
  );

beforeEach(async () => {
  let now = () => 0;
  script = createScriptedConnector(() => now());
  fixture = await startCoreFixture({ connectors: { demo: script.factory } });
  now = () => fixture.clock.now();
});
afterEach(async () => {
  await fixture.close();
});

describe('a locked desk', () => {
  it('keeps receiving chats while locked, and the lock screen learns only how many wait', async () => {
    const xiaolin = await loggedIn(fixture.core, 'xiaolin');
    await script.send('tmall-mianyu', 'b1', '在吗');
    expect(await mine(xiaolin)).toHaveLength(1);
    value(await fixture.core.dispatch(xiaolin, 'session.lock', {}));

    // New buyers still reach her while the screen is locked: her status stays online.
    await script.send('jd-mianyu', 'b2', '能发顺丰吗');
    await script.send('pdd-mianyu', 'b3', '有优惠吗');
    const owner = await loggedIn(fixture.core, 'owner');
    const view = value<SupervisorView>(await fixture.core.dispatch(owner, 'inbox.supervisor', {}));
    const her = view.agents.find((a) => a.displayName === '小林')!;
    expect(her).toMatchObject({ status: 'online', locked: true, chats: 3 });

    // The locked session may read the counts (and nothing else).
    expect(value<LockedSummary>(await fixture.core.dispatch(xiaolin, 'inbox.lockedSummary', {}))).toEqual({
      mine: 3,
      queued: 0,
    });
    expect(await fixture.core.dispatch(xiaolin, 'inbox.listConversations', {})).toMatchObject({
      ok: false,
      error: { code: 'session_locked' },
    });

    // Leaving the desk, she may pause from the lock screen: new buyers then go elsewhere (here: the pool).
    expect(
      value<AgentInfo>(await fixture.core.dispatch(xiaolin, 'inbox.setStatus', { status: 'paused' })),
    ).toMatchObject({ status: 'paused', locked: true });
    await script.send('jd-mianyu', 'b4', '发货了吗');
    expect(value<LockedSummary>(await fixture.core.dispatch(xiaolin, 'inbox.lockedSummary', {}))).toEqual({
      mine: 3,
      queued: 1,
    });

    value(await fixture.core.dispatch(xiaolin, 'session.unlock', { secret: 'demo1234' }));
    const after = value<SupervisorView>(await fixture.core.dispatch(owner, 'inbox.supervisor', {}));
    expect(after.agents.find((a) => a.displayName === '小林')).toMatchObject({ status: 'paused', locked: false });
  });

  it('a shop can ask for an idle pause; it is off by default', async () => {
    const owner = await loggedIn(fixture.core, 'owner');
    const shops = value<{ id: string; inbox: { pauseWhenIdleMinutes: number | null } }[]>(
      await fixture.core.dispatch(owner, 'shops.list', {}),
    );
    expect(shops.every((shop) => shop.inbox.pauseWhenIdleMinutes === null)).toBe(true);
    const changed = value<{ inbox: { pauseWhenIdleMinutes: number | null } }>(
      await fixture.core.dispatch(owner, 'shops.updateInbox', { shopId: 'jd-mianyu', pauseWhenIdleMinutes: 10 }),
    );
    expect(changed.inbox.pauseWhenIdleMinutes).toBe(10);
  });

  it('says who receives chats: online outside routing is not receiving, and a queue nobody can take shows as such', async () => {
    const owner = await loggedIn(fixture.core, 'owner');
    await script.send('jd-mianyu', 'b1', '在吗');
    let view = value<SupervisorView>(await fixture.core.dispatch(owner, 'inbox.supervisor', {}));
    expect(view.agents.find((a) => a.displayName === '店主')).toMatchObject({ status: 'online', receivesChats: false });
    expect(view.shops.find((s) => s.shopId === 'jd-mianyu')).toMatchObject({
      queued: 1,
      agentsReceiving: 0,
      onlineNotReceiving: 1,
      whenNobodyOnline: 'pool',
    });

    const xiaolin = await loggedIn(fixture.core, 'xiaolin');
    view = value<SupervisorView>(await fixture.core.dispatch(owner, 'inbox.supervisor', {}));
    expect(view.agents.find((a) => a.displayName === '小林')).toMatchObject({ status: 'online', receivesChats: true });
    expect(view.shops.find((s) => s.shopId === 'jd-mianyu')).toMatchObject({ queued: 0, agentsReceiving: 1 });
    value(await fixture.core.dispatch(xiaolin, 'inbox.setStatus', { status: 'paused' }));
    view = value<SupervisorView>(await fixture.core.dispatch(owner, 'inbox.supervisor', {}));
    expect(view.agents.find((a) => a.displayName === '小林')).toMatchObject({ status: 'paused', receivesChats: false });
  });
});
