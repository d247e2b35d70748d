// `ingest`: durable buyer-message ingest across 20 shops through the real inbox path (summary index, per-shop
// SQLite, group commit in the writer thread). Sustained at the target rate, then a burst for the ceiling; ack
// latency is from hand-over to durable; event-loop stalls come from monitorEventLoopDelay. Baseline in the same
// run: lowdb (JSONFile) rewriting a document of 10k and 100k messages to add one message.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { JSONFile } from 'lowdb/node';
import { Low } from 'lowdb';
import { createEventBus } from '../../electron/core/events/event-bus.ts';
import { aRoutingPolicy, defaultInboxSettings } from '../support/factories.ts';
import { createRouter } from '../../electron/core/routing/router.ts';
import { createInboxService } from '../../electron/core/inbox/inbox-service.ts';
import { createShopStreams } from '../../electron/storage/sqlite/shop-streams.ts';
import { makeTempDir } from '../support/core-fixture.ts';
import { percentile, type BenchOutcome, type BenchRow } from './harness.ts';

const SHOPS = 20;
const TARGET_RATE = 10_000;
const SUSTAINED_SECONDS = 3;
const BURST_MESSAGES = 60_000;
const BUYERS_PER_SHOP = 2_000;
const TEXT = '我身高165体重55公斤，穿M还是L？这个面料是纯棉的吗？会起球吗？';

async function setup() {
  const root = await makeTempDir('bench-ingest-');
  const shopIds = Array.from({ length: SHOPS }, (_, i) => `shop-${String(i + 1).padStart(2, '0')}`);
  for (const id of shopIds) await mkdir(join(root, 'shops', id), { recursive: true });
  const streams = createShopStreams(root);
  let n = 0;
  const settings = defaultInboxSettings();
  const policy = aRoutingPolicy();
  const inbox = createInboxService({
    ids: { next: (prefix) => `${prefix}_${(n += 1)}` },
    bus: createEventBus(() => undefined),
    streams,
    router: createRouter(() => policy),
    settingsOf: () => settings,
  });
  for (const id of shopIds) await inbox.openShop(id);
  let seq = 0;
  const send = () => {
    seq += 1;
    const shopId = shopIds[seq % SHOPS]!;
    const buyer = (seq * 7919) % BUYERS_PER_SHOP;
    return inbox.ingestBuyerMessage({
      shopId,
      buyer: { id: `b${buyer}`, nick: `买家${buyer}` },
      text: TEXT,
      at: Date.now(),
    });
  };
  return {
    root,
    streams,
    send,
    close: async () => (await streams.closeAll(), await rm(root, { recursive: true, force: true })),
  };
}

async function sustained(send: () => Promise<void>) {
  const latencies: number[] = [];
  const acks: Promise<void>[] = [];
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const started = performance.now();
  let sent = 0;
  const total = TARGET_RATE * SUSTAINED_SECONDS;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * TARGET_RATE));
      for (; sent < due; sent += 1) {
        const t0 = performance.now();
        acks.push(send().then(() => void latencies.push(performance.now() - t0)));
      }
      if (sent < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  await Promise.all(acks);
  const seconds = (performance.now() - started) / 1000;
  loop.disable();
  latencies.sort((a, b) => a - b);
  return { messages: total, seconds, latencies, stallMaxMs: loop.max / 1e6, stallP99Ms: loop.percentile(99) / 1e6 };
}

async function burst(send: () => Promise<void>) {
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const started = performance.now();
  const acks: Promise<void>[] = [];
  for (let i = 0; i < BURST_MESSAGES; i += 1) {
    acks.push(send());
    // Hand over in slices, as a connector's socket would, so acks can flow meanwhile.
    if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(acks);
  const seconds = (performance.now() - started) / 1000;
  loop.disable();
  return { messages: BURST_MESSAGES, seconds, stallMaxMs: loop.max / 1e6 };
}

/** lowdb rewrites the whole document on every write: the cost of adding one message to a document of `size`. */
async function lowdbPerMessage(size: number, writes: number): Promise<number> {
  const dir = await makeTempDir('bench-lowdb-');
  const db = new Low(new JSONFile<{ messages: { id: string; text: string; at: number }[] }>(join(dir, 'shop.json')), {
    messages: [],
  });
  db.data.messages = Array.from({ length: size }, (_, i) => ({ id: `m${i}`, text: TEXT, at: 1_700_000_000_000 + i }));
  await db.write();
  const started = performance.now();
  for (let i = 0; i < writes; i += 1) {
    db.data.messages.push({ id: `n${i}`, text: TEXT, at: Date.now() });
    await db.write();
  }
  const perMessage = (performance.now() - started) / writes;
  await rm(dir, { recursive: true, force: true });
  return perMessage;
}

export async function ingestBenchmark(): Promise<BenchOutcome> {
  const run = await setup();
  const steady = await sustained(run.send);
  const batchesAfterSteady = run.streams.stats().batches;
  const peak = await burst(run.send);
  const stats = run.streams.stats();
  await run.close();
  const lowdb10k = await lowdbPerMessage(10_000, 30);
  const lowdb100k = await lowdbPerMessage(100_000, 8);

  const steadyRate = steady.messages / steady.seconds;
  const peakRate = peak.messages / peak.seconds;
  const sqlitePerMessageMs = 1000 / peakRate;
  const rows: BenchRow[] = [
    {
      case: `sustained ${TARGET_RATE}/s × ${SUSTAINED_SECONDS}s, ${SHOPS} shops`,
      messages: steady.messages,
      'msgs/s': steadyRate,
      'ack p50 ms': percentile(steady.latencies, 50),
      'ack p99 ms': percentile(steady.latencies, 99),
      'ack max ms': steady.latencies.at(-1)!,
      'loop stall max ms': steady.stallMaxMs,
      'avg batch': steady.messages / batchesAfterSteady,
    },
    {
      case: `burst ${BURST_MESSAGES} as fast as possible`,
      messages: peak.messages,
      'msgs/s': peakRate,
      'ack p50 ms': '',
      'ack p99 ms': '',
      'ack max ms': '',
      'loop stall max ms': peak.stallMaxMs,
      'avg batch': peak.messages / (stats.batches - batchesAfterSteady),
    },
    {
      case: 'baseline: lowdb, +1 message to a 10k-message document',
      messages: 30,
      'msgs/s': 1000 / lowdb10k,
      'ack p50 ms': lowdb10k,
      'ack p99 ms': '',
      'ack max ms': '',
      'loop stall max ms': '',
      'avg batch': 1,
    },
    {
      case: 'baseline: lowdb, +1 message to a 100k-message document',
      messages: 8,
      'msgs/s': 1000 / lowdb100k,
      'ack p50 ms': lowdb100k,
      'ack p99 ms': '',
      'ack max ms': '',
      'loop stall max ms': '',
      'avg batch': 1,
    },
  ];
  return {
    title: 'durable ingest: inbox → per-shop SQLite (WAL, synchronous=FULL) with group commit in a writer thread',
    rows,
    notes: [
      'ack = the ingest promise resolving, i.e. the message is committed and fsynced; loop stall = max event-loop delay (monitorEventLoopDelay, 1 ms resolution)',
      'lowdb baseline uses its JSONFile adapter, which does not even fsync; its per-message cost is one whole-document write',
    ],
    result: {
      sustained_msgs_per_s: steadyRate,
      ack_p50_ms: percentile(steady.latencies, 50),
      ack_p99_ms: percentile(steady.latencies, 99),
      loop_stall_max_ms: steady.stallMaxMs,
      burst_msgs_per_s: peakRate,
      burst_loop_stall_max_ms: peak.stallMaxMs,
      lowdb_10k_ms_per_msg: lowdb10k,
      lowdb_100k_ms_per_msg: lowdb100k,
      speedup_vs_lowdb_10k: lowdb10k / sqlitePerMessageMs,
      speedup_vs_lowdb_100k: lowdb100k / sqlitePerMessageMs,
    },
  };
}
