// Issue #10.7–8: a new shop is told apart from the others (short name, a colour nobody uses) and starts working:
// its connector chosen when it is added, its customer-service rules copied from another shop.
import { afterEach, describe, expect, it } from 'vitest';
import type { Shop } from '../../../shared/contract/index.ts';
import { loggedIn, startCoreFixture, type CoreFixture } from '../../support/core-fixture.ts';

let fixture: CoreFixture;
afterEach(async () => {
  await fixture.close();
});

function value<T>(result: { ok: boolean; value?: unknown; error?: unknown }): T {
  if (!result.ok) throw new Error(`call failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

describe('adding a shop', () => {
  it('gives it a short name and a colour of its own, its connector, and the rules of the shop it copies', async () => {
    fixture = await startCoreFixture({ messagesPerMinute: 60 });
    const owner = await loggedIn(fixture.core, 'owner');
    const source = value<Shop>(
      await fixture.core.dispatch(owner, 'shops.updateInbox', {
        shopId: 'jd-mianyu',
        responseWindowSeconds: 120,
        bannedPhrases: [{ phrase: '别问了', suggestion: '我来帮您查一下' }],
      }),
    );
    const shop = value<Shop>(
      await fixture.core.dispatch(owner, 'shops.add', {
        platform: 'jd',
        name: '棉语家居京东二店',
        mainAccount: 'mianyu_jd2',
        connectorKind: 'demo',
        copyRulesFrom: 'jd-mianyu',
      }),
    );
    // 棉京 is taken by 棉语家居京东专营店: the new one is named by where its name differs.
    expect(shop.shortName).toBe('棉二');
    const all = value<Shop[]>(await fixture.core.dispatch(owner, 'shops.list', {}));
    expect(all.filter((s) => s.colour === shop.colour)).toHaveLength(1);
    expect(shop.connector.kind).toBe('demo');
    expect(shop.inbox).toEqual(source.inbox);
    // The demo connector runs for it at once.
    await fixture.run(60_000);
    const counts = value<Record<string, { unread: number }>>(await fixture.core.dispatch(owner, 'inbox.counts', {}));
    expect(counts[shop.id]!.unread).toBeGreaterThan(0);

    const renamed = value<Shop>(
      await fixture.core.dispatch(owner, 'shops.update', { shopId: shop.id, shortName: '京二' }),
    );
    expect(renamed.shortName).toBe('京二');
  });

  it('refuses an unknown connector and a source shop outside the caller’s scope', async () => {
    fixture = await startCoreFixture({ messagesPerMinute: 0.001 });
    const owner = await loggedIn(fixture.core, 'owner');
    expect(
      await fixture.core.dispatch(owner, 'shops.add', {
        platform: 'jd',
        name: 'x',
        mainAccount: 'x',
        connectorKind: 'nope',
      }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(
      await fixture.core.dispatch(owner, 'shops.add', {
        platform: 'jd',
        name: 'x',
        mainAccount: 'x',
        copyRulesFrom: 'no-such-shop',
      }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
