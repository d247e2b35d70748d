import { describe, expect, it } from 'vitest';
import { KPI_READS } from '../../../../electron/storage/sqlite/tables/kpi-facts.ts';
import { databaseAt, upgrade } from './helpers.ts';

const plan = (db: ReturnType<typeof databaseAt>, sql: string) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(0, 10) as { detail: string }[]).map((p) => p.detail).join(' | ');

describe('migration 015: covering indexes for the KPI reads', () => {
  it('reads a day of messages and of rounds from their indexes alone, system notes from theirs, and keeps the rows', () => {
    const db = databaseAt(14);
    db.prepare(
      "INSERT INTO messages (id, conversation_id, sender, text, at, kind, author_id) VALUES ('m1', 'c1', 'buyer', '在吗', 5, 'text', NULL)",
    ).run();
    db.prepare(
      "INSERT INTO rounds (conversation_id, started_at, answered_at, agent_id) VALUES ('c1', 5, 9, 'amy')",
    ).run();
    upgrade(db, 15);
    expect(plan(db, KPI_READS.messages)).toMatch(/USING COVERING INDEX messages_kpi/);
    expect(plan(db, KPI_READS.systemNotes)).toMatch(/USING INDEX messages_system_by_at/);
    // The rounds read as it stood at 015 (016 adds the round's group to it and to the index).
    expect(
      plan(
        db,
        'SELECT conversation_id, started_at, answered_at, agent_id FROM rounds WHERE started_at >= ? AND started_at < ?',
      ),
    ).toMatch(/USING COVERING INDEX rounds_kpi/);
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]).map(
      (i) => i.name,
    );
    expect(indexes).not.toContain('messages_by_at');
    expect(indexes).not.toContain('rounds_by_start');
    expect(db.prepare('SELECT count(*) AS n FROM messages WHERE at >= 0 AND at < 10').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT agent_id FROM rounds WHERE started_at >= 0 AND started_at < 10').get()).toEqual({
      agent_id: 'amy',
    });
  });
});
