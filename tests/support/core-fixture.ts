// A real core on a temporary data directory (real files), with a fake clock and counting ids.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Caller } from '../../shared/contract/index.ts';
import { DEMO_PASSWORD, DEMO_SEED } from '../../electron/connectors/demo-platform/demo-data.ts';
import { createDemoConnectorFactory } from '../../electron/connectors/demo-platform/demo-connector.ts';
import { createDemoRosterHub, type DemoRosterHub } from '../../electron/connectors/demo-platform/demo-roster-hub.ts';
import { createCore, type Core } from '../../electron/core/create-core.ts';
import type { CorePorts, Logger } from '../../electron/core/ports.ts';
import { createScryptHasher } from '../../electron/core/sessions/password.ts';
import { createFileStorage } from '../../electron/storage/file-storage.ts';
import { plaintextSecrets } from '../../electron/storage/secrets/plaintext-secrets.ts';
import { createSettingsFileStore } from '../../electron/storage/settings-file-store.ts';
import { createShopStreams } from '../../electron/storage/sqlite/shop-streams.ts';
import { createFakeClock, type FakeClock } from './fake-clock.ts';

export const quietLogger: Logger & { errors: unknown[] } = {
  errors: [],
  info: () => undefined,
  warn: () => undefined,
  error(message, details) {
    this.errors.push([message, details]);
  },
};

export async function makeTempDir(prefix = 'seller-console-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export type CoreFixture = Readonly<{
  core: Core;
  /** The demo platforms' roster replicas, by shop. */
  hubs: Map<string, DemoRosterHub>;
  clock: FakeClock;
  dataDir: string;
  ports: CorePorts;
  /** Advances the fake clock, then waits until what the connectors delivered is durable and announced. */
  run(ms: number): Promise<void>;
  close(): Promise<void>;
}>;

export async function startCoreFixture(
  options: Readonly<{
    dataDir?: string;
    demo?: boolean;
    messagesPerMinute?: number;
    seed?: number;
    connectors?: CorePorts['connectors'];
    passwordCost?: number;
    /** Makes ids unique across restarts of one data folder (the counter starts again with each process). */
    idPrefix?: string;
    /** The demo platforms' roster replicas (shared across restarts of the fixture when passed in). */
    rosterHubs?: Map<string, DemoRosterHub>;
    /** Where the fake clock starts (default 2026-11-22 10:00 China time). */
    startAt?: number;
  }> = {},
): Promise<CoreFixture> {
  const dataDir = options.dataDir ?? (await makeTempDir());
  const clock = createFakeClock(options.startAt);
  let counter = 0;
  const hubs = options.rosterHubs ?? new Map<string, DemoRosterHub>();
  const hubOf = (shopId: string) => {
    let hub = hubs.get(shopId);
    if (!hub) hubs.set(shopId, (hub = createDemoRosterHub(shopId, () => clock.now())));
    return hub;
  };
  const ports: CorePorts = {
    appVersion: '0.0.0-test',
    clock,
    ids: { next: (prefix) => `${prefix}_${options.idPrefix ?? ''}${(counter += 1)}` },
    storage: createFileStorage(dataDir),
    streams: createShopStreams(dataDir),
    connectors: options.connectors ?? {
      demo: createDemoConnectorFactory({
        seed: options.seed ?? 7,
        messagesPerMinute: options.messagesPerMinute ?? 60,
        roster: { hubOf, changesPerHour: 0 },
      }),
    },
    passwords: createScryptHasher(options.passwordCost ?? 10),
    secrets: plaintextSecrets,
    settings: createSettingsFileStore(dataDir),
    logger: quietLogger,
    ...(options.demo === false ? {} : { demo: DEMO_SEED }),
  };
  const core = createCore(ports);
  await core.start();
  return {
    core,
    hubs,
    clock,
    dataDir,
    ports,
    async run(ms) {
      clock.advance(ms);
      await core.flush();
      await new Promise((resolve) => setImmediate(resolve));
    },
    async close() {
      await core.stop();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function loggedIn(core: Core, login: string, password = DEMO_PASSWORD): Promise<Caller> {
  const caller: Caller = { session: null };
  const result = await core.dispatch(caller, 'session.login', { login, password });
  if (!result.ok) throw new Error(`login ${login} failed: ${result.error.code}`);
  return caller;
}

/** Shop ids that must never reach a path: traversal, separators, NUL, encodings, absolute paths. */
export const HOSTILE_SHOP_IDS = [
  '..',
  '../x',
  'a/../../x',
  'a/b',
  'a\\b',
  '/etc',
  'C:\\x',
  'shop\u0000x',
  '%2e%2e',
  '%2e%2e%2fx',
  '.hidden',
  '',
  'UPPER',
  'a'.repeat(65),
  'tab\tid',
  'ｓｈｏｐ',
];

/** A call that must succeed: its value, or a thrown error carrying the core's code and message. */
export async function call<T>(f: CoreFixture, caller: Caller, method: string, input: unknown): Promise<T> {
  const result = await f.core.dispatch(caller, method, input);
  if (!result.ok)
    throw Object.assign(new Error(`${method}: ${result.error.code} ${result.error.message}`), result.error);
  return result.value as T;
}
