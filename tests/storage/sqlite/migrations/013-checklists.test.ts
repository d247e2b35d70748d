import { describe, expect, it } from 'vitest';
import { databaseAt, tables, upgrade } from './helpers.ts';

describe('migration 013: checklists', () => {
  it('adds the template and tick tables; one tick per item and period', () => {
    const db = databaseAt(12);
    upgrade(db, 13);
    expect(tables(db)).toEqual(expect.arrayContaining(['checklist_templates', 'checklist_ticks']));
    const tick = db.prepare(
      "INSERT INTO checklist_ticks (template_id, period, item_id, done, by_id, by_name, at, note) VALUES ('t', '2026-12-01', 'i', 1, 'p', '老王', 1, '')",
    );
    tick.run();
    expect(() => tick.run()).toThrow(/UNIQUE|PRIMARY/);
  });
});
