// Migration: a shop's checklists — its templates (as they now stand) and every tick of every period, so that each
// day's list and its history are read back as ticked, by whom and when — and the tasks made from chats.
export const up = `CREATE TABLE checklist_templates (
     id TEXT PRIMARY KEY,
     template TEXT NOT NULL
   ) STRICT;
   CREATE TABLE checklist_ticks (
     template_id TEXT NOT NULL,
     period TEXT NOT NULL,
     item_id TEXT NOT NULL,
     done INTEGER NOT NULL,
     by_id TEXT NOT NULL,
     by_name TEXT NOT NULL,
     at INTEGER NOT NULL,
     note TEXT NOT NULL,
     PRIMARY KEY (template_id, period, item_id)
   ) STRICT;
   CREATE TABLE checklist_tasks (
     id TEXT PRIMARY KEY,
     created_at INTEGER NOT NULL,
     task TEXT NOT NULL
   ) STRICT;`;
