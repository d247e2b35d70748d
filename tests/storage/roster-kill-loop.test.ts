// SIGKILL during roster edits made while the shop's platform is offline (issue #12): afterwards, every acknowledged
// edit is in its log (the shop's and the organisation's), every op of this console waits in the shop's outbox (none
// lost, none confirmed by a platform that never answered), and a restart shows the latest value.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import type { ShopRoster } from '../../shared/contract/index.ts';
import { createRandom } from '../../electron/connectors/demo-platform/seeded-random.ts';
import { loggedIn, makeTempDir, startCoreFixture } from '../support/core-fixture.ts';

const KILLS = 25;
/** The child sets a sub-account's expiry to this + n for its n-th edit, so each edit's op is recognisable. */
const EXPIRY_BASE = 4_000_000_000_000;

function runAndKill(
  dataDir: string,
  start: number,
  killAfterMs: number,
): Promise<{ ready: boolean; acked: number[]; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['tests/support/roster-kill-child.ts', dataDir, String(start), String(EXPIRY_BASE)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const run = { ready: false, acked: [] as number[], stderr: '' };
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('READY ')) {
          run.ready = true;
          setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        } else if (line.startsWith('E ')) run.acked.push(Number(line.slice(2)));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
    const hung = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', () => {
      clearTimeout(hung);
      resolve(run);
    });
  });
}

type OpRow = { id: string; field: string; value: string; origin: string };

function opsOf(path: string): OpRow[] {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return db.prepare('SELECT id, field, value, origin FROM roster_ops ORDER BY seq').all() as OpRow[];
  } finally {
    db.close();
  }
}

function outboxOf(path: string): { op_id: string; acked_at: number | null }[] {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return db.prepare('SELECT op_id, acked_at FROM roster_outbox').all() as {
      op_id: string;
      acked_at: number | null;
    }[];
  } finally {
    db.close();
  }
}

describe('roster kill loop', () => {
  it(`loses no acknowledged roster edit and keeps the outbox whole through ${KILLS} SIGKILLs`, async () => {
    const dataDir = await makeTempDir('seller-console-roster-kill-');
    const random = createRandom(20261202);
    let next = 0;
    let highest = 0;
    let acknowledged = 0;
    try {
      for (let kill = 0; kill < KILLS; kill += 1) {
        const run = await runAndKill(dataDir, next, random.int(0, 400));
        expect(run.ready, run.stderr).toBe(true);
        expect(run.stderr).not.toMatch(/Error/);
        acknowledged += run.acked.length;
        if (run.acked.length > 0) highest = Math.max(highest, ...run.acked);
        const shopOps = opsOf(join(dataDir, 'shops', 'tmall-mianyu', 'shop.sqlite'));
        const orgOps = opsOf(join(dataDir, 'org.sqlite'));
        const expiries = new Set(
          shopOps.filter((o) => o.field === 'expiresAt').map((o) => Number(o.value) - EXPIRY_BASE),
        );
        const levels = new Set(orgOps.filter((o) => o.field === 'level').map((o) => String(JSON.parse(o.value))));
        for (const n of run.acked) {
          expect(expiries.has(n), `acknowledged sub-account edit ${n} lost`).toBe(true);
          expect(levels.has(`L${n}`), `acknowledged person edit ${n} lost`).toBe(true);
        }
        // Every op of the shop's log is queued for the platform, unanswered (it never came online).
        const outbox = outboxOf(join(dataDir, 'shops', 'tmall-mianyu', 'shop.sqlite'));
        const queued = new Set(outbox.filter((o) => o.acked_at === null).map((o) => o.op_id));
        expect(shopOps.filter((o) => !queued.has(o.id)).map((o) => o.id)).toEqual([]);
        expect(outbox.length).toBe(shopOps.length);
        // The next run continues past whatever this one may have committed without acknowledging.
        next = Math.max(next + 1, ...[...expiries].filter(Number.isFinite)) + 1;
      }
      // A last start shows the latest committed value of each field.
      const fixture = await startCoreFixture({ dataDir, messagesPerMinute: 0.001, idPrefix: 'final-' });
      try {
        const owner = await loggedIn(fixture.core, 'owner');
        const shop = await fixture.core.dispatch(owner, 'roster.shop', { shopId: 'tmall-mianyu' });
        if (!shop.ok) throw new Error(shop.error.code);
        const account = (shop.value as ShopRoster).subAccounts.find((a) => a.fullName.endsWith(':阿杰'))!;
        const shopOps = opsOf(join(dataDir, 'shops', 'tmall-mianyu', 'shop.sqlite')).filter(
          (o) => o.field === 'expiresAt',
        );
        expect(account.expiresAt).toBe(Number(shopOps[shopOps.length - 1]!.value));
        expect(account.expiresAt! - EXPIRY_BASE).toBeGreaterThanOrEqual(highest);
      } finally {
        await fixture.close();
      }
      console.log(`roster kill loop: ${KILLS} kills, ${acknowledged} acknowledged edit pairs checked`);
      expect(acknowledged).toBeGreaterThan(KILLS);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
