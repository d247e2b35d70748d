// `coldstart`: 20 shops holding 1,000,000 messages in 100,000 conversations. Measures a whole core start (shop
// documents, SQLite open and migrations check, the conversation index) and the first inbox page after the stores
// are open, through dispatch as the owner. The data set is generated first (not timed) straight into SQLite.
import { performance } from 'node:perf_hooks';
import type { Caller } from '../../shared/contract/index.ts';
import { createCore } from '../../electron/core/create-core.ts';
import { createScryptHasher } from '../../electron/core/sessions/password.ts';
import { sessionOf } from '../../electron/core/sessions/session-service.ts';
import { aPerson } from '../support/factories.ts';
import { generateBenchData } from './bench-data.ts';
import { rm } from 'node:fs/promises';
import { createFileStorage } from '../../electron/storage/file-storage.ts';
import { createShopStreams } from '../../electron/storage/sqlite/shop-streams.ts';
import { systemClock } from '../../electron/hosting/boot-core.ts';
import { plaintextSecrets } from '../../electron/storage/secrets/plaintext-secrets.ts';
import { createSettingsFileStore } from '../../electron/storage/settings-file-store.ts';
import { makeTempDir, quietLogger } from '../support/core-fixture.ts';
import { percentile, type BenchOutcome } from './harness.ts';

const SHOPS = 20;
const CONVERSATIONS_PER_SHOP = 5_000;
const MESSAGES_PER_CONVERSATION = 10;
const RUNS = 5;

async function startOnce(root: string) {
  const t0 = performance.now();
  const core = createCore({
    appVersion: 'bench',
    clock: systemClock,
    ids: { next: (prefix) => `${prefix}_${Math.random().toString(36).slice(2)}` },
    storage: createFileStorage(root),
    streams: createShopStreams(root),
    connectors: {},
    passwords: createScryptHasher(10),
    secrets: plaintextSecrets,
    settings: createSettingsFileStore(root),
    logger: quietLogger,
  });
  await core.start();
  const storesOpen = performance.now();
  const caller: Caller = {
    session: sessionOf(
      aPerson({ id: 'p0', login: 'owner', displayName: '店主', kind: 'owner', roleLabel: '店主', grants: ['*'] }),
    ),
  };
  const page = await core.dispatch(caller, 'inbox.listConversations', { limit: 50 });
  const firstPage = performance.now();
  if (!page.ok || (page.value as unknown[]).length !== 50) throw new Error('first page failed');
  const counts = await core.dispatch(caller, 'inbox.counts', {});
  if (!counts.ok) throw new Error('counts failed');
  await core.stop();
  return { startMs: storesOpen - t0, firstPageMs: firstPage - storesOpen, wholeMs: firstPage - t0 };
}

export async function coldstartBenchmark(): Promise<BenchOutcome> {
  const root = await makeTempDir('bench-coldstart-');
  const g0 = performance.now();
  await generateBenchData(root, {
    shops: SHOPS,
    conversationsPerShop: CONVERSATIONS_PER_SHOP,
    messagesPerConversation: MESSAGES_PER_CONVERSATION,
  });
  const generateSeconds = (performance.now() - g0) / 1000;
  const runs: Awaited<ReturnType<typeof startOnce>>[] = [];
  for (let i = 0; i < RUNS; i += 1) runs.push(await startOnce(root));
  await rm(root, { recursive: true, force: true });
  const sorted = (key: 'startMs' | 'firstPageMs' | 'wholeMs') => runs.map((r) => r[key]).sort((a, b) => a - b);
  const first = runs[0]!;
  return {
    title: `${SHOPS} shops, ${SHOPS * CONVERSATIONS_PER_SHOP} conversations, ${SHOPS * CONVERSATIONS_PER_SHOP * MESSAGES_PER_CONVERSATION} messages (generated in ${generateSeconds.toFixed(1)} s, not timed); ${RUNS} starts`,
    rows: [
      {
        measure: 'stores open (documents, SQLite, conversation index)',
        'first start ms': first.startMs,
        'median ms': percentile(sorted('startMs'), 50),
        'max ms': sorted('startMs').at(-1)!,
      },
      {
        measure: 'first inbox page (50, most urgent, all shops) after open',
        'first start ms': first.firstPageMs,
        'median ms': percentile(sorted('firstPageMs'), 50),
        'max ms': sorted('firstPageMs').at(-1)!,
      },
      {
        measure: 'whole start to first page',
        'first start ms': first.wholeMs,
        'median ms': percentile(sorted('wholeMs'), 50),
        'max ms': sorted('wholeMs').at(-1)!,
      },
    ],
    notes: [
      'the OS page cache is warm after generation; a true cold disk read would be slower',
      'the first start and the median are both shown',
    ],
    result: {
      first_page_ms: percentile(sorted('firstPageMs'), 50),
      whole_start_ms: percentile(sorted('wholeMs'), 50),
      first_run_whole_start_ms: first.wholeMs,
      stores_open_ms: percentile(sorted('startMs'), 50),
    },
  };
}
