// The delivery of agent messages (migration 006): the writer thread upserts each message's state in the batch's
// transaction — `sending` with the reply itself, `sent`/`failed` as the platform answers.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { DeliveryWrite } from '../../../core/ports.ts';

export const messageDeliveryTable = {
  name: 'delivery',
  prepare(db: DatabaseSync): Readonly<{ upsert: StatementSync }> {
    return {
      upsert: db.prepare(
        `INSERT INTO message_delivery (message_id, state, note, attempts, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (message_id) DO UPDATE SET state = excluded.state, note = excluded.note,
           attempts = excluded.attempts, updated_at = excluded.updated_at`,
      ),
    };
  },
  write(statements: Readonly<{ upsert: StatementSync }>, rows: readonly DeliveryWrite[]): void {
    for (const r of rows) statements.upsert.run(r.messageId, r.state, r.note, r.attempts, r.at);
  },
};
