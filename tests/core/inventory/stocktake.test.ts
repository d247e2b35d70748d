// Stocktake through the core: a sheet takes the book when it is made; a line off by more than 5 units or 5% needs
// a second count by another person; posting turns each variance into a stocktake movement (the book as it stood
// at the sheet, so orders during the count are not undone) with both counts in the audit entry; a counter without
// stock.edit counts blind.
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionInfo, StockRow, StocktakeSheet } from '../../../shared/contract/index.ts';
import { createStocktakes } from '../../../electron/core/inventory/stocktake-service.ts';
import type { CommandTx } from '../../../electron/core/module.ts';
import { ORG_LOG } from '../../../electron/core/ports.ts';
import { loggedIn, startCoreFixture, type CoreFixture } from '../../support/core-fixture.ts';

const fixtures: CoreFixture[] = [];
afterEach(async () => {
  for (const f of fixtures.splice(0)) await f.close();
});

const A = 'MY-TS-2301-WHT-M';
const B = 'MY-TW-7030-PNK';

describe('stocktake', () => {
  it('needs a second counter for a large variance, and posts the variances against the book of the sheet', async () => {
    const f = await startCoreFixture({ messagesPerMinute: 0.001 });
    fixtures.push(f);
    const owner = await loggedIn(f.core, 'owner');
    const laowang = await loggedIn(f.core, 'laowang');
    const started = await f.core.dispatch(owner, 'inventory.startStocktake', { skus: [A, B] });
    if (!started.ok) throw new Error(started.error.code);
    const sheet = started.value as StocktakeSheet;
    expect(sheet.lines.map((l) => [l.sku, l.book, l.waiting])).toEqual([
      [A, 500, 'first'],
      [B, 500, 'first'],
    ]);
    // A counted 3 short (within 5 units): done. B counted 40 short: a second counter is needed.
    const first = await f.core.dispatch(laowang, 'inventory.submitCounts', {
      sheetId: sheet.id,
      counts: [
        { sku: A, count: 497 },
        { sku: B, count: 460 },
      ],
    });
    expect(first.ok && (first.value as StocktakeSheet).lines.map((l) => l.waiting)).toEqual(['none', 'second']);
    const early = await f.core.dispatch(owner, 'inventory.postStocktake', { sheetId: sheet.id });
    expect(early.ok || early.error.code).toBe('conflict');
    const same = await f.core.dispatch(laowang, 'inventory.submitCounts', {
      sheetId: sheet.id,
      counts: [{ sku: B, count: 470 }],
    });
    expect(same.ok || same.error.code).toBe('forbidden');
    const again = await f.core.dispatch(laowang, 'inventory.submitCounts', {
      sheetId: sheet.id,
      counts: [{ sku: A, count: 1 }],
    });
    expect(again.ok || again.error.code).toBe('conflict');
    await f.core.dispatch(owner, 'inventory.submitCounts', { sheetId: sheet.id, counts: [{ sku: B, count: 462 }] });
    // Stock moves while the count is under way: the posting keeps it.
    await f.core.dispatch(owner, 'inventory.moveStock', { sku: B, kind: 'goods_in', quantity: 10 });
    const posted = await f.core.dispatch(owner, 'inventory.postStocktake', { sheetId: sheet.id });
    if (!posted.ok) throw new Error(posted.error.code);
    expect((posted.value as StocktakeSheet).lines.map((l) => [l.sku, l.variance])).toEqual([
      [A, -3],
      [B, -38],
    ]);
    const stock = await f.core.dispatch(owner, 'inventory.stock', {});
    if (!stock.ok) throw new Error(stock.error.code);
    const normal = (code: string) =>
      (stock.value as { rows: StockRow[] }).rows.find((r) => r.code === code)!.quantities.normal;
    expect(normal(A)).toBe(497);
    expect(normal(B)).toBe(500 + 10 - 38);
    const entries = await f.core.dispatch(owner, 'audit.list', { log: 'org', action: 'inventory.postStocktake' });
    expect(JSON.stringify(entries)).toContain('"first":460');
    expect(JSON.stringify(entries)).toContain('"second":462');
    const twice = await f.core.dispatch(owner, 'inventory.postStocktake', { sheetId: sheet.id });
    expect(twice.ok || twice.error.code).toBe('conflict');
  });

  it('shows a counter without stock.edit neither the book nor the other counts', async () => {
    const book = new Map([[A, 42]]);
    const service = createStocktakes({
      streams: { stocktakeSheets: () => [] } as never,
      catalogue: { get: (code: string) => ({ code, title: 'T恤' }), all: () => [] } as never,
      stock: { position: (sku: string) => ({ quantities: { normal: book.get(sku) ?? 0 } }) } as never,
      ids: { next: () => 'st_1' },
    });
    const writes: unknown[] = [];
    const tx = (at: number): CommandTx => ({
      at,
      write: async (log, write) => void writes.push([log, write]),
      record: () => undefined,
      target: () => undefined,
      documentEntry: () => ({}) as never,
    });
    const editor = { userId: 'p1', kind: 'owner' } as SessionInfo;
    const counter = { userId: 'p2', kind: 'staff', shopGrants: { s: ['stock.view'] } } as unknown as SessionInfo;
    const other = { userId: 'p3', kind: 'staff', shopGrants: { s: ['stock.view'] } } as unknown as SessionInfo;
    const sheet = await service.start(editor, { skus: [A] }, tx(1));
    expect(sheet.lines[0]!.book).toBe(42);
    const counted = await service.submit(counter, { sheetId: sheet.id, counts: [{ sku: A, count: 30 }] }, tx(2));
    expect(counted.lines[0]).toMatchObject({ book: null, variance: null, first: { count: 30, by: 'p2' } });
    expect(service.list(other)[0]!.lines[0]).toMatchObject({
      book: null,
      first: { count: null, by: 'p2' },
      waiting: 'second',
    });
    expect(writes[0]).toEqual([ORG_LOG, expect.objectContaining({ stocktakes: expect.any(Array) })]);
  });
});
