import { describe, expect, it } from 'vitest';
import { messageDeliveryTable } from '../../../../electron/storage/sqlite/tables/message-delivery.ts';
import { columns, databaseAt, tables, upgrade } from './helpers.ts';

describe('migration 006: the delivery of agent messages', () => {
  it('adds the table; a message keeps one row whose state moves on, and the outbox lists only what is sending', () => {
    const db = databaseAt(5);
    db.prepare(
      "INSERT INTO messages (id, conversation_id, sender, kind, text, ref, author_id, at) VALUES ('m1', 'c1', 'agent', 'text', '在的', NULL, 'p1', 1)",
    ).run();
    upgrade(db, 6);
    expect(tables(db)).toContain('message_delivery');
    expect(columns(db, 'message_delivery')).toEqual(['seq', 'message_id', 'state', 'note', 'attempts', 'updated_at']);
    const statements = messageDeliveryTable.prepare(db);
    messageDeliveryTable.write(statements, [
      { messageId: 'm1', state: 'sending', note: null, attempts: 0, at: 2 },
      { messageId: 'm2', state: 'sending', note: null, attempts: 0, at: 3 },
    ]);
    messageDeliveryTable.write(statements, [
      { messageId: 'm1', state: 'failed', note: '站外链接', attempts: 1, at: 4 },
    ]);
    const rows = db.prepare('SELECT message_id, state, note FROM message_delivery ORDER BY seq').all();
    expect(rows).toEqual([
      { message_id: 'm1', state: 'failed', note: '站外链接' },
      { message_id: 'm2', state: 'sending', note: null },
    ]);
    expect(() =>
      messageDeliveryTable.write(statements, [
        { messageId: 'm3', state: 'lost' as never, note: null, attempts: 0, at: 5 },
      ]),
    ).toThrow(/CHECK/);
  });
});
