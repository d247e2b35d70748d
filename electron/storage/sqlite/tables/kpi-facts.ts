// What the reports read (migration 014): ratings of a shop's chats and the organisation's presence timeline, written
// by the writer thread; and the day-range reads of rounds, messages, ratings and paid orders. Reads return compact
// rows as arrays (node:sqlite's setReturnArrays): a month of a busy shop is tens of thousands of rows.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { MessageFact } from '../../../../shared/domain/reports/kpi.ts';
import type { KpiFactsWrite, KpiReader } from '../../../core/ports.ts';

export type { KpiReader };

type Statements = Readonly<{ rating: StatementSync; presence: StatementSync }>;

export const kpiFactsTable = {
  name: 'kpiFacts',
  prepare(db: DatabaseSync): Statements {
    return {
      rating: db.prepare('INSERT INTO ratings (conversation_id, agent_id, score, at) VALUES (?, ?, ?, ?)'),
      presence: db.prepare('INSERT INTO presence (person_id, status, at) VALUES (?, ?, ?)'),
    };
  },
  write(statements: Statements, rows: readonly KpiFactsWrite[]): void {
    for (const row of rows) {
      for (const r of row.ratings ?? []) statements.rating.run(r.conversationId, r.agentId, r.score, r.at);
      for (const p of row.presence ?? []) statements.presence.run(p.personId, p.status, p.at);
    }
  },
};

function arrays(db: DatabaseSync, sql: string): StatementSync {
  const statement = db.prepare(sql);
  statement.setReturnArrays(true);
  return statement;
}

/** A transfer note's parties, from the system message's event (inbox-service.ts writes `{ event: 'transfer', … }`). */
function transferOf(ref: string | null): MessageFact['transfer'] {
  if (ref === null || !ref.includes('"transfer"')) return undefined;
  try {
    const event = JSON.parse(ref) as { event?: string; fromId?: string | null; toId?: string | null };
    return event.event === 'transfer' ? { fromId: event.fromId ?? null, toId: event.toId ?? null } : undefined;
  } catch {
    return undefined;
  }
}

export function kpiReader(db: DatabaseSync): KpiReader {
  const rounds = arrays(
    db,
    'SELECT conversation_id, started_at, answered_at, agent_id FROM rounds WHERE started_at >= ? AND started_at < ?',
  );
  const messages = arrays(
    db,
    "SELECT conversation_id, sender, author_id, at, CASE WHEN kind = 'system' THEN ref END FROM messages WHERE at >= ? AND at < ?",
  );
  const ratings = arrays(db, 'SELECT conversation_id, agent_id, score, at FROM ratings WHERE at >= ? AND at < ?');
  const orders = arrays(db, 'SELECT buyer_id, paid_at, amount_fen FROM orders WHERE paid_at >= ? AND paid_at < ?');
  const presence = arrays(db, 'SELECT person_id, status, at FROM presence WHERE at < ? ORDER BY at, seq');
  type Cell = string & number & null;
  return {
    rounds: (from, to) =>
      (rounds.all(from, to) as unknown as Cell[][]).map(([conversationId, startedAt, answeredAt, agentId]) => ({
        conversationId,
        startedAt,
        answeredAt,
        agentId,
      })),
    messages: (from, to) =>
      (messages.all(from, to) as unknown as Cell[][]).map(([conversationId, from_, authorId, at, ref]) => {
        const transfer = transferOf(ref);
        return { conversationId, from: from_, authorId, at, ...(transfer ? { transfer } : {}) };
      }),
    ratings: (from, to) =>
      (ratings.all(from, to) as unknown as Cell[][]).map(([conversationId, agentId, score, at]) => ({
        conversationId,
        agentId,
        score,
        at,
      })),
    paidOrders: (from, to) =>
      (orders.all(from, to) as unknown as Cell[][]).map(([buyerId, paidAt, amountFen]) => ({
        buyerId,
        paidAt,
        amountFen,
      })),
    presence: (to) =>
      (presence.all(to) as unknown as Cell[][]).map(([personId, status, at]) => ({ personId, status, at })),
  };
}
