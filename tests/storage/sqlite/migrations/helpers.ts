// A database migrated up to a given version, for the per-migration tests.
import { DatabaseSync } from 'node:sqlite';
import { migrate, MIGRATIONS } from '../../../../electron/storage/sqlite/migrations.ts';

export function databaseAt(version: number): DatabaseSync {
  const db = new DatabaseSync(':memory:');
  migrate(db, ':memory:', MIGRATIONS.slice(0, version));
  return db;
}

export function upgrade(db: DatabaseSync, to: number): void {
  migrate(db, ':memory:', MIGRATIONS.slice(0, to));
}

export const columns = (db: DatabaseSync, table: string) =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
export const tables = (db: DatabaseSync) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
    (t) => t.name,
  );
