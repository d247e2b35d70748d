// The product catalogue through the core: the demo's SKUs seeded in every demo shop, SKUs added and edited with
// their codes checked, delegation by shop (stock.edit where the SKU is listed, to add and to take off), product
// cards offered per shop and sent only from that shop's SKUs, and everything back after a restart.
import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { Caller, Message, ProductCard, Sku } from '../../../shared/contract/index.ts';
import { DEMO_SKUS } from '../../../electron/connectors/demo-platform/demo-data.ts';
import { loggedIn, makeTempDir, startCoreFixture, type CoreFixture } from '../../support/core-fixture.ts';

const fixtures: CoreFixture[] = [];
afterEach(async () => {
  for (const f of fixtures.splice(0)) await f.close();
});
async function start(options: Parameters<typeof startCoreFixture>[0] = {}) {
  const f = await startCoreFixture({ messagesPerMinute: 30, ...options });
  fixtures.push(f);
  return f;
}

const skuInput = (extra: Partial<Sku> & { create?: boolean } = {}) => ({
  create: true,
  code: 'MY-PL-0001-WHT',
  title: '乳胶枕 白',
  priceFen: 12900,
  shopIds: ['tmall-mianyu'],
  ...extra,
});

async function call<T>(f: CoreFixture, caller: Caller, method: string, input: unknown) {
  return (await f.core.dispatch(caller, method as never, input as never)) as
    { ok: true; value: T } | { ok: false; error: { code: string } };
}

describe('the product catalogue', () => {
  it("seeds the demo's SKUs in every demo shop and offers them as product cards there", async () => {
    const f = await start();
    const owner = await loggedIn(f.core, 'owner');
    const all = await call<Sku[]>(f, owner, 'inventory.skus', {});
    expect(all.ok && all.value.map((s) => s.code).sort()).toEqual(DEMO_SKUS.map((s) => s.sku).sort());
    expect(all.ok && all.value.every((s) => s.shopIds.length === 5 && s.lowStockAt === 5)).toBe(true);
    const xiaolin = await loggedIn(f.core, 'xiaolin');
    const cards = await call<ProductCard[]>(f, xiaolin, 'inventory.productCards', {
      shopId: 'jd-mianyu',
      query: 'T恤',
    });
    expect(cards.ok && cards.value.map((c) => c.code)).toEqual(['MY-TS-2301-BLK-XL', 'MY-TS-2301-WHT-M']);
    // An agent without stock.view does not read the catalogue itself.
    expect((await call(f, xiaolin, 'inventory.skus', {})).ok).toBe(false);
  });

  it('adds and edits SKUs with checked codes; a code is added once', async () => {
    const f = await start();
    const owner = await loggedIn(f.core, 'owner');
    const added = await call<Sku>(f, owner, 'inventory.saveSku', skuInput());
    expect(added.ok && added.value).toMatchObject({ code: 'MY-PL-0001-WHT', lowStockAt: 5, archived: false });
    const again = await call(f, owner, 'inventory.saveSku', skuInput());
    expect(again.ok || again.error.code).toBe('conflict');
    const missing = await call(f, owner, 'inventory.saveSku', skuInput({ create: false, code: 'NOPE-1' }));
    expect(missing.ok || missing.error.code).toBe('not_found');
    for (const code of ['白色T恤', 'MY TS', '-MY', 'A'.repeat(65), 'a/b'])
      expect((await call(f, owner, 'inventory.saveSku', skuInput({ code }))).ok).toBe(false);
    const edited = await call<Sku>(f, owner, 'inventory.saveSku', skuInput({ create: false, priceFen: 9900 }));
    expect(edited.ok && edited.value.priceFen).toBe(9900);
    const found = await call<Sku[]>(f, owner, 'inventory.skus', { shopId: 'tmall-mianyu', query: '乳胶' });
    expect(found.ok && found.value.map((s) => [s.code, s.priceFen])).toEqual([['MY-PL-0001-WHT', 9900]]);
    const archived = await call<Sku>(f, owner, 'inventory.saveSku', skuInput({ create: false, archived: true }));
    expect(archived.ok).toBe(true);
    const listed = await call<Sku[]>(f, owner, 'inventory.skus', { query: '乳胶' });
    expect(listed.ok && listed.value).toEqual([]);
  });

  it('lets a stock keeper edit only in the shops where he manages stock', async () => {
    const f = await start();
    const owner = await loggedIn(f.core, 'owner');
    await call(f, owner, 'inventory.saveSku', skuInput({ shopIds: ['tmall-mianyu', 'jd-mianyu'] }));
    const laowang = await loggedIn(f.core, 'laowang');
    // 仓管老王 keeps stock for the Tmall shop only.
    const own = await call(
      f,
      laowang,
      'inventory.saveSku',
      skuInput({ code: 'MY-PL-0002', shopIds: ['tmall-mianyu'] }),
    );
    expect(own.ok).toBe(true);
    const elsewhere = await call(
      f,
      laowang,
      'inventory.saveSku',
      skuInput({ code: 'MY-PL-0003', shopIds: ['jd-mianyu'] }),
    );
    expect(elsewhere.ok || elsewhere.error.code).toBe('forbidden');
    const takeOff = await call(f, laowang, 'inventory.saveSku', skuInput({ create: false, shopIds: ['tmall-mianyu'] }));
    expect(takeOff.ok || takeOff.error.code).toBe('forbidden');
  });

  it("sends a product card only from the chat's shop, and keeps the catalogue across a restart", async () => {
    const dataDir = await makeTempDir();
    try {
      const first = await startCoreFixture({ dataDir, idPrefix: 'a', messagesPerMinute: 30 });
      const owner = await loggedIn(first.core, 'owner');
      await call(first, owner, 'inventory.saveSku', skuInput());
      let chats: { id: string; assigneeId: string | null }[] = [];
      for (let i = 0; i < 20 && chats.length === 0; i += 1) {
        await first.run(30_000);
        const found = await call<typeof chats>(first, owner, 'inbox.listConversations', {
          shopId: 'tmall-mianyu',
          view: 'recent',
        });
        chats = found.ok ? found.value.filter((c) => c.assigneeId === null) : [];
      }
      const chat = chats[0]!;
      const card = await call<Message>(first, owner, 'inbox.reply', {
        shopId: 'tmall-mianyu',
        conversationId: chat.id,
        text: '这款很适合您',
        card: { kind: 'product', sku: 'MY-PL-0001-WHT' },
      });
      expect(card.ok && card.value).toMatchObject({ kind: 'product', ref: 'MY-PL-0001-WHT', text: '这款很适合您' });
      const other = await call(first, owner, 'inbox.reply', {
        shopId: 'tmall-mianyu',
        conversationId: chat.id,
        text: '',
        card: { kind: 'product', sku: 'NOT-LISTED-1' },
      });
      expect(other.ok || other.error.code).toBe('not_found');
      await first.close();
      const second = await start({ dataDir, idPrefix: 'b' });
      const again = await call<Sku[]>(second, await loggedIn(second.core, 'owner'), 'inventory.skus', {
        query: 'MY-PL',
      });
      expect(again.ok && again.value.map((s) => s.code)).toEqual(['MY-PL-0001-WHT']);
    } finally {
      for (const f of fixtures.splice(0)) await f.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
