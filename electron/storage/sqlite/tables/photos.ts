// Photos (migration 017): kept by the writer thread in the organisation's database with the command that sent them,
// read one at a time (a record names its photos; the page asks for the one it shows).
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { StoredPhoto } from '../../../core/ports.ts';

export const photosTable = {
  name: 'photos',
  prepare(db: DatabaseSync): Readonly<{ insert: StatementSync }> {
    return {
      insert: db.prepare('INSERT OR IGNORE INTO photos (id, mime, bytes, at, by_id) VALUES (?, ?, ?, ?, ?)'),
    };
  },
  write(statements: Readonly<{ insert: StatementSync }>, rows: readonly StoredPhoto[]): void {
    for (const p of rows) statements.insert.run(p.id, p.mime, p.data, p.at, p.byId);
  },
};

export function readPhoto(statement: StatementSync, id: string): StoredPhoto | null {
  const row = statement.get(id) as
    { id: string; mime: StoredPhoto['mime']; bytes: Uint8Array; at: number; by_id: string | null } | undefined;
  return row ? { id: row.id, mime: row.mime, data: row.bytes, at: row.at, byId: row.by_id } : null;
}

export const PHOTO_READ = 'SELECT id, mime, bytes, at, by_id FROM photos WHERE id = ?';
export const PHOTO_EXISTS = 'SELECT 1 FROM photos WHERE id = ?';
