// Where the shop's connector has got to (migration 003): one row, the position after the latest batch that moved it,
// committed with the deliveries it covers — so a restart resumes after what is durable, never before or past it.
import type { DatabaseSync, StatementSync } from 'node:sqlite';

export const connectorCursorTable = {
  name: 'connectorCursor',
  prepare(db: DatabaseSync): Readonly<{ set: StatementSync }> {
    return {
      set: db.prepare(
        'INSERT INTO connector_cursor (id, value) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET value = excluded.value',
      ),
    };
  },
  /** Only the latest position of a batch matters. */
  write(statements: Readonly<{ set: StatementSync }>, rows: readonly string[]): void {
    const last = rows.at(-1);
    if (last !== undefined) statements.set.run(last);
  },
};
