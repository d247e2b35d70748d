// `npm run bench` runs every benchmark; `npm run bench -- NAME` runs one. Each prints its table, then (last) one
// line `RESULT NAME key=value ...`.
import { dispatchBenchmark } from './dispatch.bench.ts';
import { formatTable, resultLine, type Benchmark } from './harness.ts';
import { ingestBenchmark } from './ingest.bench.ts';
import { coldstartBenchmark } from './coldstart.bench.ts';
import { routingBenchmark } from './routing.bench.ts';
import { threadBenchmark } from './thread.bench.ts';
import { arrivalBenchmark } from './arrival.bench.ts';
import { memoryBenchmark } from './memory.bench.ts';
import { auditBenchmark } from './audit.bench.ts';
import { rosterBenchmark } from './roster.bench.ts';
import { stocklockBenchmark } from './stocklock.bench.ts';
import { orderimportBenchmark } from './orderimport.bench.ts';
import { shippingBenchmark } from './shipping.bench.ts';
import { kpiBenchmark } from './kpi.bench.ts';

const BENCHMARKS: Readonly<Record<string, Benchmark>> = {
  dispatch: dispatchBenchmark,
  ingest: ingestBenchmark,
  coldstart: coldstartBenchmark,
  routing: routingBenchmark,
  thread: threadBenchmark,
  arrival: arrivalBenchmark,
  memory: memoryBenchmark,
  audit: auditBenchmark,
  roster: rosterBenchmark,
  stocklock: stocklockBenchmark,
  orderimport: orderimportBenchmark,
  shipping: shippingBenchmark,
  kpi: kpiBenchmark,
};

async function main(): Promise<void> {
  const requested = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const unknown = requested.filter((name) => !Object.hasOwn(BENCHMARKS, name));
  if (unknown.length > 0) {
    console.error(`unknown benchmark: ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`);
    process.exit(2);
  }
  const names = requested.length > 0 ? requested : Object.keys(BENCHMARKS);
  console.log(`node ${process.version} · ${process.platform}/${process.arch}`);
  for (const name of names) {
    // Each benchmark starts on a collected heap, so one's garbage is not collected during the next one's timing.
    (globalThis as { gc?: () => void }).gc?.();
    const outcome = await BENCHMARKS[name]!();
    console.log(`\n## ${name} — ${outcome.title}\n`);
    console.log(formatTable(outcome.rows));
    for (const note of outcome.notes ?? []) console.log(`note: ${note}`);
    console.log(resultLine(name, outcome.result));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
