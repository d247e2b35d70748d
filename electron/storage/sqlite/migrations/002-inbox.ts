// Migration: the unified inbox — routing state, notes, message kinds, response rounds, full-text search. The trigram
// tokenizer indexes Chinese without word segmentation (any 3-character substring matches). The index is an
// external-content table the writer thread fills right after each commit (write-worker.ts), not a trigger: a
// message's acknowledgement never waits for indexing.
export const up = `ALTER TABLE conversations ADD COLUMN due_at INTEGER;
   ALTER TABLE conversations ADD COLUMN grp TEXT NOT NULL DEFAULT 'presale';
   ALTER TABLE conversations ADD COLUMN assignee_id TEXT;
   ALTER TABLE conversations ADD COLUMN assigned_at INTEGER;
   ALTER TABLE conversations ADD COLUMN last_agent_id TEXT;
   ALTER TABLE conversations ADD COLUMN last_agent_at INTEGER;
   ALTER TABLE conversations ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
   ALTER TABLE conversations ADD COLUMN note TEXT NOT NULL DEFAULT '';
   ALTER TABLE conversations ADD COLUMN transfer TEXT;
   ALTER TABLE messages ADD COLUMN kind TEXT NOT NULL DEFAULT 'text';
   ALTER TABLE messages ADD COLUMN ref TEXT;
   ALTER TABLE messages ADD COLUMN author_id TEXT;
   CREATE TABLE rounds (
     conversation_id TEXT NOT NULL,
     started_at INTEGER NOT NULL,
     answered_at INTEGER,
     agent_id TEXT,
     PRIMARY KEY (conversation_id, started_at)
   ) STRICT;
   CREATE VIRTUAL TABLE messages_fts USING fts5(text, content='messages', content_rowid='seq', tokenize='trigram');
   CREATE TABLE search_index_state (id INTEGER PRIMARY KEY CHECK (id = 1), indexed_seq INTEGER NOT NULL) STRICT;
   INSERT INTO search_index_state (id, indexed_seq) VALUES (1, 0);`;
