// Refused calls that matter (forbidden, failed login, wrong PIN, locked session), kept beside the audit log
// (migration 004): written in their own batches, never part of a command's unit of work.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { SecurityEventRow } from '../../../core/ports.ts';

export const securityEventsTable = {
  name: 'securityEvents',
  prepare(db: DatabaseSync): Readonly<{ insert: StatementSync }> {
    return {
      insert: db.prepare(
        'INSERT INTO security_events (at, actor_id, login, connection_id, origin, action, method, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
    };
  },
  write(statements: Readonly<{ insert: StatementSync }>, rows: readonly SecurityEventRow[]): void {
    for (const e of rows)
      statements.insert.run(e.at, e.actorId, e.login, e.connectionId, e.origin, e.action, e.method, e.detail);
  },
};
