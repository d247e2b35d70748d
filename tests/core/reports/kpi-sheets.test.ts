// The kept day sheets against a real shop database: today is recomputed a chat at a time, and must always equal the
// day computed afresh from the rows; a reply after midnight changes the day its round began; a round still waiting
// turns late with time alone; past days computed in the report threads are the days computed on the main thread,
// and one that arrives after a reply it could not have seen is recomputed.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/contract/index.ts';
import type { ConversationFact, DaySheet } from '../../../shared/domain/reports/kpi.ts';
import type { ShopStreams } from '../../../electron/core/ports.ts';
import { DEFAULT_KPI_RULES } from '../../../shared/domain/reports/kpi-rules.ts';
import { createKpiSheets } from '../../../electron/core/reports/kpi-sheets.ts';
import { createShopStreams } from '../../../electron/storage/sqlite/shop-streams.ts';
import { makeTempDir } from '../../support/core-fixture.ts';
import { plainSheet } from '../../support/day-sheets.ts';
import { aConversation, aMessage } from '../../support/factories.ts';

const SHOP = 'shop-a';
const YESTERDAY = '2026-11-09';
const TODAY = '2026-11-10';
const at = (hms: string, day = TODAY) => Date.parse(`${day}T${hms}+08:00`);
const total = (s: DaySheet) => [...s.byGroup.values()][0]!;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The streams the sheets read, with the reads on the main thread counted and the report threads replaceable. */
type Reading = { mainReads: number; kpiDays: ShopStreams['kpiDays'] };

async function shopWithSheets() {
  const root = await makeTempDir();
  await mkdir(join(root, 'shops', SHOP), { recursive: true });
  const streams = createShopStreams(root);
  cleanups.push(async () => {
    await streams.closeAll();
    await rm(root, { recursive: true, force: true });
  });
  await streams.open(SHOP);
  const conversations = new Map<string, ConversationFact>();
  const reading: Reading = { mainReads: 0, kpiDays: (...args) => streams.kpiDays(...args) };
  const errors: unknown[] = [];
  const deps = {
    streams: {
      ...streams,
      kpi: (key: string) => {
        reading.mainReads += 1;
        return streams.kpi(key);
      },
      kpiDays: (...args: Parameters<ShopStreams['kpiDays']>) => reading.kpiDays(...args),
    },
    ruleOf: () => DEFAULT_KPI_RULES.taobao,
    conversationOf: (_shop: string, id: string) => conversations.get(id),
    onError: (error: unknown) => errors.push(error),
  };
  /** The chat as the inbox stores it with each message (past days read their buyers and groups from it). */
  const stored = (id: string) => {
    const fact = conversations.get(id)!;
    return aConversation({
      id,
      shopId: SHOP,
      buyer: { id: fact.buyerId, nick: fact.buyerId },
      waitingSince: fact.waitingSince,
    });
  };
  let n = 0;
  const message = (conversationId: string, from: Message['from'], when: number, authorId: string | null = null) =>
    aMessage({ id: `m${(n += 1)}`, conversationId, shopId: SHOP, from, at: when, authorId, text: '你好' });
  return {
    streams,
    reading,
    errors,
    conversations,
    sheets: createKpiSheets(deps),
    /** The day as a console just started would compute it. */
    fresh: (day: string, now: number) => createKpiSheets(deps).sheet(SHOP, day, now),
    async ask(id: string, when: number) {
      conversations.set(id, { buyerId: `b-${id}`, group: 'presale', waitingSince: when });
      await streams.write(SHOP, {
        conversations: [stored(id)],
        messages: [message(id, 'buyer', when)],
        rounds: [{ conversationId: id, startedAt: when, answeredAt: null, agentId: null }],
      });
    },
    async answer(id: string, startedAt: number, when: number, agentId: string) {
      conversations.set(id, { ...conversations.get(id)!, waitingSince: null });
      await streams.write(SHOP, {
        conversations: [stored(id)],
        messages: [message(id, 'agent', when, agentId)],
        rounds: [{ conversationId: id, startedAt, answeredAt: when, agentId }],
      });
    },
  };
}

describe('kept day sheets', () => {
  it('recompute today a chat at a time, always equal to the day computed afresh', async () => {
    const shop = await shopWithSheets();
    await shop.ask('c1', at('10:00:00'));
    await shop.answer('c1', at('10:00:00'), at('10:01:00'), 'amy');
    await shop.ask('c2', at('10:02:00'));
    let now = at('10:03:00');
    const first = shop.sheets.sheet(SHOP, TODAY, now);
    expect([total(first).rounds, total(first).answered]).toEqual([2, 1]);
    // A reply in c2, a new chat c3: each touched chat is read again; the sum is what a fresh start computes.
    await shop.answer('c2', at('10:02:00'), at('10:04:00'), 'bo');
    shop.sheets.touch(SHOP, TODAY, 'c2');
    await shop.ask('c3', at('10:05:00'));
    await shop.answer('c3', at('10:05:00'), at('10:05:30'), 'amy');
    shop.sheets.touch(SHOP, TODAY, 'c3');
    now = at('10:06:00');
    const second = shop.sheets.sheet(SHOP, TODAY, now);
    expect([total(second).rounds, total(second).answered, total(second).received]).toEqual([3, 3, 3]);
    expect(plainSheet(second)).toEqual(plainSheet(shop.fresh(TODAY, now)));
    // Untouched, the kept sheet stands (nothing waits: it cannot change with time).
    expect(shop.sheets.sheet(SHOP, TODAY, at('12:00:00'))).toBe(second);
  });

  it('a round still waiting turns late with time alone', async () => {
    const shop = await shopWithSheets();
    await shop.ask('c1', at('10:00:00'));
    const waiting = shop.sheets.sheet(SHOP, TODAY, at('10:02:00'));
    expect(total(waiting).counted).toBe(0); // undecided: under 3 minutes
    const late = shop.sheets.sheet(SHOP, TODAY, at('10:03:01'));
    expect([total(late).counted, total(late).countedOnTime]).toEqual([1, 0]);
    expect(plainSheet(late)).toEqual(plainSheet(shop.fresh(TODAY, at('10:03:01'))));
  });

  it("a reply after midnight changes the day its round began, once that day's sheet is kept", async () => {
    const shop = await shopWithSheets();
    await shop.ask('c1', at('22:50:00', YESTERDAY));
    // Read at 08:00 today: yesterday is kept, with c1's round unanswered (late).
    const before = shop.sheets.sheet(SHOP, YESTERDAY, at('08:00:00'));
    expect([total(before).rounds, total(before).answered, total(before).counted]).toEqual([1, 0, 1]);
    expect(before.unanswered.has('c1')).toBe(true);
    await shop.answer('c1', at('22:50:00', YESTERDAY), at('08:05:00'), 'amy');
    shop.sheets.touch(SHOP, TODAY, 'c1');
    const after = shop.sheets.sheet(SHOP, YESTERDAY, at('08:06:00'));
    expect([total(after).rounds, total(after).answered]).toEqual([1, 1]);
    expect(plainSheet(after)).toEqual(plainSheet(shop.fresh(YESTERDAY, at('08:06:00'))));
    // The reply itself is today's message: today shows amy writing, and no round (it began yesterday).
    const today = shop.sheets.sheet(SHOP, TODAY, at('08:06:00'));
    expect([total(today).rounds, total(today).agentMessages]).toEqual([0, 1]);
  });

  it('computes past days in the report threads, the same sheets as on the main thread', async () => {
    const shop = await shopWithSheets();
    await shop.ask('c1', at('10:00:00', YESTERDAY));
    await shop.answer('c1', at('10:00:00', YESTERDAY), at('10:04:00', YESTERDAY), 'amy');
    await shop.ask('c2', at('22:00:00', YESTERDAY));
    await shop.answer('c2', at('22:00:00', YESTERDAY), at('22:00:30', YESTERDAY), 'bo');
    await shop.ask('c3', at('09:00:00', '2026-11-08'));
    const now = at('09:00:00');
    await shop.sheets.prepare([SHOP], ['2026-11-08', YESTERDAY, TODAY], now);
    const reads = shop.reading.mainReads;
    const yesterday = shop.sheets.sheet(SHOP, YESTERDAY, now);
    const before = shop.sheets.sheet(SHOP, '2026-11-08', now);
    expect(shop.reading.mainReads).toBe(reads); // both were kept: nothing read on the main thread
    expect([total(yesterday).rounds, total(yesterday).countedOnTime, total(yesterday).received]).toEqual([2, 1, 2]);
    expect(yesterday.inquiries.map((q) => q.buyerId).sort()).toEqual(['b-c1', 'b-c2']);
    expect(plainSheet(yesterday)).toEqual(plainSheet(shop.fresh(YESTERDAY, now)));
    expect(plainSheet(before)).toEqual(plainSheet(shop.fresh('2026-11-08', now)));
    expect(shop.errors).toEqual([]);
  });

  it('a day computed before a reply it could not see is kept only as dirty, and read again', async () => {
    const shop = await shopWithSheets();
    await shop.ask('c1', at('23:58:00', YESTERDAY));
    // The threads compute yesterday now (c1 waiting), but the answer comes before their sheets do.
    let release!: () => void;
    shop.reading.kpiDays = (...args) => {
      const computed = shop.streams.kpiDays(...args);
      return computed.then((sheets) => new Promise((resolve) => (release = () => resolve(sheets))));
    };
    const prepared = shop.sheets.prepare([SHOP], [YESTERDAY], at('00:03:00'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await shop.answer('c1', at('23:58:00', YESTERDAY), at('00:04:00'), 'amy');
    shop.sheets.touch(SHOP, TODAY, 'c1');
    release();
    await prepared;
    const reads = shop.reading.mainReads;
    const after = shop.sheets.sheet(SHOP, YESTERDAY, at('00:05:00'));
    expect(shop.reading.mainReads).toBe(reads + 1); // read again on the main thread
    expect([total(after).rounds, total(after).answered]).toEqual([1, 1]);
    expect(plainSheet(after)).toEqual(plainSheet(shop.fresh(YESTERDAY, at('00:05:00'))));
  });

  it('a failure in the report threads is logged, and the days are computed on read', async () => {
    const shop = await shopWithSheets();
    await shop.ask('c1', at('10:00:00', YESTERDAY));
    shop.reading.kpiDays = () => Promise.reject(new Error('thread stopped'));
    await shop.sheets.prepare([SHOP], [YESTERDAY], at('09:00:00'));
    expect(shop.errors.map(String)).toEqual(['Error: thread stopped']);
    const sheet = shop.sheets.sheet(SHOP, YESTERDAY, at('09:00:00'));
    expect([total(sheet).rounds, total(sheet).answered]).toEqual([1, 0]);
  });
});
