// The audit chain's rows: the canonical encoding an entry is hashed over, the hash itself, checkpoint signing and
// the row codec. Used by the writer thread (which appends), by the reader (pages, search) and by verify.
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

export type { AuditDraft, AuditRow, SecurityEventRow } from '../../../core/ports.ts';
import type { AuditRow } from '../../../core/ports.ts';

export type Checkpoint = Readonly<{ size: number; head: string; at: number; signature: string }>;

export const GENESIS_HASH = '0'.repeat(64);

/** The bytes an entry's hash covers: its position, every field in a fixed order, and the previous entry's hash. */
export function canonicalEntry(row: Omit<AuditRow, 'hash'>): string {
  return JSON.stringify([
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
  ]);
}

export function entryHash(row: Omit<AuditRow, 'hash'>): string {
  return createHash('sha256').update(canonicalEntry(row)).digest('hex');
}

const checkpointMessage = (c: Omit<Checkpoint, 'signature'>) => Buffer.from(JSON.stringify(['seller-console-audit-checkpoint/1', c.size, c.head, c.at]));

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

export const AUDIT_COLUMNS = 'seq, n, id, at, actor_id, actor_name, connection_id, origin, shop_id, action, target_kind, target_id, changes, prev_hash, hash';

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
