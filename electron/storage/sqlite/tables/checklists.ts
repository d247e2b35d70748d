// Checklists (migration 013): templates stored whole as they now stand; a tick is the latest state of one item in
// one period (ticked or unticked, by whom, when, and the pictures it was made from: migration 018).
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ChecklistWrite, StoredChecklistTick } from '../../../core/ports.ts';

type Statements = Readonly<{ template: StatementSync; tick: StatementSync; task: StatementSync }>;

export const checklistsTable = {
  name: 'checklists',
  prepare(db: DatabaseSync): Statements {
    return {
      template: db.prepare(
        'INSERT INTO checklist_templates (id, template) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET template = excluded.template',
      ),
      task: db.prepare(
        'INSERT INTO checklist_tasks (id, created_at, task) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET task = excluded.task',
      ),
      tick: db.prepare(
        `INSERT INTO checklist_ticks (template_id, period, item_id, done, by_id, by_name, at, note, photos)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (template_id, period, item_id) DO UPDATE SET done = excluded.done, by_id = excluded.by_id,
           by_name = excluded.by_name, at = excluded.at, note = excluded.note, photos = excluded.photos`,
      ),
    };
  },
  write(statements: Statements, rows: readonly ChecklistWrite[]): void {
    for (const row of rows) {
      for (const template of row.templates ?? []) statements.template.run(template.id, JSON.stringify(template));
      for (const task of row.tasks ?? []) statements.task.run(task.id, task.createdAt, JSON.stringify(task));
      for (const t of row.ticks ?? [])
        statements.tick.run(
          t.templateId,
          t.period,
          t.itemId,
          t.done ? 1 : 0,
          t.byId,
          t.byName,
          t.at,
          t.note,
          JSON.stringify(t.photos),
        );
    }
  },
};

/** A tick's photo ids as stored; anything unreadable there is no photos rather than a shop that will not open. */
function photoIds(stored: string): string[] {
  try {
    const parsed = JSON.parse(stored) as unknown;
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

export function readChecklists(db: DatabaseSync): {
  templates: unknown[];
  ticks: StoredChecklistTick[];
  tasks: unknown[];
} {
  const templates = (
    db.prepare('SELECT template FROM checklist_templates ORDER BY id').all() as { template: string }[]
  ).map((row) => JSON.parse(row.template) as unknown);
  const ticks = (
    db.prepare('SELECT * FROM checklist_ticks ORDER BY period, at').all() as {
      template_id: string;
      period: string;
      item_id: string;
      done: number;
      by_id: string;
      by_name: string;
      at: number;
      note: string;
      photos: string;
    }[]
  ).map((r) => ({
    templateId: r.template_id,
    period: r.period,
    itemId: r.item_id,
    done: r.done === 1,
    byId: r.by_id,
    byName: r.by_name,
    at: r.at,
    note: r.note,
    photos: photoIds(r.photos),
  }));
  const tasks = (
    db.prepare('SELECT task FROM checklist_tasks ORDER BY created_at, id').all() as { task: string }[]
  ).map((row) => JSON.parse(row.task) as unknown);
  return { templates, ticks, tasks };
}
