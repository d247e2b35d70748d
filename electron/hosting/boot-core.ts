// Builds the core's real ports for a host process: the system clock, random ids, file storage under the data
// directory, scrypt passwords, and the demo platform as the embedded default connector.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RosterOp } from '../../shared/domain/roster/roster-ops.ts';
import { createDemoRosterHub, type DemoRosterHub } from '../connectors/demo-platform/demo-roster-hub.ts';
import { writeFileDurablySync } from '../storage/durable-file.ts';
import { createCore, type Core } from '../core/create-core.ts';
import type { AppSettingsStore, Clock, CorePorts, Logger, SecretStore } from '../core/ports.ts';
import { createSettingsFileStore } from '../storage/settings-file-store.ts';
import { plaintextSecrets } from '../storage/secrets/plaintext-secrets.ts';
import { createScryptHasher } from '../core/sessions/password.ts';
import { DEMO_SEED } from '../connectors/demo-platform/demo-data.ts';
import { createDemoConnectorFactory } from '../connectors/demo-platform/demo-connector.ts';
import { acquireDataDirLock } from '../storage/data-dir-lock.ts';
import { createFileStorage } from '../storage/file-storage.ts';
import { createShopStreams } from '../storage/sqlite/shop-streams.ts';

export type BootOptions = Readonly<{
  dataDir: string;
  appVersion: string;
  /** Seed the five demo shops on first run (when no shop exists). */
  demo: boolean;
  demoSeed?: number;
  /** Average buyer messages per minute for each demo shop. */
  demoMessagesPerMinute?: number;
  /** Demo shops whose platform starts offline (to try offline roster editing); 'all' for every shop. */
  platformOffline?: 'all' | readonly string[];
  /** How often per hour each demo platform changes something in its roster itself (default 1; 0: never). */
  demoRosterChangesPerHour?: number;
  logger?: Logger;
  passwordCost?: number;
  /** Electron passes its safeStorage-backed store; browser mode has only plaintext. */
  secrets?: SecretStore;
  /** Electron passes its electron-store; browser mode uses the validated settings file. */
  settings?: (dataDir: string) => AppSettingsStore;
}>;

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => ({ id: setTimeout(callback, ms) }),
  clearTimeout: (handle) => clearTimeout(handle.id as ReturnType<typeof setTimeout>),
};

export const consoleLogger: Logger = {
  info: (message, details) => console.log(`[seller-console] ${message}`, ...(details === undefined ? [] : [details])),
  warn: (message, details) => console.warn(`[seller-console] ${message}`, ...(details === undefined ? [] : [details])),
  error: (message, details) =>
    console.error(`[seller-console] ${message}`, ...(details === undefined ? [] : [details])),
};

/**
 * The demo platform's roster replicas, one per shop for the life of the process, kept in
 * `<data dir>/demo-platform/<shopId>.roster.json` (the platform's own storage: it outlives console restarts).
 */
function demoRosterHubs(options: BootOptions, clock: Clock): (shopId: string) => DemoRosterHub {
  const hubs = new Map<string, DemoRosterHub>();
  const folder = join(options.dataDir, 'demo-platform');
  const offline = (shopId: string) =>
    options.platformOffline === 'all' || (options.platformOffline ?? []).includes(shopId);
  return (shopId) => {
    let hub = hubs.get(shopId);
    if (hub) return hub;
    const file = join(folder, `${shopId}.roster.json`);
    hub = createDemoRosterHub(
      shopId,
      () => clock.now(),
      {
        load() {
          try {
            const state = JSON.parse(readFileSync(file, 'utf8')) as { ops: RosterOp[]; online: boolean };
            // A serve option wins over the stored switch for this run.
            return options.platformOffline !== undefined ? { ...state, online: !offline(shopId) } : state;
          } catch {
            return null;
          }
        },
        save(state) {
          mkdirSync(folder, { recursive: true, mode: 0o700 });
          writeFileDurablySync(file, JSON.stringify(state));
        },
      },
      !offline(shopId),
    );
    hubs.set(shopId, hub);
    return hub;
  };
}

export function createHostPorts(options: BootOptions): CorePorts {
  return {
    appVersion: options.appVersion,
    clock: systemClock,
    ids: { next: (prefix) => `${prefix}_${randomUUID()}` },
    storage: createFileStorage(options.dataDir),
    // The audit signing key is sealed by the same secret store as connector credentials.
    streams: createShopStreams(options.dataDir, { secrets: options.secrets ?? plaintextSecrets }),
    connectors: {
      demo: createDemoConnectorFactory({
        seed: options.demoSeed ?? 20261122,
        messagesPerMinute: options.demoMessagesPerMinute ?? 6,
        roster: {
          hubOf: demoRosterHubs(options, systemClock),
          changesPerHour: options.demoRosterChangesPerHour ?? 1,
        },
      }),
    },
    passwords: createScryptHasher(options.passwordCost),
    secrets: options.secrets ?? plaintextSecrets,
    settings: (options.settings ?? createSettingsFileStore)(options.dataDir),
    logger: options.logger ?? consoleLogger,
    ...(options.demo ? { demo: DEMO_SEED } : {}),
  };
}

/** Takes the data folder's lock, then starts the core; stopping the core releases the lock. */
export async function bootCore(options: BootOptions): Promise<Core> {
  const lock = await acquireDataDirLock(options.dataDir);
  const core = createCore(createHostPorts(options));
  try {
    await core.start();
  } catch (error) {
    await core.stop().catch(() => undefined);
    await lock.release();
    throw error;
  }
  return {
    ...core,
    async stop() {
      await core.stop();
      await lock.release();
    },
  };
}
