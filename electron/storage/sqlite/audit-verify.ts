// Verifies one audit log: recomputes every entry's hash over its canonical encoding and the previous hash, walks
// the positions, and checks the signed checkpoints (in the database and the copy kept outside it). Reports each
// kind of damage with the entry where it starts: an edited entry (its hash no longer matches), a deleted one (a
// position missing), entries reordered or inserted, a truncated tail (fewer entries than a checkpoint covered), and
// a log rebuilt with consistent fresh hashes (no signed checkpoint matches it).
import { createHash, createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import type { AuditProblem } from '../../../shared/contract/index.ts';
import type { AuditVerifyResult } from '../../core/ports.ts';
import { checkpointIsSigned, GENESIS_HASH, type Checkpoint } from './tables/audit-entries.ts';

/** Problems listed per log at most (the first of each run is what matters; the rest repeat it). */
const MAX_PROBLEMS = 50;

type Row = [seq: number, n: number, id: string, at: number, actorId: string | null, actorName: string | null, connectionId: string, origin: string, shopId: string | null, action: string, targetKind: string | null, targetId: string | null, changes: string, prevHash: string, hash: string];

export function verifyAuditDb(db: DatabaseSync, publicKeyPem: string | null, checkpointFile: string | null): AuditVerifyResult {
  const problems: AuditProblem[] = [];
  const report = (kind: AuditProblem['kind'], at: number, message: string) => {
    const last = problems[problems.length - 1];
    // One run of damage is one problem: the entries after a break repeat it until the chain is whole again.
    if (last && last.kind === kind && at - last.at <= 1 && kind !== 'edited') return;
    if (problems.length < MAX_PROBLEMS) problems.push({ kind, at, message });
  };
  const positions = new Set<number>();
  for (const row of db.prepare('SELECT n FROM audit_entries').iterate() as Iterable<{ n: number }>) positions.add(row.n);
  const stmt = db.prepare('SELECT seq, n, id, at, actor_id, actor_name, connection_id, origin, shop_id, action, target_kind, target_id, changes, prev_hash, hash FROM audit_entries ORDER BY seq');
  stmt.setReturnArrays(true);
  const hashAt = new Map<number, string>();
  const seen = new Set<number>();
  let expected = 1;
  let prev = GENESIS_HASH;
  let entries = 0;
  for (const raw of stmt.iterate() as Iterable<Row>) {
    entries += 1;
    const [, n, , , , , , , , , , , , prevHash, hash] = raw;
    const computed = createHash('sha256')
      .update(JSON.stringify([n, raw[2], raw[3], raw[4], raw[5], raw[6], raw[7], raw[8], raw[9], raw[10], raw[11], raw[12], prevHash]))
      .digest('hex');
    if (computed !== hash) {
      report('edited', n, `entry ${n} was changed after it was written (its hash does not match its content)`);
    } else if (prevHash !== prev || n !== expected) {
      if (seen.has(n)) report('inserted', n, `an entry was inserted: position ${n} appears twice`);
      else if (n > expected && positions.has(expected)) report('reordered', expected, `entries from ${expected} are out of order`);
      else if (n > expected) report('deleted', expected, n - expected === 1 ? `entry ${expected} was deleted` : `entries ${expected}–${n - 1} were deleted`);
      else if (n < expected) report('reordered', n, `entry ${n} is out of order`);
      else report('edited', n - 1, `entry ${n - 1} was changed after it was written (the next entry does not follow from it)`);
    }
    seen.add(n);
    if (!hashAt.has(n)) hashAt.set(n, hash);
    expected = n + 1;
    prev = hash;
  }
  const lastN = expected - 1;

  // Checkpoints: every one must be signed by the console's key and match the chain at its size.
  const checkpoints = db.prepare('SELECT size, head, at, signature FROM audit_checkpoints ORDER BY seq').all() as Checkpoint[];
  let outside: Checkpoint | null = null;
  if (checkpointFile !== null && existsSync(checkpointFile)) {
    try {
      outside = JSON.parse(readFileSync(checkpointFile, 'utf8')) as Checkpoint;
    } catch {
      report('checkpoint_invalid', 0, 'the checkpoint kept outside the log cannot be read');
    }
  }
  const key = publicKeyPem === null ? null : createPublicKey(publicKeyPem);
  const firstBreak = Math.min(Infinity, ...problems.map((p) => p.at));
  let checkpointedEntries = 0;
  const all = (outside ? [...checkpoints, outside] : checkpoints).sort((a, b) => a.size - b.size);
  for (const c of all) {
    if (key === null || !checkpointIsSigned(c, key)) {
      report('checkpoint_invalid', c.size, `the checkpoint at entry ${c.size} is not signed by this console's key`);
      continue;
    }
    if (c.size > lastN) {
      report('truncated', lastN + 1, `the log ends at entry ${lastN}, but a signed checkpoint covered ${c.size} entries: the tail was cut`);
      continue;
    }
    if (hashAt.get(c.size) !== c.head) {
      // A checkpoint after a break the chain already shows follows from that break: not a rebuild of its own.
      if (c.size >= firstBreak) continue;
      // The rewrite began after the last checkpoint that still matches, at or before this one.
      const from = checkpointedEntries + 1;
      report('rebuilt', from, `the log was rewritten between entries ${from} and ${c.size}: entry ${c.size} does not match the signed checkpoint at that size`);
      continue;
    }
    checkpointedEntries = Math.max(checkpointedEntries, c.size);
  }
  if (entries > 0 && checkpointedEntries === 0 && !problems.some((p) => p.kind === 'rebuilt' || p.kind === 'truncated')) {
    // Every log is checkpointed from its first entry: a non-empty log without one valid checkpoint was made anew.
    report('rebuilt', 1, 'no signed checkpoint matches this log: it was rebuilt or its checkpoints removed');
  }
  return { entries, checkpoints: checkpoints.length, checkpointedEntries, problems: problems.sort((a, b) => a.at - b.at) };
}
