// Verifies one audit log: recomputes every entry's hash over its canonical encoding and the previous hash, walks
// the positions, and checks the signed checkpoints (in the database and the signed head kept outside it). Reports
// each kind of damage with the entry where it starts: an edited entry (its hash no longer matches), a deleted one
// (a position missing), entries reordered or inserted, a truncated tail (fewer entries than a checkpoint covered),
// and a log rebuilt with consistent fresh hashes (no signed checkpoint matches it). A big log is walked by two
// worker threads, each over half of it, stitched where the halves meet; any doubt and the exact report comes from
// one sequential walk.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import type { AuditProblem } from '../../../shared/contract/index.ts';
import type { AuditVerifyResult } from '../../core/ports.ts';
import {
  AUDIT_COLUMNS,
  checkpointIsSigned,
  CANONICAL_SQL,
  GENESIS_HASH,
  hashCanonical,
  hashEntryFields,
  type Checkpoint,
} from './tables/audit-entries.ts';

/** Problems listed per log at most (the first of each run is what matters; the rest repeat it). */
const MAX_PROBLEMS = 50;
/** Logs at least this long are walked by worker threads. */
export const PARALLEL_FROM = 100_000;

/** A row of verify's fast path: position, the canonical encoding built by SQLite, and the stored hashes. */
type Row = [seq: number, n: number, canonical: string | null, prevHash: string, hash: string];

type FullRow = [
  seq: number,
  n: number,
  id: string,
  at: number,
  actorId: string | null,
  actorName: string | null,
  connectionId: string,
  origin: string,
  shopId: string | null,
  action: string,
  targetKind: string | null,
  targetId: string | null,
  changes: string,
  prevHash: string,
  hash: string,
];

type Report = (kind: AuditProblem['kind'], at: number, message: string) => void;

function collector(): { problems: AuditProblem[]; report: Report } {
  const problems: AuditProblem[] = [];
  const report: Report = (kind, at, message) => {
    const last = problems[problems.length - 1];
    // One run of damage is one problem: the entries after a break repeat it until the chain is whole again.
    if (last && last.kind === kind && at - last.at <= 1 && kind !== 'edited') return;
    if (problems.length < MAX_PROBLEMS) problems.push({ kind, at, message });
  };
  return { problems, report };
}

/** The result of walking a range of entries (by seq): where it starts and ends, and whether it is whole. */
export type WalkResult = {
  entries: number;
  firstN: number;
  firstPrev: string;
  lastN: number;
  lastHash: string;
  broken: boolean;
  hashes: Record<number, string>;
};

/** Rows are read in pages of CHUNK by seq: cheaper than one row per call into SQLite. */
const CHUNK = 1000;

/** Walks entries in [fromSeq, toSeq]; `report` receives what is wrong inside the range (not across its start). */
export function walkRange(
  db: DatabaseSync,
  fromSeq: number,
  toSeq: number,
  wanted: ReadonlySet<number>,
  report: Report | null,
): WalkResult {
  const stmt = db.prepare(
    `SELECT seq, n, ${CANONICAL_SQL}, prev_hash, hash FROM audit_entries WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ${CHUNK}`,
  );
  stmt.setReturnArrays(true);
  const fullRow = db.prepare(`SELECT ${AUDIT_COLUMNS} FROM audit_entries WHERE seq = ?`);
  fullRow.setReturnArrays(true);
  /** The exact check, field by field, for a row whose fast hash did not match. */
  const matchesExactly = (seq: number, hash: string) => {
    const [, n, id, at, actorId, actorName, connectionId, origin, shopId, action, targetKind, targetId, changes, prev] =
      fullRow.get(seq) as unknown as FullRow;
    const exact = hashEntryFields(
      n,
      id,
      at,
      actorId,
      actorName,
      connectionId,
      origin,
      shopId,
      action,
      targetKind,
      targetId,
      changes,
      prev,
    );
    return exact === hash;
  };
  const result: WalkResult = {
    entries: 0,
    firstN: 0,
    firstPrev: GENESIS_HASH,
    lastN: 0,
    lastHash: GENESIS_HASH,
    broken: false,
    hashes: {},
  };
  let positions: Set<number> | null = null;
  const seen = new Set<number>();
  let expected = -1;
  let prev = '';
  const visit = (raw: Row) => {
    const [seq, n, canonical, prevHash, hash] = raw;
    if (result.entries === 0) {
      result.firstN = n;
      result.firstPrev = prevHash;
      expected = n;
      prev = prevHash;
    }
    result.entries += 1;
    if ((canonical === null || hashCanonical(canonical) !== hash) && !matchesExactly(seq, hash)) {
      result.broken = true;
      report?.('edited', n, `entry ${n} was changed after it was written (its hash does not match its content)`);
    } else if (prevHash !== prev || n !== expected) {
      result.broken = true;
      if (report) {
        positions ??= new Set((db.prepare('SELECT n FROM audit_entries').all() as { n: number }[]).map((r) => r.n));
        if (seen.has(n)) report('inserted', n, `an entry was inserted: position ${n} appears twice`);
        else if (n > expected && positions.has(expected))
          report('reordered', expected, `entries from ${expected} are out of order`);
        else if (n > expected)
          report(
            'deleted',
            expected,
            n - expected === 1 ? `entry ${expected} was deleted` : `entries ${expected}–${n - 1} were deleted`,
          );
        else if (n < expected) report('reordered', n, `entry ${n} is out of order`);
        else
          report(
            'edited',
            n - 1,
            `entry ${n - 1} was changed after it was written (the next entry does not follow from it)`,
          );
      }
    }
    if (report) seen.add(n);
    if (wanted.has(n) && !(n in result.hashes)) result.hashes[n] = hash;
    expected = n + 1;
    prev = hash;
  };
  // Keyset pages: the next page starts after the last seq seen, however sparse the seqs are.
  for (let after = fromSeq - 1; ;) {
    const rows = stmt.all(after, toSeq) as unknown as Row[];
    for (let i = 0; i < rows.length; i += 1) visit(rows[i]!);
    if (rows.length < CHUNK) break;
    after = rows[rows.length - 1]![0];
  }
  result.lastN = expected - 1;
  result.lastHash = prev;
  return result;
}

type Checkpoints = { inside: Checkpoint[]; outside: Checkpoint | null; unreadableOutside: boolean };

function readCheckpoints(db: DatabaseSync, checkpointFile: string | null): Checkpoints {
  const inside = db
    .prepare('SELECT size, head, at, signature FROM audit_checkpoints ORDER BY seq')
    .all() as Checkpoint[];
  let outside: Checkpoint | null = null;
  let unreadableOutside = false;
  if (checkpointFile !== null && existsSync(checkpointFile)) {
    try {
      outside = JSON.parse(readFileSync(checkpointFile, 'utf8')) as Checkpoint;
    } catch {
      unreadableOutside = true;
    }
  }
  return { inside, outside, unreadableOutside };
}

/** Every checkpoint must be signed by the console's key and match the chain at its size. */
function checkCheckpoints(
  c: Checkpoints,
  keys: readonly KeyObject[],
  hashAt: (n: number) => string | undefined,
  lastN: number,
  entries: number,
  collected: ReturnType<typeof collector>,
): number {
  const { report, problems } = collected;
  if (c.unreadableOutside) report('checkpoint_invalid', 0, 'the checkpoint kept outside the log cannot be read');
  const firstBreak = Math.min(Infinity, ...problems.map((p) => p.at));
  let checkpointed = 0;
  for (const checkpoint of [...c.inside, ...(c.outside ? [c.outside] : [])].sort((a, b) => a.size - b.size)) {
    if (!keys.some((key) => checkpointIsSigned(checkpoint, key))) {
      report(
        'checkpoint_invalid',
        checkpoint.size,
        `the checkpoint at entry ${checkpoint.size} is not signed by this console's key`,
      );
      continue;
    }
    if (checkpoint.size > lastN) {
      report(
        'truncated',
        lastN + 1,
        `the log ends at entry ${lastN}, but a signed checkpoint covered ${checkpoint.size} entries: the tail was cut`,
      );
      continue;
    }
    if (hashAt(checkpoint.size) !== checkpoint.head) {
      // A checkpoint after a break the chain already shows follows from that break: not a rebuild of its own.
      if (checkpoint.size >= firstBreak) continue;
      // The rewrite began after the last checkpoint that still matches, at or before this one.
      const from = checkpointed + 1;
      report(
        'rebuilt',
        from,
        `the log was rewritten between entries ${from} and ${checkpoint.size}: entry ${checkpoint.size} does not match the signed checkpoint at that size`,
      );
      continue;
    }
    checkpointed = Math.max(checkpointed, checkpoint.size);
  }
  if (entries > 0 && checkpointed === 0 && !problems.some((p) => p.kind === 'rebuilt' || p.kind === 'truncated')) {
    // Every log is checkpointed from its first entry: a non-empty log without one valid checkpoint was made anew.
    report('rebuilt', 1, 'no signed checkpoint matches this log: it was rebuilt or its checkpoints removed');
  }
  return checkpointed;
}

/** The keys checkpoints may be signed with (a data folder used by both hosts has one per secret store). */
export type PublicKeys = string | readonly string[] | null;
const toKeys = (keys: PublicKeys): KeyObject[] =>
  (keys === null ? [] : typeof keys === 'string' ? [keys] : keys).map((pem) => createPublicKey(pem));

/** One sequential walk: the exact report. */
export function verifyAuditDb(
  db: DatabaseSync,
  publicKeyPem: PublicKeys,
  checkpointFile: string | null,
): AuditVerifyResult {
  const collected = collector();
  const checkpoints = readCheckpoints(db, checkpointFile);
  const wanted = new Set(
    [...checkpoints.inside, ...(checkpoints.outside ? [checkpoints.outside] : [])].map((c) => c.size),
  );
  const { lo, hi } = db
    .prepare('SELECT coalesce(min(seq), 1) AS lo, coalesce(max(seq), 0) AS hi FROM audit_entries')
    .get() as { lo: number; hi: number };
  const walk = walkRange(db, lo, hi, wanted, collected.report);
  if (walk.entries > 0 && (walk.firstN !== 1 || walk.firstPrev !== GENESIS_HASH) && collected.problems.length === 0) {
    collected.report(
      walk.firstN > 1 ? 'deleted' : 'edited',
      1,
      walk.firstN > 1 ? `entries 1–${walk.firstN - 1} were deleted` : 'entry 1 does not start the chain',
    );
  }
  const checkpointedEntries = checkCheckpoints(
    checkpoints,
    toKeys(publicKeyPem),
    (n) => walk.hashes[n],
    walk.lastN,
    walk.entries,
    collected,
  );
  return {
    entries: walk.entries,
    checkpoints: checkpoints.inside.length,
    checkpointedEntries,
    problems: collected.problems.sort((a, b) => a.at - b.at),
  };
}

// Under Node's type stripping the sources run as .ts; compiled for Electron they are .js (unpacked next to app.asar).
const WORKER_PATH = fileURLToPath(
  new URL(`./audit-verify-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url),
).replace(`app.asar${sep}`, `app.asar.unpacked${sep}`);

function walkInWorker(path: string, fromSeq: number, toSeq: number, wanted: readonly number[]): Promise<WalkResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_PATH, { workerData: { path, fromSeq, toSeq, wanted } });
    worker.once('message', (result: WalkResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/**
 * Verifies the log in a database file without blocking the caller: a big log is split between `threads` workers;
 * when every part is whole and the parts join, the checkpoints are checked against the hashes they returned. Any
 * break anywhere, and one sequential walk gives the exact report.
 */
export async function verifyAuditFile(
  path: string,
  publicKeyPem: PublicKeys,
  checkpointFile: string | null,
  threads = 2,
): Promise<AuditVerifyResult> {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const { count, lo, hi } = db
      .prepare('SELECT count(*) AS count, coalesce(min(seq), 0) AS lo, coalesce(max(seq), 0) AS hi FROM audit_entries')
      .get() as { count: number; lo: number; hi: number };
    if (count < PARALLEL_FROM || threads < 2) return verifyAuditDb(db, publicKeyPem, checkpointFile);
    const checkpoints = readCheckpoints(db, checkpointFile);
    const wanted = [
      ...new Set([...checkpoints.inside, ...(checkpoints.outside ? [checkpoints.outside] : [])].map((c) => c.size)),
    ];
    const step = Math.ceil((hi - lo + 1) / threads);
    const parts = await Promise.all(
      Array.from({ length: threads }, (_, i) =>
        walkInWorker(path, lo + i * step, Math.min(hi, lo + (i + 1) * step - 1), wanted),
      ),
    );
    const filled = parts.filter((p) => p.entries > 0);
    const joined =
      filled.length > 0 &&
      filled[0]!.firstN === 1 &&
      filled[0]!.firstPrev === GENESIS_HASH &&
      filled.every(
        (p, i) =>
          !p.broken && (i === 0 || (p.firstN === filled[i - 1]!.lastN + 1 && p.firstPrev === filled[i - 1]!.lastHash)),
      );
    if (!joined) return verifyAuditDb(db, publicKeyPem, checkpointFile);
    const hashes = Object.assign({}, ...filled.map((p) => p.hashes)) as Record<number, string>;
    const collected = collector();
    const last = filled[filled.length - 1]!;
    const checkpointedEntries = checkCheckpoints(
      checkpoints,
      toKeys(publicKeyPem),
      (n) => hashes[n],
      last.lastN,
      count,
      collected,
    );
    if (collected.problems.length > 0) return verifyAuditDb(db, publicKeyPem, checkpointFile);
    return { entries: count, checkpoints: checkpoints.inside.length, checkpointedEntries, problems: [] };
  } finally {
    db.close();
  }
}
