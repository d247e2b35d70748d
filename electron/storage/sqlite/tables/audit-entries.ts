// The audit chain's rows: the canonical encoding an entry is hashed over, the hash itself, checkpoint signing and
// the row codec. Used by the writer thread (which appends), by the reader (pages, search) and by verify.
import { createPrivateKey, hash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

export type { AuditDraft, AuditRow, SecurityEventRow } from '../../../core/ports.ts';
import type { AuditRow } from '../../../core/ports.ts';

export type Checkpoint = Readonly<{ size: number; head: string; at: number; signature: string }>;

export const GENESIS_HASH = '0'.repeat(64);

/** One field of the canonical encoding: null, a number, or a length-prefixed string (no separator can be forged). */
const field = (v: string | number | null) => (v === null ? '~' : typeof v === 'number' ? `#${v}` : `${v.length}:${v}`);

/**
 * The bytes an entry's hash covers: its position, every field in a fixed order, and the previous entry's hash, each
 * field length-prefixed. Verify calls this once per entry, so it is written for speed (one flat string, one hash).
 */
export function hashEntryFields(
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
): string {
  return hashCanonical(
    `${field(n)}|${field(id)}|${field(at)}|${field(actorId)}|${field(actorName)}|${field(connectionId)}|${field(origin)}|${field(shopId)}|${field(action)}|${field(targetKind)}|${field(targetId)}|${field(changes)}|${prevHash}`,
  );
}

/** SHA-256 (hex) of a canonical encoding, hashed as UTF-16LE through one reused buffer: for text with Chinese in it,
 * cheaper than encoding UTF-8 anew. */
export function hashCanonical(canonical: string): string {
  const bytes = canonical.length * 2;
  if (bytes > scratch.length) scratch = Buffer.allocUnsafe(Math.max(bytes, scratch.length * 2));
  scratch.write(canonical, 0, 'utf16le');
  return hash('sha256', scratch.subarray(0, bytes));
}

const sqlField = (column: string) =>
  `CASE WHEN ${column} IS NULL THEN '~' ELSE length(${column}) || ':' || ${column} END`;

/**
 * The canonical encoding built by SQLite, for verify's fast path: one flat string per row instead of thirteen values
 * joined in JS (verify over a million entries spends most of its time there). It equals hashEntryFields' encoding
 * unless a text field holds a character outside the BMP — SQLite's length() counts code points, the encoding UTF-16
 * units — so a row whose fast hash does not match is checked again field by field before it is called changed.
 */
export const CANONICAL_SQL = [
  `'#' || n`,
  sqlField('id'),
  `'#' || at`,
  ...[
    'actor_id',
    'actor_name',
    'connection_id',
    'origin',
    'shop_id',
    'action',
    'target_kind',
    'target_id',
    'changes',
  ].map(sqlField),
  'prev_hash',
].join(` || '|' || `);

let scratch = Buffer.allocUnsafe(4096);

export function entryHash(row: Omit<AuditRow, 'hash'>): string {
  return hashEntryFields(
    row.n,
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
    row.prevHash,
  );
}

const checkpointMessage = (c: Omit<Checkpoint, 'signature'>) =>
  Buffer.from(JSON.stringify(['seller-console-audit-checkpoint/1', c.size, c.head, c.at]));

export function signCheckpoint(c: Omit<Checkpoint, 'signature'>, privateKeyPem: string | KeyObject): Checkpoint {
  const key = typeof privateKeyPem === 'string' ? createPrivateKey(privateKeyPem) : privateKeyPem;
  return { ...c, signature: sign(null, checkpointMessage(c), key).toString('base64') };
}

export function checkpointIsSigned(c: Checkpoint, publicKeyPem: string | KeyObject): boolean {
  try {
    const key = typeof publicKeyPem === 'string' ? createPublicKey(publicKeyPem) : publicKeyPem;
    return verify(null, checkpointMessage(c), key, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

export const AUDIT_COLUMNS =
  'seq, n, id, at, actor_id, actor_name, connection_id, origin, shop_id, action, target_kind, target_id, changes, prev_hash, hash';

export type AuditDbRow = {
  seq: number;
  n: number;
  id: string;
  at: number;
  actor_id: string | null;
  actor_name: string | null;
  connection_id: string;
  origin: 'ipc' | 'ws' | 'system';
  shop_id: string | null;
  action: string;
  target_kind: string | null;
  target_id: string | null;
  changes: string;
  prev_hash: string;
  hash: string;
};

export function fromDbRow(row: AuditDbRow): AuditRow {
  return {
    n: row.n,
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    connectionId: row.connection_id,
    origin: row.origin,
    shopId: row.shop_id,
    action: row.action,
    targetKind: row.target_kind,
    targetId: row.target_id,
    changes: row.changes,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
