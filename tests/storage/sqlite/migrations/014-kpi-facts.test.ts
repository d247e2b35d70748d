import { describe, expect, it } from 'vitest';
import { databaseAt, tables, upgrade } from './helpers.ts';

describe('migration 014: KPI facts', () => {
  it('adds ratings (scores 0–4 only) and the presence timeline, and reads a day of messages by index', () => {
    const db = databaseAt(13);
    upgrade(db, 14);
    expect(tables(db)).toEqual(expect.arrayContaining(['ratings', 'presence']));
    const rate = db.prepare('INSERT INTO ratings (conversation_id, agent_id, score, at) VALUES (?, ?, ?, ?)');
    rate.run('c1', 'amy', 4, 1);
    expect(() => rate.run('c1', 'amy', 5, 2)).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO presence (person_id, status, at) VALUES ('amy', 'away', 1)").run()).toThrow(
      /CHECK/,
    );
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT * FROM messages WHERE at >= 0 AND at < 10').all() as {
      detail: string;
    }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/messages_by_at/);
  });
});
