import { describe, expect, it } from 'vitest';
import { columns, databaseAt, tables } from './helpers.ts';

describe('migration 001: the streams of a shop', () => {
  it('creates conversations, messages, orders, the first audit table and pending ops', () => {
    const db = databaseAt(1);
    expect(tables(db)).toEqual(
      expect.arrayContaining(['audit_log', 'conversations', 'messages', 'orders', 'pending_ops']),
    );
    expect(columns(db, 'messages')).toEqual(['seq', 'id', 'conversation_id', 'sender', 'text', 'at']);
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: 1 });
  });
});
