// Stocktake sheets (migration 010): each write stores the sheet as it now stands; all are read at start.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { StoredSheet } from '../../../core/ports.ts';

export const stocktakesTable = {
  name: 'stocktakes',
  prepare(db: DatabaseSync): Readonly<{ upsert: StatementSync }> {
    return {
      upsert: db.prepare(
        'INSERT INTO stocktake_sheets (id, created_at, sheet) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET sheet = excluded.sheet',
      ),
    };
  },
  write(statements: Readonly<{ upsert: StatementSync }>, rows: readonly StoredSheet[]): void {
    for (const sheet of rows) statements.upsert.run(sheet.id, sheet.createdAt, JSON.stringify(sheet));
  },
};

export function readStocktakes(db: DatabaseSync): StoredSheet[] {
  return (db.prepare('SELECT sheet FROM stocktake_sheets ORDER BY created_at, id').all() as { sheet: string }[]).map(
    (row) => JSON.parse(row.sheet) as StoredSheet,
  );
}
