import { describe, expect, it } from 'vitest';
import { columns, databaseAt, tables, upgrade } from './helpers.ts';

describe('migration 002: the unified inbox', () => {
  it('adds routing state and message kinds with defaults for the rows already there, rounds and the search index', () => {
    const db = databaseAt(1);
    db.prepare(
      "INSERT INTO conversations (id, buyer_id, buyer_nick, status, unread, waiting_since, last_text, last_at, updated_at) VALUES ('c1', 'b1', 'x', 'waiting', 1, 5, 'hi', 5, 5)",
    ).run();
    db.prepare(
      "INSERT INTO messages (id, conversation_id, sender, text, at) VALUES ('m1', 'c1', 'buyer', '纯棉的吗', 5)",
    ).run();
    upgrade(db, 2);
    expect(columns(db, 'conversations')).toEqual(
      expect.arrayContaining(['due_at', 'grp', 'assignee_id', 'tags', 'note', 'transfer']),
    );
    expect(db.prepare('SELECT grp, tags, note FROM conversations').get()).toEqual({
      grp: 'presale',
      tags: '[]',
      note: '',
    });
    expect(db.prepare('SELECT kind FROM messages').get()).toEqual({ kind: 'text' });
    expect(tables(db)).toEqual(expect.arrayContaining(['rounds', 'messages_fts', 'search_index_state']));
    expect(db.prepare('SELECT indexed_seq FROM search_index_state').get()).toEqual({ indexed_seq: 0 });
  });
});
