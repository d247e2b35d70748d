// The roster's tables (migration 005): statements and row codecs for the writer thread and the reader. A batch
// carries the roster writes of its commands as they are; the writer applies them in its one transaction.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ChecklistItem } from '../../../../shared/contract/index.ts';
import type { RosterOp } from '../../../../shared/domain/roster/roster-ops.ts';
import type { RosterLog, RosterWrite } from '../../../core/roster/roster-store.ts';

export type RosterStatements = Readonly<{
  insertOp: StatementSync;
  queue: StatementSync;
  ack: StatementSync;
  setCursor: StatementSync;
  addItem: StatementSync;
  itemDone: StatementSync;
  setNode: StatementSync;
}>;

export const rosterTable = {
  name: 'roster',
  prepare(db: DatabaseSync): RosterStatements {
    return {
      insertOp: db.prepare(
        `INSERT OR IGNORE INTO roster_ops (id, entity, entity_id, field, value, supersedes, actor_id, actor_name, origin)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      queue: db.prepare('INSERT OR IGNORE INTO roster_outbox (op_id) VALUES (?)'),
      ack: db.prepare('UPDATE roster_outbox SET acked_at = ?, result = ? WHERE op_id = ? AND acked_at IS NULL'),
      setCursor: db.prepare(
        'INSERT INTO roster_cursor (id, value) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET value = excluded.value',
      ),
      addItem: db.prepare(
        'INSERT OR IGNORE INTO roster_checklist (id, op_id, at, instruction, done_at) VALUES (?, ?, ?, ?, NULL)',
      ),
      itemDone: db.prepare('UPDATE roster_checklist SET done_at = ? WHERE id = ? AND done_at IS NULL'),
      setNode: db.prepare('INSERT OR IGNORE INTO roster_node (id, node) VALUES (1, ?)'),
    };
  },
  write(stmts: RosterStatements, writes: readonly RosterWrite[]): void {
    for (const w of writes) {
      for (const op of w.ops ?? [])
        stmts.insertOp.run(
          op.id,
          op.entity,
          op.entityId,
          op.field,
          JSON.stringify(op.value),
          JSON.stringify(op.supersedes),
          op.actorId,
          op.actorName,
          op.origin,
        );
      for (const id of w.queue ?? []) stmts.queue.run(id);
      for (const a of w.acked ?? []) stmts.ack.run(a.at, a.result, a.opId);
      if (w.cursor !== undefined) stmts.setCursor.run(w.cursor);
      for (const item of w.checklist ?? []) stmts.addItem.run(item.id, item.opId, item.at, item.instruction);
      for (const d of w.checklistDone ?? []) stmts.itemDone.run(d.at, d.id);
      if (w.node !== undefined) stmts.setNode.run(w.node);
    }
  },
};

type OpRow = {
  id: string;
  entity: RosterOp['entity'];
  entity_id: string;
  field: string;
  value: string;
  supersedes: string;
  actor_id: string | null;
  actor_name: string | null;
  origin: string;
};

export function readRoster(db: DatabaseSync): RosterLog {
  const ops = (
    db
      .prepare(
        'SELECT id, entity, entity_id, field, value, supersedes, actor_id, actor_name, origin FROM roster_ops ORDER BY seq',
      )
      .all() as OpRow[]
  ).map((row): RosterOp => ({
    id: row.id,
    entity: row.entity,
    entityId: row.entity_id,
    field: row.field,
    value: JSON.parse(row.value) as RosterOp['value'],
    supersedes: JSON.parse(row.supersedes) as string[],
    actorId: row.actor_id,
    actorName: row.actor_name,
    origin: row.origin,
  }));
  const outbox = (
    db.prepare('SELECT op_id FROM roster_outbox WHERE acked_at IS NULL ORDER BY seq').all() as { op_id: string }[]
  ).map((row) => row.op_id);
  const cursor = (db.prepare('SELECT value FROM roster_cursor WHERE id = 1').get() as { value: string } | undefined)
    ?.value;
  const checklist = (
    db.prepare('SELECT id, op_id, at, instruction, done_at FROM roster_checklist ORDER BY at, id').all() as {
      id: string;
      op_id: string;
      at: number;
      instruction: string;
      done_at: number | null;
    }[]
  ).map((row): ChecklistItem => ({
    id: row.id,
    opId: row.op_id,
    at: row.at,
    instruction: row.instruction,
    done: row.done_at !== null,
  }));
  const node = (db.prepare('SELECT node FROM roster_node WHERE id = 1').get() as { node: string } | undefined)?.node;
  return { ops, outbox, cursor: cursor ?? null, checklist, node: node ?? null };
}
