// `arrival`: buyer messages arriving at 1,000/s across 20 shops into 100,000 conversations, watched by the owner's
// window in Chromium through browser mode (the "All" tab, newest first). Measures connector → rendered row: from
// the message's timestamp at the connector to the moment the row showing it is committed to the DOM (a
// MutationObserver in the page), which includes the durable write, the host's event batching, the WebSocket, the
// renderer's once-per-frame pump and React. Frames per second are counted at 1,000/s and 5,000/s. The same run
// repeats as a really naive console for the ratio: a host that sends every event in a frame of its own at once
// (no batching) and a page that updates the store and renders once per message (`?pump=per-event`). Chromium is driven
// over a bare DevTools connection (bare-chromium.ts): Playwright would mirror every WebSocket frame to the driver.
import { rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { createCore } from '../../electron/core/create-core.ts';
import type { ConnectorFactory, ConnectorSink } from '../../electron/core/ports.ts';
import { createHostPorts } from '../../electron/hosting/boot-core.ts';
import { startBrowserHost } from '../../electron/browser-host/ws-host.ts';
import { openBarePage, type BarePage } from '../support/bare-chromium.ts';
import { makeTempDir, quietLogger } from '../support/core-fixture.ts';
import { BENCH_PASSWORD, generateBenchData } from './bench-data.ts';
import { percentile, type BenchOutcome, type BenchRow } from './harness.ts';

const SHOPS = 20;
const CONVERSATIONS_PER_SHOP = 5_000;
const TICK_MS = 5;

/** One emitter for every shop: `rate` messages per second, round-robin over shops, to random existing buyers. */
function createBenchEmitter() {
  const sinks = new Map<string, ConnectorSink>();
  let timer: ReturnType<typeof setInterval> | null = null;
  let sent = 0;
  let failed = 0;
  let carry = 0;
  let serial = 0;
  const factory: ConnectorFactory = (shop) => ({
    start: (sink) => void sinks.set(shop.id, sink),
    stop: () => void sinks.delete(shop.id),
  });
  return {
    factory,
    stats: () => ({ sent, failed }),
    run(rate: number) {
      if (timer) clearInterval(timer);
      let last = performance.now();
      timer = setInterval(() => {
        const now = performance.now();
        carry += ((now - last) / 1000) * rate;
        last = now;
        const shops = [...sinks];
        for (; carry >= 1; carry -= 1) {
          serial += 1;
          const [shopId, sink] = shops[serial % shops.length]!;
          const buyer = Math.floor(Math.random() * CONVERSATIONS_PER_SHOP);
          sent += 1;
          sink
            .buyerMessage({
              shopId,
              buyer: { id: `${shopId}-b${buyer}`, nick: `买家${buyer}` },
              text: `到货了吗？#${serial}`,
              at: Date.now(),
            })
            .catch(() => (failed += 1));
        }
      }, TICK_MS);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function openConsole(page: BarePage, url: string): Promise<void> {
  await page.navigate(url);
  await page.waitFor(`document.querySelector('input[autocomplete=username]')`);
  await page.evaluate(`document.querySelector('input[autocomplete=username]').focus()`);
  await page.insertText('owner');
  await page.evaluate(`document.querySelector('input[autocomplete=current-password]').focus()`);
  await page.insertText(BENCH_PASSWORD);
  await page.evaluate(`document.querySelector('button[type=submit]').click()`);
  await page.waitFor(`document.querySelector('[data-testid=tab-all]')`);
  await page.evaluate(`document.querySelector('[data-testid=tab-all]').click()`);
  await page.waitFor(`document.querySelector('[data-testid=conversation-row]')`);
}

/** In the page: records, for each row that comes to show a newer message, how long ago the connector sent it. */
function watchInPage(): void {
  const state = { since: Date.now(), latencies: [] as number[], frames: 0, seen: new Set<string>() };
  (window as unknown as { __arrival: typeof state }).__arrival = state;
  const record = () => {
    const now = performance.timeOrigin + performance.now();
    for (const row of document.querySelectorAll<HTMLElement>('[data-testid="conversation-row"]')) {
      const at = Number(row.dataset['lastAt']);
      const key = `${row.dataset['id']}:${at}`;
      if (at >= state.since && !state.seen.has(key)) {
        state.seen.add(key);
        state.latencies.push(now - at);
      }
    }
  };
  new MutationObserver(record).observe(document.querySelector('[data-testid="conversation-list"]')!, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['data-last-at'],
  });
  const frame = () => {
    state.frames += 1;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

function collectInPage(): { latencies: number[]; frames: number; seconds: number } {
  const state = (
    window as unknown as { __arrival: { since: number; latencies: number[]; frames: number; seen: Set<string> } }
  ).__arrival;
  const result = {
    latencies: state.latencies.sort((a, b) => a - b),
    frames: state.frames,
    seconds: (Date.now() - state.since) / 1000,
  };
  state.since = Date.now();
  state.latencies = [];
  state.frames = 0;
  state.seen.clear();
  return result;
}

/** Installs the observer; `collect` returns what was seen since and resets. */
const watch = (page: BarePage) => page.evaluate<void>(`(${watchInPage.toString()})()`);
const collect = (page: BarePage) =>
  page.evaluate<{ latencies: number[]; frames: number; seconds: number }>(`(${collectInPage.toString()})()`);

async function phase(page: BarePage, emitter: ReturnType<typeof createBenchEmitter>, rate: number, seconds: number) {
  emitter.run(rate);
  await sleep(2000); // reach a steady state first
  await collect(page);
  const before = emitter.stats().sent;
  const cpu = process.cpuUsage();
  const loop = performance.eventLoopUtilization();
  await sleep(seconds * 1000);
  const seen = await collect(page);
  const sent = emitter.stats().sent - before;
  const used = process.cpuUsage(cpu);
  const busy = performance.eventLoopUtilization(loop).utilization;
  emitter.stop();
  await sleep(1500);
  return {
    rate,
    achieved: sent / seen.seconds,
    fps: seen.frames / seen.seconds,
    rows: seen.latencies.length,
    p50: percentile(seen.latencies, 50),
    p99: percentile(seen.latencies, 99),
    coreCpu: (used.user + used.system) / 1e4 / seen.seconds,
    coreLoop: busy * 100,
  };
}

export async function arrivalBenchmark(): Promise<BenchOutcome> {
  const root = await makeTempDir('bench-arrival-');
  await generateBenchData(root, {
    shops: SHOPS,
    conversationsPerShop: CONVERSATIONS_PER_SHOP,
    messagesPerConversation: 1,
    connectorKind: 'bench',
  });
  const emitter = createBenchEmitter();
  const core = createCore({
    ...createHostPorts({ dataDir: root, appVersion: 'bench', demo: false, logger: quietLogger }),
    connectors: { bench: emitter.factory },
  });
  await core.start();
  const host = await startBrowserHost({
    core,
    staticDir: join(process.cwd(), 'build', 'renderer'),
    logger: quietLogger,
  });
  const naiveHost = await startBrowserHost({
    core,
    staticDir: join(process.cwd(), 'build', 'renderer'),
    logger: quietLogger,
    batchEvents: false,
  });
  const rows: BenchRow[] = [];
  const results: Record<string, Awaited<ReturnType<typeof phase>>> = {};
  let idleFps = Number.NaN;
  try {
    for (const pump of ['batched', 'per-event'] as const) {
      const page = await openBarePage({ width: 1360, height: 820 });
      try {
        await openConsole(page, pump === 'batched' ? host.url : naiveHost.url.replace('/#', '/?pump=per-event#'));
        await watch(page);
        if (pump === 'batched') {
          await sleep(1000);
          await collect(page);
          await sleep(3000);
          const idle = await collect(page);
          rows.push({
            pump: 'no traffic (this machine’s frame rate)',
            'offered msg/s': 0,
            'achieved msg/s': 0,
            'rows seen': 0,
            'p50 ms': Number.NaN,
            'p99 ms': Number.NaN,
            fps: idle.frames / idle.seconds,
            'core CPU %': Number.NaN,
            'core main thread %': Number.NaN,
          });
          idleFps = idle.frames / idle.seconds;
        }
        for (const [rate, seconds] of [
          [1000, 8],
          [5000, 5],
        ] as const) {
          const r = await phase(page, emitter, rate, seconds);
          results[`${pump}-${rate}`] = r;
          rows.push({
            pump: pump === 'batched' ? 'batched host, once per frame' : 'naive: a frame and a render per message',
            'offered msg/s': rate,
            'achieved msg/s': r.achieved,
            'rows seen': r.rows,
            'p50 ms': r.p50,
            'p99 ms': r.p99,
            fps: r.fps,
            'core CPU %': r.coreCpu,
            'core main thread %': r.coreLoop,
          });
        }
      } finally {
        await page.close();
      }
    }
  } finally {
    emitter.stop();
    await naiveHost.close();
    await host.close();
    await core.stop();
    await rm(root, { recursive: true, force: true });
  }
  const b1 = results['batched-1000']!;
  const b5 = results['batched-5000']!;
  const n1 = results['per-event-1000']!;
  const n5 = results['per-event-5000']!;
  return {
    title: `${SHOPS} shops, ${(SHOPS * CONVERSATIONS_PER_SHOP).toLocaleString('en')} conversations; the owner's window on the All tab in headless Chromium`,
    rows,
    notes: [
      'targets: p99 ≤ 33 ms (two frames) at 1,000 msgs/s, p99 ≤ 50 ms and ≥ 55 fps at 5,000 msgs/s',
      'latency is measured for the rows that reached the screen (the newest ~10 of each frame); the clock is the same machine for both ends',
      'headless Chromium renders in software here (no GPU), on 2 cores shared with the core and this benchmark; it is driven over a bare DevTools connection (Playwright would mirror every WebSocket frame to the driver)',
      'core CPU %: the core’s process (main thread, SQLite writer threads, this benchmark’s emitter), of one core; core main thread %: its event loop’s utilization',
    ],
    result: {
      p50_ms: b1.p50,
      p99_ms: b1.p99,
      p99_ms_at_5000: b5.p99,
      fps_at_1000: b1.fps,
      fps_at_5000: b5.fps,
      naive_p50_ms: n1.p50,
      naive_p99_ms: n1.p99,
      naive_fps_at_5000: n5.fps,
      fps_ratio_at_5000: b5.fps / n5.fps,
      p50_ratio_at_1000: n1.p50 / b1.p50,
      idle_fps: idleFps,
    },
  };
}
