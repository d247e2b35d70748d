// `memory`: what each extra shop costs. The console runs as the real `serve` process with the demo platform; the
// owner's window (headless Chromium, the All shops view of the inbox) stays open while the demo sends its buyers.
// Run with 5 shops (the baseline) and with 20, then read the core's resident memory and the page's renderer
// resident memory from /proc, and the page's JavaScript heap after a collection. By default the demo's ten
// minutes (6 messages a minute per shop) are sent in one minute at ten times the rate (the same messages);
// BENCH_MEMORY_SECONDS=600 BENCH_MEMORY_RATE=6 runs them in real time.
import { readFile, readdir } from 'node:fs/promises';
import { openBarePage, type BarePage } from '../support/bare-chromium.ts';
import { startServe } from '../support/browser.ts';
import { connectClient } from '../support/ws-client.ts';
import type { BenchOutcome, BenchRow } from './harness.ts';

const SECONDS = Number(process.env.BENCH_MEMORY_SECONDS ?? 60);
const RATE = Number(process.env.BENCH_MEMORY_RATE ?? 60);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/** The largest renderer process among the browser's descendants: the page's. */
async function rendererRssMb(browserPid: number): Promise<number> {
  const parents = new Map<number, number>();
  const renderers: number[] = [];
  for (const entry of await readdir('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    parents.set(pid, ppid);
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes('--type=renderer')) renderers.push(pid);
  }
  const descends = (pid: number) => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) if (p === browserPid) return true;
    return false;
  };
  let largest = 0;
  for (const pid of renderers.filter(descends)) largest = Math.max(largest, await rssMb(pid));
  return largest;
}

async function logIn(page: BarePage, url: string): Promise<void> {
  await page.navigate(url);
  await page.waitFor(`document.querySelector('input[autocomplete=username]')`);
  await page.evaluate(`document.querySelector('input[autocomplete=username]').focus()`);
  await page.insertText('owner');
  await page.evaluate(`document.querySelector('input[autocomplete=current-password]').focus()`);
  await page.insertText('demo1234');
  await page.evaluate(`document.querySelector('button[type=submit]').click()`);
  await page.waitFor(
    `document.querySelector('[data-testid=conversation-list]') || document.querySelector('.ant-empty')`,
  );
}

async function measure(shops: number) {
  const serve = await startServe(['--demo-rate', String(RATE)]);
  try {
    const port = Number(new URL(serve.url).port);
    const token = new URL(serve.url).hash.slice('#token='.length);
    const client = await connectClient(`ws://127.0.0.1:${port}/ws?token=${token}`, {
      Origin: serve.origin,
      Host: `127.0.0.1:${port}`,
    });
    await client.call('session.login', { login: 'owner', password: 'demo1234' });
    const platforms = ['tmall', 'taobao', 'jd', 'pinduoduo', 'douyin'];
    for (let i = 5; i < shops; i += 1) {
      const result = await client.call('shops.add', {
        platform: platforms[i % 5],
        name: `内存测试店${i + 1}`,
        mainAccount: `memory_${i}`,
        connectorKind: 'demo',
      });
      if (!result.ok) throw new Error(`adding a shop failed: ${JSON.stringify(result.error)}`);
    }
    await client.close();
    const page = await openBarePage({ width: 1360, height: 820 });
    try {
      await logIn(page, serve.url);
      await sleep(SECONDS * 1000);
      const heap = (await page.heapUsedBytes()) / 2 ** 20;
      return { shops, core: await rssMb(serve.pid), renderer: await rendererRssMb(page.pid), heap };
    } finally {
      await page.close();
    }
  } finally {
    await serve.stop();
  }
}

export async function memoryBenchmark(): Promise<BenchOutcome> {
  const base = await measure(5);
  const many = await measure(20);
  const extra = many.shops - base.shops;
  const perShop = {
    core: (many.core - base.core) / extra,
    renderer: (many.renderer - base.renderer) / extra,
    heap: (many.heap - base.heap) / extra,
  };
  const rows: BenchRow[] = [base, many].map((m) => ({
    shops: m.shops,
    'core RSS MB': m.core,
    'renderer RSS MB': m.renderer,
    'page JS heap MB': m.heap,
    'core + renderer MB': m.core + m.renderer,
  }));
  rows.push({
    shops: 'per extra shop',
    'core RSS MB': perShop.core,
    'renderer RSS MB': perShop.renderer,
    'page JS heap MB': perShop.heap,
    'core + renderer MB': perShop.core + perShop.renderer,
  });
  return {
    title: `the owner on All shops while the demo runs (${SECONDS} s at ${RATE} msgs/min per shop = ${(SECONDS * RATE) / 60} messages per shop); 5 shops is the baseline`,
    rows,
    notes: [
      'targets: ≤ 5 MB per extra shop; core + renderer ≤ 500 MB with 20 shops',
      'RSS from /proc of the serve process and of the page’s renderer process (the largest renderer of the browser); JS heap after a forced collection',
    ],
    result: {
      core_mb_5: base.core,
      core_mb_20: many.core,
      renderer_mb_5: base.renderer,
      renderer_mb_20: many.renderer,
      heap_mb_20: many.heap,
      total_mb_20: many.core + many.renderer,
      mb_per_extra_shop: perShop.core + perShop.renderer,
      core_mb_per_extra_shop: perShop.core,
      renderer_mb_per_extra_shop: perShop.renderer,
    },
  };
}
