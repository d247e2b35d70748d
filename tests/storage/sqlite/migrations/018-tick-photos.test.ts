import { describe, expect, it } from 'vitest';
import { checklistsTable, readChecklists } from '../../../../electron/storage/sqlite/tables/checklists.ts';
import { columns, databaseAt, upgrade } from './helpers.ts';

describe('migration 018: the pictures of a tick', () => {
  it('keeps a tick written before with no photos, and a new tick with its photos in order', () => {
    const db = databaseAt(17);
    db.prepare(
      "INSERT INTO checklist_ticks (template_id, period, item_id, done, by_id, by_name, at, note) VALUES ('photo', '2026-11-30', 'colour', 1, 'p', '老王', 1, 'ΔE00 1.0')",
    ).run();
    upgrade(db, 18);
    expect(columns(db, 'checklist_ticks')).toContain('photos');
    expect(readChecklists(db).ticks.map((t) => t.photos)).toEqual([[]]);
    const ids = ['b'.repeat(64), 'a'.repeat(64)];
    const tick = { templateId: 'photo', period: '2026-12-07', itemId: 'colour', done: true, byId: 'p', byName: '老王' };
    checklistsTable.write(checklistsTable.prepare(db), [{ ticks: [{ ...tick, at: 2, note: '', photos: ids }] }]);
    // A row someone broke by hand reads as no photos; the shop still opens.
    db.prepare("UPDATE checklist_ticks SET photos = 'not json' WHERE period = '2026-11-30'").run();
    expect(readChecklists(db).ticks.map((t) => [t.period, t.photos])).toEqual([
      ['2026-11-30', []],
      ['2026-12-07', ids],
    ]);
  });
});
