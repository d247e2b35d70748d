// The inbox's tables (migrations 001, 002, 016): conversations as they now stand (one row each, upserted), messages
// (appended; a redelivered id is ignored) and response rounds (one per buyer question, its answer filled in later).
// The row codecs live here too: the main thread turns the core's records into these rows, the writer thread writes
// them in the batch's transaction. The full-text index follows the messages from the writer's own timer.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ConversationSummary, Message } from '../../../../shared/contract/index.ts';
import type { ConversationRow, MessageRow, RoundRow } from '../rows.ts';

export function conversationRow(c: ConversationSummary): ConversationRow {
  return {
    id: c.id,
    buyerId: c.buyer.id,
    buyerNick: c.buyer.nick,
    status: c.status,
    unread: c.unread,
    waitingSince: c.waitingSince,
    lastText: c.lastMessage.text,
    lastAt: c.lastMessage.at,
    updatedAt: c.updatedAt,
    dueAt: c.dueAt,
    group: c.group,
    assigneeId: c.assigneeId,
    assignedAt: c.assignedAt,
    lastAgentId: c.lastAgent?.id ?? null,
    lastAgentAt: c.lastAgent?.at ?? null,
    tags: JSON.stringify(c.tags),
    note: c.note,
    transfer: c.transfer === null ? null : JSON.stringify(c.transfer),
  };
}

export function messageRow(m: Message): MessageRow {
  return {
    id: m.id,
    conversationId: m.conversationId,
    sender: m.from,
    kind: m.kind,
    text: m.text,
    ref: m.ref,
    authorId: m.authorId,
    at: m.at,
  };
}

export const messagesTable = {
  name: 'messages',
  prepare(db: DatabaseSync): Readonly<{ insert: StatementSync }> {
    return {
      insert: db.prepare(
        'INSERT OR IGNORE INTO messages (id, conversation_id, sender, kind, text, ref, author_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
    };
  },
  write(statements: Readonly<{ insert: StatementSync }>, rows: readonly MessageRow[]): void {
    for (const m of rows)
      statements.insert.run(m.id, m.conversationId, m.sender, m.kind, m.text, m.ref, m.authorId, m.at);
  },
};

export const conversationsTable = {
  name: 'conversations',
  prepare(db: DatabaseSync): Readonly<{ upsert: StatementSync }> {
    return {
      upsert: db.prepare(
        `INSERT INTO conversations (id, buyer_id, buyer_nick, status, unread, waiting_since, last_text, last_at, updated_at,
           due_at, grp, assignee_id, assigned_at, last_agent_id, last_agent_at, tags, note, transfer)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET buyer_nick = excluded.buyer_nick, status = excluded.status, unread = excluded.unread,
           waiting_since = excluded.waiting_since, last_text = excluded.last_text, last_at = excluded.last_at, updated_at = excluded.updated_at,
           due_at = excluded.due_at, grp = excluded.grp, assignee_id = excluded.assignee_id, assigned_at = excluded.assigned_at,
           last_agent_id = excluded.last_agent_id, last_agent_at = excluded.last_agent_at, tags = excluded.tags, note = excluded.note,
           transfer = excluded.transfer`,
      ),
    };
  },
  write(statements: Readonly<{ upsert: StatementSync }>, rows: readonly ConversationRow[]): void {
    for (const c of rows)
      statements.upsert.run(
        c.id,
        c.buyerId,
        c.buyerNick,
        c.status,
        c.unread,
        c.waitingSince,
        c.lastText,
        c.lastAt,
        c.updatedAt,
        c.dueAt,
        c.group,
        c.assigneeId,
        c.assignedAt,
        c.lastAgentId,
        c.lastAgentAt,
        c.tags,
        c.note,
        c.transfer,
      );
  },
};

export const roundsTable = {
  name: 'rounds',
  prepare(db: DatabaseSync): Readonly<{ upsert: StatementSync }> {
    return {
      upsert: db.prepare(
        // The group stays as the round's first write had it (the chat's group when the round began).
        `INSERT INTO rounds (conversation_id, started_at, answered_at, agent_id, grp) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (conversation_id, started_at) DO UPDATE SET answered_at = excluded.answered_at, agent_id = excluded.agent_id,
           grp = coalesce(rounds.grp, excluded.grp)`,
      ),
    };
  },
  write(statements: Readonly<{ upsert: StatementSync }>, rows: readonly RoundRow[]): void {
    for (const r of rows)
      statements.upsert.run(r.conversationId, r.startedAt, r.answeredAt, r.agentId, r.group ?? null);
  },
};
