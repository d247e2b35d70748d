// `audit`: what the audited command path adds to a command, and how fast verify walks a big log.
// 1. Added latency: the same command (one conversation row written to a shop's SQLite) run through the audited path
//    (runCommand: an entry joins the write, hashed in the writer thread, the signed head copied after the ack) and
//    through the unaudited baseline (the handler's write alone), interleaved, one at a time, on the same database.
// 2. Verify: a log of 1,000,000 chained entries with signed checkpoints every 1,000, verified from the database.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { methods, type CommandDef } from '../../shared/contract/index.ts';
import { runCommand } from '../../electron/core/command.ts';
import { loadOrCreateAuditKey } from '../../electron/storage/audit-key.ts';
import { plaintextSecrets } from '../../electron/storage/secrets/plaintext-secrets.ts';
import { verifyAuditDb, verifyAuditFile } from '../../electron/storage/sqlite/audit-verify.ts';
import { migrate } from '../../electron/storage/sqlite/migrations.ts';
import { createShopStreams } from '../../electron/storage/sqlite/shop-streams.ts';
import { entryHash, GENESIS_HASH, signCheckpoint } from '../../electron/storage/sqlite/tables/audit-entries.ts';
import { aConversation } from '../support/factories.ts';
import { makeTempDir } from '../support/core-fixture.ts';
import { percentile, type BenchOutcome, type BenchRow } from './harness.ts';

const COMMANDS = 2000;
const VERIFY_ENTRIES = 1_000_000;

async function addedLatency(root: string): Promise<{ rows: BenchRow[]; audited: number[]; plain: number[] }> {
  mkdirSync(join(root, 'shops', 'bench-shop'), { recursive: true });
  const streams = createShopStreams(root);
  await streams.open('bench-shop');
  const def = methods['inbox.setNote'] as CommandDef;
  let n = 0;
  let id = 0;
  const conversation = () =>
    aConversation({
      id: 'c1',
      shopId: 'bench-shop',
      buyer: { id: 'b1', nick: '买家' },
      note: `note ${(n += 1)}`,
      updatedAt: n,
    });
  const clock = { now: () => Date.now(), setTimeout: () => ({ id: 0 }), clearTimeout: () => undefined };
  const deps = { clock, ids: { next: (prefix: string) => `${prefix}_${(id += 1)}` }, streams };
  const caller = {
    session: {
      userId: 'p1',
      login: 'xiaolin',
      displayName: '小林',
      kind: 'staff' as const,
      roleLabel: '客服',
      grants: ['inbox' as const],
      shopGrants: { 'bench-shop': ['inbox' as const] },
      shopIds: ['bench-shop'],
      locked: false,
      hasPin: false,
    },
    connectionId: 'ws-1',
    origin: 'ws' as const,
  };
  const input = { shopId: 'bench-shop', conversationId: 'c1', note: 'x', tags: [] };
  const audited: number[] = [];
  const plain: number[] = [];
  const handler = (_input: unknown, ctx: never) =>
    (ctx as { tx: { write: typeof streams.write } }).tx.write('bench-shop', { conversations: [conversation()] });
  // Blocks of 100 of each, alternating; the first 5 of a block are not counted (they may wait for the previous
  // block's last write, e.g. the signed head an audited commit copies after its acknowledgement).
  for (let block = 0; block < (COMMANDS / 100) * 2 + 2; block += 1) {
    const auditedBlock = block % 2 === 0;
    const counted = block >= 2;
    for (let i = 0; i < 100; i += 1) {
      const started = performance.now();
      if (auditedBlock) await runCommand('inbox.setNote', def, handler, input, caller, deps);
      else await streams.write('bench-shop', { conversations: [conversation()] });
      if (counted && i >= 5) (auditedBlock ? audited : plain).push(performance.now() - started);
    }
  }
  await streams.closeAll();
  audited.sort((a, b) => a - b);
  plain.sort((a, b) => a - b);
  const row = (path: string, xs: number[]) => ({
    path,
    commands: xs.length,
    'p50 ms': percentile(xs, 50),
    'p90 ms': percentile(xs, 90),
    'p99 ms': percentile(xs, 99),
    'max ms': xs[xs.length - 1]!,
  });
  return { rows: [row('unaudited (baseline)', plain), row('audited', audited)], audited, plain };
}

function buildLog(path: string, privateKey: string): void {
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;');
  migrate(db, path);
  const insert = db.prepare(
    'INSERT INTO audit_entries (n, id, at, actor_id, actor_name, connection_id, origin, shop_id, action, target_kind, target_id, changes, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const checkpoint = db.prepare('INSERT INTO audit_checkpoints (size, head, at, signature) VALUES (?, ?, ?, ?)');
  let prev = GENESIS_HASH;
  db.exec('BEGIN');
  for (let n = 1; n <= VERIFY_ENTRIES; n += 1) {
    const row = {
      n,
      id: `aud_${n}`,
      at: 1_780_000_000_000 + n * 1000,
      actorId: `p${n % 40}`,
      actorName: '小林',
      connectionId: `ws-${n % 7}`,
      origin: 'ws' as const,
      shopId: 'bench-shop',
      action: n % 3 ? 'inbox.reply' : 'inbox.setNote',
      targetKind: 'conversation',
      targetId: `conv_${n % 5000}`,
      changes: JSON.stringify({
        status: { from: 'waiting', to: 'active' },
        message: { to: { id: `msg_${n}`, kind: 'text' } },
      }),
      prevHash: prev,
    };
    const hash = entryHash(row);
    insert.run(
      n,
      row.id,
      row.at,
      row.actorId,
      row.actorName,
      row.connectionId,
      row.origin,
      row.shopId,
      row.action,
      row.targetKind,
      row.targetId,
      row.changes,
      prev,
      hash,
    );
    if (n === 1 || n % 1000 === 0) {
      const c = signCheckpoint({ size: n, head: hash, at: row.at }, privateKey);
      checkpoint.run(c.size, c.head, c.at, c.signature);
    }
    prev = hash;
  }
  db.exec('COMMIT');
  db.close();
}

export async function auditBenchmark(): Promise<BenchOutcome> {
  const root = await makeTempDir('seller-console-bench-audit-');
  try {
    const latency = await addedLatency(root);
    const key = loadOrCreateAuditKey(root, plaintextSecrets);
    const path = join(root, 'verify.sqlite');
    const built = performance.now();
    buildLog(path, key.privateKey);
    const buildMs = performance.now() - built;
    const runs: number[] = [];
    let problems = -1;
    for (let run = 0; run < 3; run += 1) {
      const started = performance.now();
      const report = await verifyAuditFile(path, key.publicKey, null);
      runs.push(performance.now() - started);
      problems = report.problems.length;
    }
    // The same log in one sequential walk (what a log with a problem gets), for comparison.
    const db = new DatabaseSync(path, { readOnly: true });
    const sequentialStarted = performance.now();
    verifyAuditDb(db, key.publicKey, null);
    const sequentialMs = performance.now() - sequentialStarted;
    db.close();
    const best = Math.min(...runs);
    const added = (p: number) => percentile(latency.audited, p) - percentile(latency.plain, p);
    return {
      title: `audited command path vs. unaudited (${COMMANDS} commands each, interleaved); verify over ${VERIFY_ENTRIES.toLocaleString('en')} entries`,
      rows: [
        ...latency.rows,
        ...runs.map((ms, i) => ({
          path: `verify run ${i + 1} (2 worker threads)`,
          commands: VERIFY_ENTRIES,
          'p50 ms': ms,
          'p90 ms': '',
          'p99 ms': '',
          'max ms': '',
        })),
        {
          path: 'verify, one sequential walk',
          commands: VERIFY_ENTRIES,
          'p50 ms': sequentialMs,
          'p90 ms': '',
          'p99 ms': '',
          'max ms': '',
        },
      ],
      notes: [
        `building the 1M-entry log took ${(buildMs / 1000).toFixed(1)} s (not timed); verify found ${problems} problems; one sequential walk ${sequentialMs.toFixed(0)} ms`,
      ],
      result: {
        added_p50_ms: added(50),
        added_p99_ms: added(99),
        audited_p99_ms: percentile(latency.audited, 99),
        baseline_p99_ms: percentile(latency.plain, 99),
        verify_1m_ms: best,
        verify_entries_per_s: Math.round(VERIFY_ENTRIES / (best / 1000)),
      },
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
