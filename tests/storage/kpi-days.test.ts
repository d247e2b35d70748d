// The report threads (electron/storage/sqlite/kpi-days.ts) against real shop databases: the sheets of a request split
// over the threads come back in the days' order and equal what computeStoredDays makes of the same rows on this
// thread; the stored facts of the chats (buyer, group) are read with them; a database that cannot be read fails its
// request with the reason, and the pool goes on serving the next one.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, computeStoredDays, dayStart } from '../../shared/domain/reports/kpi.ts';
import { DEFAULT_KPI_RULES } from '../../shared/domain/reports/kpi-rules.ts';
import { createKpiDaysPool } from '../../electron/storage/sqlite/kpi-days.ts';
import { auditPaths, createShopStreams } from '../../electron/storage/sqlite/shop-streams.ts';
import { makeTempDir } from '../support/core-fixture.ts';
import { plainSheet } from '../support/day-sheets.ts';
import { aConversation, aMessage } from '../support/factories.ts';

const SHOP = 'shop-a';
const FIRST = '2026-11-01';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('the report threads', () => {
  it('compute a shop’s days split over the threads, in order, as this thread computes them', async () => {
    const root = await makeTempDir();
    await mkdir(join(root, 'shops', SHOP), { recursive: true });
    const streams = createShopStreams(root, { kpiThreads: 2 });
    cleanups.push(async () => {
      await streams.closeAll();
      await rm(root, { recursive: true, force: true });
    });
    await streams.open(SHOP);
    const days = Array.from({ length: 5 }, (_, i) => addDays(FIRST, i));
    // Day i: i + 1 chats, each a question and a reply i minutes later; odd chats are after-sales.
    let n = 0;
    for (const [d, day] of days.entries())
      for (let c = 0; c <= d; c += 1) {
        const id = `c${d}-${c}`;
        const asked = dayStart(day) + 10 * 3_600_000 + c * 60_000;
        await streams.write(SHOP, {
          conversations: [
            aConversation({ id, shopId: SHOP, group: c % 2 === 0 ? 'presale' : 'aftersale', waitingSince: null }),
          ],
          messages: [
            aMessage({ id: `m${(n += 1)}`, conversationId: id, shopId: SHOP, from: 'buyer', at: asked }),
            aMessage({
              id: `m${(n += 1)}`,
              conversationId: id,
              shopId: SHOP,
              from: 'agent',
              authorId: 'amy',
              at: asked + d * 60_000,
            }),
          ],
          rounds: [{ conversationId: id, startedAt: asked, answeredAt: asked + d * 60_000, agentId: 'amy' }],
        });
      }
    const rule = DEFAULT_KPI_RULES.tmall;
    const now = dayStart(addDays(FIRST, 6));
    const sheets = await streams.kpiDays(SHOP, days, rule, now);
    expect(sheets.map((s) => s.day)).toEqual(days);
    expect(sheets.map((s) => [...s.byGroup.values()].reduce((sum, g) => sum + g.rounds, 0))).toEqual([1, 2, 3, 4, 5]);
    // The chats' groups and buyers come from their stored rows.
    expect([...sheets[4]!.byGroup.keys()].sort()).toEqual(['aftersale', 'presale']);
    expect(sheets[4]!.inquiries.map((q) => q.buyerId).sort()).toEqual(['b-c4-0', 'b-c4-2', 'b-c4-4']);
    const here = computeStoredDays(streams.kpi(SHOP), days, rule, now);
    expect(sheets.map(plainSheet)).toEqual(here.map(plainSheet));
  });

  it('fail a request on a database that cannot be read, and go on serving the next', async () => {
    const root = await makeTempDir();
    const pool = createKpiDaysPool(1);
    cleanups.push(async () => {
      await pool.close();
      await rm(root, { recursive: true, force: true });
    });
    const broken = join(root, 'broken.sqlite');
    await writeFile(broken, 'not a database at all, just text '.repeat(200));
    await expect(pool.compute(broken, [FIRST], DEFAULT_KPI_RULES.jd, 0)).rejects.toThrow(
      /computing report figures failed: .*(not a database|malformed)/,
    );
    const streams = createShopStreams(root);
    cleanups.unshift(() => streams.closeAll());
    await mkdir(join(root, 'shops', SHOP), { recursive: true });
    await streams.open(SHOP);
    const [sheet] = await pool.compute(auditPaths(root, SHOP).database, [FIRST], DEFAULT_KPI_RULES.jd, 0);
    expect(sheet!.day).toBe(FIRST);
    expect(sheet!.byGroup.size).toBe(0);
  });
});
