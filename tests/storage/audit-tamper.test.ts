// The tamper table: each way of changing a log after the fact is detected and located by verify — an edited byte,
// a deleted entry, two entries swapped, an entry inserted, the tail cut, and the whole chain rebuilt with fresh
// hashes (consistent, but no signed checkpoint matches it).
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopStreams, auditPaths } from '../../electron/storage/sqlite/shop-streams.ts';
import { verifyAuditDb } from '../../electron/storage/sqlite/audit-verify.ts';
import {
  AUDIT_COLUMNS,
  entryHash,
  fromDbRow,
  GENESIS_HASH,
  type AuditDbRow,
} from '../../electron/storage/sqlite/tables/audit-entries.ts';
import { loadOrCreateAuditKey } from '../../electron/storage/audit-key.ts';
import { plaintextSecrets } from '../../electron/storage/secrets/plaintext-secrets.ts';
import { ORG_LOG, type AuditDraft } from '../../electron/core/ports.ts';
import { makeTempDir } from '../support/core-fixture.ts';

const ENTRIES = 40;
let root: string;
let pristine: string;
let publicKey: string;

// Every fifth entry holds a character outside the BMP (an emoji counts two UTF-16 units but one SQLite character)
// and no actor name: verify's fast path (the encoding built in SQL) differs there, and its exact check must agree.
const draft = (i: number): AuditDraft => ({
  id: `aud_${i}`,
  at: 1_000 + i,
  actorId: 'p1',
  actorName: i % 5 === 0 ? null : '小林',
  connectionId: 'ws-1',
  origin: 'ws',
  shopId: null,
  action: i % 2 ? 'inbox.reply' : 'session.login',
  targetKind: 'person',
  targetId: 'p1',
  changes: JSON.stringify({ n: { to: i }, ...(i % 5 === 0 ? { note: { to: '好评😀' } } : {}) }),
});

beforeAll(async () => {
  root = await makeTempDir();
  const streams = createShopStreams(root, { checkpointEvery: 10 });
  await streams.open(ORG_LOG);
  for (let i = 1; i <= ENTRIES; i += 1) await streams.write(ORG_LOG, { audit: [draft(i)] });
  await streams.closeAll();
  publicKey = loadOrCreateAuditKey(root, plaintextSecrets).publicKey;
  pristine = join(root, 'pristine');
  cpSync(join(root, 'org.sqlite'), pristine);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Applies one tampering to a fresh copy of the log, then verifies it. */
function tamper(change: (db: DatabaseSync) => void, options: Readonly<{ keepOutsideHead?: boolean }> = {}) {
  const copy = join(root, `copy-${Math.random().toString(36).slice(2)}.sqlite`);
  cpSync(pristine, copy);
  const db = new DatabaseSync(copy);
  try {
    change(db);
    const outside = auditPaths(root, ORG_LOG).checkpointFile;
    return verifyAuditDb(db, publicKey, options.keepOutsideHead === false ? null : outside);
  } finally {
    db.close();
  }
}

/** Renumbers and rehashes every entry from `fromSeq` on, as someone rewriting the log consistently would. */
function rehashFrom(db: DatabaseSync, fromSeq: number): void {
  const rows = db
    .prepare(`SELECT ${AUDIT_COLUMNS} FROM audit_entries WHERE seq >= ? ORDER BY seq`)
    .all(fromSeq) as AuditDbRow[];
  const before = db
    .prepare('SELECT n, hash FROM audit_entries WHERE seq < ? ORDER BY seq DESC LIMIT 1')
    .get(fromSeq) as { n: number; hash: string } | undefined;
  let prev = before?.hash ?? GENESIS_HASH;
  let n = before?.n ?? 0;
  for (const row of rows) {
    n += 1;
    const hash = entryHash({ ...fromDbRow(row), n, prevHash: prev });
    db.prepare('UPDATE audit_entries SET n = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(n, prev, hash, row.seq);
    prev = hash;
  }
}

describe('audit verify: the tamper table', () => {
  it('a pristine log verifies, covered by its signed checkpoints (every 10 entries here) and the signed head kept outside', () => {
    expect(tamper(() => undefined)).toEqual({
      entries: ENTRIES,
      checkpoints: 4,
      checkpointedEntries: ENTRIES,
      problems: [],
    });
  });

  const table: [string, (db: DatabaseSync) => void, string, number][] = [
    [
      'one byte of an entry flipped',
      (db) => db.prepare("UPDATE audit_entries SET changes = replace(changes, '17', '18') WHERE n = 17").run(),
      'edited',
      17,
    ],
    [
      'one byte of a stored hash flipped',
      (db) => db.prepare("UPDATE audit_entries SET hash = '1' || substr(hash, 2) WHERE n = 23").run(),
      'edited',
      23,
    ],
    ['an entry deleted', (db) => db.prepare('DELETE FROM audit_entries WHERE n = 12').run(), 'deleted', 12],
    [
      'two entries swapped',
      (db) => {
        const cols =
          'n, id, at, actor_id, actor_name, connection_id, origin, shop_id, action, target_kind, target_id, changes, prev_hash, hash';
        const a = db.prepare(`SELECT ${cols} FROM audit_entries WHERE seq = 5`).get() as Record<string, never>;
        const b = db.prepare(`SELECT ${cols} FROM audit_entries WHERE seq = 6`).get() as Record<string, never>;
        const set = `UPDATE audit_entries SET ${cols
          .split(', ')
          .map((c) => `${c} = ?`)
          .join(', ')} WHERE seq = ?`;
        db.prepare(set).run(...Object.values(b), 5);
        db.prepare(set).run(...Object.values(a), 6);
      },
      'reordered',
      5,
    ],
    [
      'an entry inserted (with a valid hash of its own)',
      (db) => {
        const prev = (db.prepare('SELECT hash FROM audit_entries WHERE n = 20').get() as { hash: string }).hash;
        const fake = { ...draft(99), n: 21, prevHash: prev };
        // Moved in between 20 and 21 by renumbering the rows after it (seq is the order).
        db.prepare('UPDATE audit_entries SET seq = seq + 1000 WHERE seq > 20').run();
        db.prepare('UPDATE audit_entries SET seq = seq - 999 WHERE seq > 1000').run();
        db.prepare(
          'INSERT INTO audit_entries (seq, n, id, at, actor_id, actor_name, connection_id, origin, shop_id, action, target_kind, target_id, changes, prev_hash, hash) VALUES (21, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(
          21,
          fake.id,
          fake.at,
          fake.actorId,
          fake.actorName,
          fake.connectionId,
          fake.origin,
          fake.shopId,
          fake.action,
          fake.targetKind,
          fake.targetId,
          fake.changes,
          prev,
          entryHash(fake),
        );
      },
      'inserted',
      21,
    ],
    [
      'the tail cut (checkpoints in the log cut with it)',
      (db) => {
        db.prepare('DELETE FROM audit_entries WHERE n > 33').run();
        db.prepare('DELETE FROM audit_checkpoints WHERE size > 33').run();
      },
      'truncated',
      34,
    ],
    [
      'the whole chain rebuilt with fresh hashes (an entry changed, every hash after it recomputed)',
      (db) => {
        db.prepare("UPDATE audit_entries SET action = 'settings.update' WHERE n = 8").run();
        rehashFrom(db, 8);
      },
      // Located between the last checkpoint that still matches (entry 1) and the first that does not (11).
      'rebuilt',
      2,
    ],
  ];

  for (const [name, change, kind, at] of table) {
    it(`${name} → ${kind} at entry ${at}`, () => {
      const report = tamper(change);
      expect(report.problems.length).toBeGreaterThan(0);
      expect(report.problems[0]).toMatchObject({ kind, at });
    });
  }

  it('a log rebuilt from scratch with its checkpoints removed and no copy outside: no valid checkpoint', () => {
    const report = tamper(
      (db) => {
        db.prepare("UPDATE audit_entries SET actor_name = '别人' WHERE n = 3").run();
        rehashFrom(db, 1);
        db.prepare('DELETE FROM audit_checkpoints').run();
      },
      { keepOutsideHead: false },
    );
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'rebuilt', at: 1 })]);
  });

  it('checkpoints signed with another key are not valid', () => {
    const foreign = generateKeyPairSync('ed25519', {
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    }).publicKey;
    const db = new DatabaseSync(pristine);
    try {
      const report = verifyAuditDb(db, foreign, null);
      expect(report.problems[0]).toMatchObject({ kind: 'checkpoint_invalid' });
    } finally {
      db.close();
    }
  });
});
