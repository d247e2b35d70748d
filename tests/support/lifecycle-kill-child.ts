// Child of the lifecycle kill loop: boots the real console on a data folder (first start and demo seed included),
// logs in as the owner and prints `READY <state>`; then adds, renames, archives and restores shops one at a time,
// printing `I <op>` before each and `OK <op>` once the core has acknowledged it. The parent kills it with SIGKILL
// at random moments, in the start as well as in the operations.
import { createRandom } from '../../electron/connectors/demo-platform/seeded-random.ts';
import { bootCore } from '../../electron/hosting/boot-core.ts';
import type { ArchivedShop, Caller, Shop, StorageNotice } from '../../shared/contract/index.ts';

const [dataDir, seedArg] = process.argv.slice(2) as [string, string];
const random = createRandom(Number(seedArg));
const quiet = {
  info: () => undefined,
  warn: () => undefined,
  error: (message: string, details?: unknown) => console.error(message, details),
};

const core = await bootCore({
  dataDir,
  appVersion: '0.0.0-kill',
  demo: true,
  demoSeed: Number(seedArg),
  demoMessagesPerMinute: 600,
  logger: quiet,
});
const owner: Caller = { session: null };

async function call<T>(method: string, input: unknown): Promise<T> {
  const result = await (
    core.dispatch as (
      caller: Caller,
      method: string,
      input: unknown,
    ) => Promise<{ ok: boolean; value?: unknown; error?: unknown }>
  )(owner, method, input);
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

async function state() {
  const shops = await call<Shop[]>('shops.list', {});
  const archived = await call<ArchivedShop[]>('shops.listArchived', {});
  const notices = await call<StorageNotice[]>('app.notices', {});
  return {
    open: shops.map((s) => ({ id: s.id, name: s.name })),
    archived: archived.map((a) => ({ archiveId: a.archiveId, id: a.shop.id, name: a.shop.name })),
    notices: notices.length,
  };
}

await call('session.login', { login: 'owner', password: 'demo1234' });
process.stdout.write(`READY ${JSON.stringify(await state())}\n`);

const PLATFORMS = ['tmall', 'taobao', 'jd', 'pinduoduo', 'douyin'] as const;
for (let n = 0; ; n += 1) {
  const { open, archived } = await state();
  const choice = random.int(0, 9);
  if (choice < 3 || open.length === 0) {
    const name = `新店${seedArg}-${n}`;
    process.stdout.write(`I ${JSON.stringify({ op: 'add', name })}\n`);
    const shop = await call<Shop>('shops.add', {
      platform: PLATFORMS[n % PLATFORMS.length],
      name,
      mainAccount: `main${n}`,
    });
    process.stdout.write(`OK ${JSON.stringify({ op: 'add', id: shop.id, name })}\n`);
  } else if (choice < 6) {
    const target = open[random.int(0, open.length - 1)]!;
    const name = `改名${seedArg}-${n}`;
    process.stdout.write(`I ${JSON.stringify({ op: 'rename', id: target.id, name })}\n`);
    await call('shops.update', { shopId: target.id, name });
    process.stdout.write(`OK ${JSON.stringify({ op: 'rename', id: target.id, name })}\n`);
  } else if (choice < 8 || archived.length === 0) {
    const target = open[random.int(0, open.length - 1)]!;
    process.stdout.write(`I ${JSON.stringify({ op: 'archive', id: target.id })}\n`);
    const result = await call<ArchivedShop>('shops.archive', { shopId: target.id });
    process.stdout.write(`OK ${JSON.stringify({ op: 'archive', id: target.id, archiveId: result.archiveId })}\n`);
  } else {
    const target = archived[random.int(0, archived.length - 1)]!;
    if (open.some((s) => s.id === target.id)) continue;
    process.stdout.write(`I ${JSON.stringify({ op: 'restore', archiveId: target.archiveId, id: target.id })}\n`);
    await call('shops.restore', { archiveId: target.archiveId });
    process.stdout.write(`OK ${JSON.stringify({ op: 'restore', archiveId: target.archiveId, id: target.id })}\n`);
  }
}
