// `roster`: 5,000 people × 20 shops (each person holds sub-accounts in 4 shops: 20,000 sub-accounts), on real SQLite.
// 1. Apply one local edit (a sub-account's roles): the core's own work — ops made, applied, views updated — with the
//    durable write replaced by an immediate one; and the same edit end to end with the real writer thread (fsync).
// 2. Permission check: what dispatch does per call (the grants a session holds in the shop the call names); the
//    baseline is the earlier check against one global list.
// 3. Sync 10,000 ops queued while the platform was offline, once it is back: push in pages, store every answer,
//    pull what the platform holds — against the demo platform's hub; baseline: the hub's own work alone.
// 4. Filter/search the people table in Chromium (browser mode): from the keystroke to the table showing the result.
import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { grants, grantsInShop, type SessionInfo } from '../../shared/contract/index.ts';
import { createDemoRosterHub } from '../../electron/connectors/demo-platform/demo-roster-hub.ts';
import { ORG_LOG } from '../../electron/core/ports.ts';
import { createRosterService } from '../../electron/core/roster/roster-service.ts';
import { createRosterSync } from '../../electron/core/roster/roster-sync.ts';
import type { ShopDocument } from '../../electron/core/shops/shop-document.ts';
import { sessionOf } from '../../electron/core/sessions/session-service.ts';
import type { Person } from '../../electron/core/sessions/people-document.ts';
import { createShopStreams } from '../../electron/storage/sqlite/shop-streams.ts';
import { launchChromium, logInAs, startServe } from '../support/browser.ts';
import { makeTempDir, quietLogger } from '../support/core-fixture.ts';
import { generateRoster } from '../support/roster-data.ts';
import { percentile, type BenchOutcome, type BenchRow } from './harness.ts';

const PEOPLE = 5_000;
const SHOPS = Array.from({ length: 20 }, (_, i) => `bench-shop-${i + 1}`);
const EDITS = 2_000;
const CHECKS = 200_000;
const QUEUED = 10_000;

const clock = { now: () => Date.now(), setTimeout: () => ({ id: 0 }), clearTimeout: () => undefined };

function shopDoc(id: string): ShopDocument {
  return { profile: { id, mainAccount: `${id}-main`, sellerLevel: 'tmall', name: id } } as unknown as ShopDocument;
}

const ms = (values: number[], p: number) =>
  percentile(
    [...values].sort((a, b) => a - b),
    p,
  );

async function coreFigures(root: string) {
  for (const id of SHOPS) mkdirSync(join(root, 'shops', id), { recursive: true });
  const streams = createShopStreams(root);
  await streams.open(ORG_LOG);
  for (const id of SHOPS) await streams.open(id);
  const data = generateRoster({ people: PEOPLE, shopIds: SHOPS, shopsPerPerson: 4 });
  await streams.write(ORG_LOG, { roster: { ops: data.org } });
  for (const [id, ops] of data.shops) await streams.write(id, { roster: { ops } });

  let n = 0;
  let immediate = false;
  const service = createRosterService({
    store: { load: (log) => streams.rosterLog(log) },
    clock,
    ids: { next: (prefix) => `${prefix}_${(n += 1)}` },
    write: (log, write) => (immediate ? Promise.resolve() : streams.write(log, write)),
    shopOf: (id) => shopDoc(id),
    people: () => [],
    demo: null,
  });
  const openStarted = performance.now();
  await service.openLog(ORG_LOG);
  for (const id of SHOPS) await service.openLog(id);
  const openMs = performance.now() - openStarted;

  // 1. Local edits: alternate two roles on random sub-accounts, one edit at a time.
  const owner: SessionInfo = {
    userId: 'owner',
    login: 'owner',
    displayName: '店主',
    kind: 'owner',
    roleLabel: '店主',
    grants: ['*'],
    shopGrants: {},
    shopIds: 'all',
    locked: false,
    hasPin: false,
  };
  const actor = { id: 'owner', name: '店主', session: owner };
  const tx = (shopId: string) => ({
    at: clock.now(),
    write: (log: string, write: Parameters<typeof streams.write>[1]) =>
      immediate ? Promise.resolve() : streams.write(log, write),
    record: () => undefined,
    target: () => undefined,
    documentEntry: () => {
      throw new Error(`no document in ${shopId}`);
    },
  });
  const editTimes = { core: [] as number[], durable: [] as number[] };
  for (const mode of ['core', 'durable'] as const) {
    immediate = mode === 'core';
    for (let i = 0; i < (mode === 'core' ? EDITS : EDITS / 4); i += 1) {
      const person = data.people[(i * 7919) % data.people.length]!;
      const shopId = person.shops[0]!;
      const started = performance.now();
      await service.updateSubAccount(actor, tx(shopId), {
        shopId,
        subAccountId: `sa-${person.id}`,
        roleIds: [i % 2 === 0 ? 'role-presale' : 'role-aftersale'],
      });
      if (i >= 20) editTimes[mode].push(performance.now() - started);
    }
  }
  immediate = false;

  // 2. Permission checks on sessions derived from the roster (overlay: what a login or a refresh computes).
  const sessions: SessionInfo[] = [];
  const overlayTimes: number[] = [];
  for (const person of data.people.slice(0, 500)) {
    const stored = {
      id: person.id,
      login: person.id,
      displayName: person.name,
      kind: 'staff',
      roleLabel: '',
      grants: [],
      passwordHash: '',
      pinHash: null,
      subAccounts: [],
      demo: false,
      disabled: false,
      routing: null,
      quickPhrases: [],
    } satisfies Person;
    const started = performance.now();
    const effective = service.overlay(stored);
    overlayTimes.push(performance.now() - started);
    sessions.push(sessionOf(effective));
  }
  const checks = { perShop: [] as number[], global: [] as number[] };
  let allowed = 0;
  for (let round = 0; round < CHECKS / 100; round += 1) {
    const session = sessions[round % sessions.length]!;
    const shopId = SHOPS[round % SHOPS.length]!;
    let started = process.hrtime.bigint();
    for (let i = 0; i < 100; i += 1) if (grants(grantsInShop(session, shopId), 'inbox.reply')) allowed += 1;
    checks.perShop.push(Number(process.hrtime.bigint() - started) / 100 / 1000);
    started = process.hrtime.bigint();
    for (let i = 0; i < 100; i += 1) if (grants(session.grants, 'inbox.reply')) allowed += 1;
    checks.global.push(Number(process.hrtime.bigint() - started) / 100 / 1000);
  }

  // 3. Sync after a reconnect: 10,000 edits queued in one shop while its platform was offline.
  const syncShop = SHOPS[0]!;
  const hub = createDemoRosterHub(syncShop, () => clock.now());
  const sync = createRosterSync({
    hubOf: () => hub,
    targetOf: (id) => service.syncTarget(id),
    logger: quietLogger,
  });
  hub.setOnline(false);
  await sync.request(syncShop); // everything so far was queued too (the import and the edits): push it first
  hub.setOnline(true);
  await sync.request(syncShop);
  hub.setOnline(false);
  const queuedOps = data.people
    .filter((p) => p.shops.includes(syncShop))
    .flatMap((p) => Array.from({ length: 12 }, () => p))
    .slice(0, QUEUED);
  immediate = false;
  for (let i = 0; i < queuedOps.length; i += 500) {
    await Promise.all(
      queuedOps.slice(i, i + 500).map((p, j) =>
        service.updateSubAccount(actor, tx(syncShop), {
          shopId: syncShop,
          subAccountId: `sa-${p.id}`,
          // A new value every time (a temporary account's end, moved on): each edit is one op.
          expiresAt: 4_000_000_000_000 + i + j,
        }),
      ),
    );
  }
  const pending = service.syncStatus(syncShop).pending;
  hub.setOnline(true);
  const syncStarted = performance.now();
  await sync.request(syncShop);
  const syncMs = performance.now() - syncStarted;
  const afterSync = service.syncStatus(syncShop).pending;
  // Baseline: the hub alone taking the same ops in the same pages.
  const baselineHub = createDemoRosterHub('baseline', () => clock.now());
  const queued = [...hub.replica.allOps()].slice(-pending);
  const hubStarted = performance.now();
  for (let i = 0; i < queued.length; i += 500) await baselineHub.push(queued.slice(i, i + 500));
  const hubMs = performance.now() - hubStarted;
  sync.stop();
  await streams.closeAll();
  return { openMs, editTimes, overlayTimes, checks, allowed, syncMs, pending, afterSync, hubMs };
}

export async function browserFigure(): Promise<{ filterMs: number[]; count: string }> {
  const root = await makeTempDir('seller-console-roster-bench-');
  // First start seeds the demo (5 shops); then 5,000 people are added to the organisation's log.
  const first = await startServe(['--demo-rate', '0.001', '--roster-changes-per-hour', '0'], root);
  await first.stop();
  const streams = createShopStreams(root);
  await streams.open(ORG_LOG);
  const data = generateRoster({ people: PEOPLE, shopIds: [], shopsPerPerson: 0 });
  await streams.write(ORG_LOG, { roster: { ops: data.org.filter((op) => op.entity === 'person') } });
  await streams.closeAll();
  const serve = await startServe(['--demo-rate', '0.001', '--roster-changes-per-hour', '0'], root);
  const browser = await launchChromium();
  const filterMs: number[] = [];
  try {
    const page = await logInAs(browser, serve.url, 'owner');
    await page.getByRole('menuitem', { name: '员工与权限' }).click();
    await page.locator('.roster-person-row').first().waitFor();
    const queries = ['王', '王伟', 'E0042', '花名49', '', '李', '138', 'ding12', '张芳', ''];
    for (let round = 0; round < 3; round += 1) {
      for (const query of queries) {
        const before = await page.locator('.roster-count').textContent();
        const elapsed = await page.evaluate(
          ({ query, before }) =>
            new Promise<number>((resolve) => {
              const input = document.querySelector<HTMLInputElement>('.roster-search input')!;
              const count = document.querySelector('.roster-count')!;
              const started = performance.now();
              const done = () => requestAnimationFrame(() => resolve(performance.now() - started));
              const observer = new MutationObserver(() => {
                if (count.textContent !== before) {
                  observer.disconnect();
                  done();
                }
              });
              observer.observe(count, { childList: true, characterData: true, subtree: true });
              const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
              setter.call(input, query);
              input.dispatchEvent(new Event('input', { bubbles: true }));
              // Same count as before (the query matches as many): the frame after the next one.
              setTimeout(() => {
                observer.disconnect();
                done();
              }, 300);
            }),
          { query, before },
        );
        filterMs.push(elapsed);
      }
    }
    return { filterMs, count: (await page.locator('.roster-count').textContent()) ?? '' };
  } finally {
    await browser.close();
    await serve.stop();
    await rm(root, { recursive: true, force: true });
  }
}

export async function rosterBenchmark(): Promise<BenchOutcome> {
  const root = await makeTempDir('seller-console-roster-bench-');
  try {
    const core = await coreFigures(root);
    const ui = await browserFigure();
    const rows: BenchRow[] = [
      {
        measure: 'open 21 logs (5,000 people, 20,000 sub-accounts)',
        p50: core.openMs,
        p99: core.openMs,
        unit: 'ms',
        target: '—',
      },
      {
        measure: 'local edit, core work',
        p50: ms(core.editTimes.core, 50),
        p99: ms(core.editTimes.core, 99),
        unit: 'ms',
        target: '≤ 1 (p99)',
      },
      {
        measure: 'local edit, durable (fsync)',
        p50: ms(core.editTimes.durable, 50),
        p99: ms(core.editTimes.durable, 99),
        unit: 'ms',
        target: '—',
      },
      {
        measure: 'session derived from the roster',
        p50: ms(core.overlayTimes, 50),
        p99: ms(core.overlayTimes, 99),
        unit: 'ms',
        target: '—',
      },
      {
        measure: 'permission check, per shop',
        p50: ms(core.checks.perShop, 50),
        p99: ms(core.checks.perShop, 99),
        unit: 'µs',
        target: '≤ 10 (p99)',
      },
      {
        measure: 'baseline: one global grant list',
        p50: ms(core.checks.global, 50),
        p99: ms(core.checks.global, 99),
        unit: 'µs',
        target: '—',
      },
      {
        measure: `sync ${core.pending} queued ops after reconnect`,
        p50: core.syncMs,
        p99: core.syncMs,
        unit: 'ms',
        target: '≤ 1000',
      },
      { measure: 'baseline: the hub alone, same pages', p50: core.hubMs, p99: core.hubMs, unit: 'ms', target: '—' },
      {
        measure: 'filter/search people table (Chromium)',
        p50: ms(ui.filterMs, 50),
        p99: ms(ui.filterMs, 99),
        unit: 'ms',
        target: '≤ 50',
      },
    ];
    return {
      title: `${PEOPLE} people × ${SHOPS.length} shops`,
      rows,
      notes: [
        `sync left ${core.afterSync} pending; permission checks allowed ${core.allowed} of ${CHECKS * 2}`,
        `people table after the last query: ${ui.count}`,
      ],
      result: {
        edit_p99_ms: ms(core.editTimes.core, 99),
        durable_edit_p99_ms: ms(core.editTimes.durable, 99),
        check_p99_us: ms(core.checks.perShop, 99),
        check_baseline_p99_us: ms(core.checks.global, 99),
        sync_10k_ms: core.syncMs,
        sync_hub_only_ms: core.hubMs,
        filter_p50_ms: ms(ui.filterMs, 50),
        filter_p99_ms: ms(ui.filterMs, 99),
      },
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
