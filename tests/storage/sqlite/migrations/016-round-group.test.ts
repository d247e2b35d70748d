import { describe, expect, it } from 'vitest';
import { KPI_READS } from '../../../../electron/storage/sqlite/tables/kpi-facts.ts';
import { columns, databaseAt, upgrade } from './helpers.ts';

describe('migration 016: the group of each round', () => {
  it('adds the group to rounds (NULL for the rounds before it) and keeps the day read on its covering index', () => {
    const db = databaseAt(15);
    db.prepare(
      "INSERT INTO rounds (conversation_id, started_at, answered_at, agent_id) VALUES ('c1', 5, 9, 'amy')",
    ).run();
    upgrade(db, 16);
    expect(columns(db, 'rounds')).toContain('grp');
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${KPI_READS.rounds}`).all(0, 10) as { detail: string }[])
      .map((p) => p.detail)
      .join(' | ');
    expect(plan).toMatch(/USING COVERING INDEX rounds_kpi/);
    expect(db.prepare('SELECT agent_id, grp FROM rounds').get()).toEqual({ agent_id: 'amy', grp: null });
  });
});
