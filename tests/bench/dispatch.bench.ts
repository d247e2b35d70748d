// `dispatch`: calls per second through in-process dispatch and through the WebSocket host on 127.0.0.1, one at a
// time (latency-bound) and 64 in flight (throughput), on a real core with the demo shops and a logged-in owner.
import { rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { Caller } from '../../shared/contract/index.ts';
import { startBrowserHost } from '../../electron/browser-host/ws-host.ts';
import { makeTempDir, quietLogger, startCoreFixture } from '../support/core-fixture.ts';
import { connectClient } from '../support/ws-client.ts';
import { percentile, type BenchOutcome, type BenchRow } from './harness.ts';

const SECONDS_PER_CASE = 2;
const PIPELINE = 64;

type Call = () => Promise<unknown>;

async function measure(call: Call, inFlight: number): Promise<{ calls: number; seconds: number; latencies: number[] }> {
  for (let i = 0; i < 200; i += 1) await call(); // warm-up
  const latencies: number[] = [];
  const end = performance.now() + SECONDS_PER_CASE * 1000;
  const started = performance.now();
  const worker = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      await call();
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return {
    calls: latencies.length,
    seconds: (performance.now() - started) / 1000,
    latencies: latencies.sort((a, b) => a - b),
  };
}

export async function dispatchBenchmark(): Promise<BenchOutcome> {
  const staticDir = await makeTempDir('bench-static-');
  // The demo connectors are nearly silent so that only the calls are measured.
  const fixture = await startCoreFixture({ messagesPerMinute: 0.001 });
  const host = await startBrowserHost({ core: fixture.core, staticDir, port: 0, logger: quietLogger });
  const client = await connectClient(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`, {
    Origin: host.origin,
    Host: `127.0.0.1:${host.port}`,
  });
  const caller: Caller = { session: null };
  await fixture.core.dispatch(caller, 'session.login', { login: 'owner', password: 'demo1234' });
  await client.call('session.login', { login: 'owner', password: 'demo1234' });

  const method = 'shops.list';
  const cases: [string, Call, number][] = [
    ['in-process', () => fixture.core.dispatch(caller, method, {}), 1],
    ['in-process', () => fixture.core.dispatch(caller, method, {}), PIPELINE],
    ['WebSocket', () => client.call(method, {}), 1],
    ['WebSocket', () => client.call(method, {}), PIPELINE],
  ];
  const rows: BenchRow[] = [];
  const rates: number[] = [];
  for (const [path, call, inFlight] of cases) {
    const { calls, seconds, latencies } = await measure(call, inFlight);
    const rate = calls / seconds;
    rates.push(rate);
    rows.push({
      path,
      'in flight': inFlight,
      calls,
      'calls/s': rate,
      'p50 µs': percentile(latencies, 50) * 1000,
      'p99 µs': percentile(latencies, 99) * 1000,
    });
  }
  await client.close();
  await host.close();
  await fixture.close();
  await rm(staticDir, { recursive: true, force: true });
  const [inSeq, inPipe, wsSeq, wsPipe] = rates as [number, number, number, number];
  return {
    title: `dispatch: ${method} as the owner (5 shops), ${SECONDS_PER_CASE} s per case; in-process is the baseline`,
    rows,
    result: {
      inproc_calls_per_s: inSeq,
      inproc_pipelined_calls_per_s: inPipe,
      ws_calls_per_s: wsSeq,
      ws_pipelined_calls_per_s: wsPipe,
      ws_vs_inproc_ratio: wsSeq / inSeq,
      ws_pipelined_vs_inproc_ratio: wsPipe / inPipe,
    },
  };
}
