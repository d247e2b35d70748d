import { describe, expect, it } from 'vitest';
import { rosterTable, readRoster } from '../../../../electron/storage/sqlite/tables/roster.ts';
import { databaseAt, tables, upgrade } from './helpers.ts';

describe('migration 005: roster ops, outbox, pull position, checklist, replica id', () => {
  it('adds the tables, and what the writer stores reads back (a repeated op or ack changes nothing)', () => {
    const db = databaseAt(4);
    upgrade(db, 5);
    expect(tables(db)).toEqual(
      expect.arrayContaining(['roster_ops', 'roster_outbox', 'roster_cursor', 'roster_checklist', 'roster_node']),
    );
    const op = {
      id: '000001700000000-0000-cabc',
      entity: 'subAccount' as const,
      entityId: 'sa1',
      field: 'name',
      value: '小林',
      supersedes: [],
      actorId: 'p1',
      actorName: '店主',
      origin: 'console:cabc',
    };
    const statements = rosterTable.prepare(db);
    rosterTable.write(statements, [
      { ops: [op, op], queue: [op.id], node: 'cabc', cursor: '3' },
      { checklist: [{ id: 'todo-1', opId: op.id, at: 5, instruction: '新建子账号', done: false }] },
    ]);
    expect(readRoster(db)).toEqual({
      ops: [op],
      outbox: [op.id],
      cursor: '3',
      checklist: [{ id: 'todo-1', opId: op.id, at: 5, instruction: '新建子账号', done: false }],
      node: 'cabc',
    });
    rosterTable.write(statements, [
      {
        acked: [{ opId: op.id, at: 9, result: 'needs_person' }],
        checklistDone: [{ id: 'todo-1', at: 10 }],
        node: 'other',
      },
    ]);
    const after = readRoster(db);
    expect(after.outbox).toEqual([]);
    expect(after.checklist[0]!.done).toBe(true);
    expect(after.node).toBe('cabc');
  });
});
