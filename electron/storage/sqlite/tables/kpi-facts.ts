// What the reports read (migration 014): ratings of a shop's chats and the organisation's presence timeline, written
// by the writer thread; and the day-range reads of rounds, messages, ratings and paid orders. Reads return compact
// rows as arrays (node:sqlite's setReturnArrays): a month of a busy shop is tens of thousands of rows. Messages go
// straight from the rows into the domain's counter (no object per message), read from an index that holds every
// column counted (migration 015): a month of 20 busy shops is a million messages, read without their text.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { messageCounter, type ConversationFact, type TransferFact } from '../../../../shared/domain/reports/kpi.ts';
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

/** A system note counted: a transfer's parties, from its event (inbox-service.ts writes `{ event: 'transfer', … }`). */
function addSystemNote(counter: ReturnType<typeof messageCounter>, conversationId: string, ref: string | null): void {
  const transfer = transferOf(ref);
  if (transfer) counter.transfer({ conversationId, ...transfer });
}

function transferOf(ref: string | null): Omit<TransferFact, 'conversationId'> | undefined {
  if (ref === null || !ref.includes('"transfer"')) return undefined;
  try {
    const event = JSON.parse(ref) as { event?: string; fromId?: string | null; toId?: string | null };
    return event.event === 'transfer' ? { fromId: event.fromId ?? null, toId: event.toId ?? null } : undefined;
  } catch {
    return undefined;
  }
}

/** The reads, by name (a test checks that the day reads of messages and rounds touch their indexes only). */
export const KPI_READS = {
  rounds:
    'SELECT conversation_id, started_at, answered_at, agent_id, grp FROM rounds WHERE started_at >= ? AND started_at < ?',
  messages:
    "SELECT conversation_id, sender = 'buyer', author_id, at FROM messages WHERE at >= ? AND at < ? AND sender <> 'system'",
  systemNotes:
    "SELECT conversation_id, ref FROM messages WHERE at >= ? AND at < ? AND sender = 'system' AND kind = 'system'",
  ratings: 'SELECT conversation_id, agent_id, score, at FROM ratings WHERE at >= ? AND at < ?',
  chatRounds:
    'SELECT conversation_id, started_at, answered_at, agent_id, grp FROM rounds WHERE conversation_id = ? AND started_at >= ? AND started_at < ?',
  chatMessages:
    "SELECT sender, author_id, at, CASE WHEN kind = 'system' THEN ref END FROM messages WHERE conversation_id = ? AND at >= ? AND at < ?",
  chatRatings:
    'SELECT conversation_id, agent_id, score, at FROM ratings WHERE conversation_id = ? AND at >= ? AND at < ?',
  orders: 'SELECT buyer_id, paid_at, amount_fen FROM orders WHERE paid_at >= ? AND paid_at < ?',
  presence: 'SELECT person_id, status, at FROM presence WHERE at < ? ORDER BY at, seq',
  /** The chats named, in one read (the ids as a JSON array: a month of a shop names tens of thousands). */
  conversationFacts:
    'SELECT id, buyer_id, grp, waiting_since FROM conversations WHERE id IN (SELECT value FROM json_each(?))',
} as const;

export function kpiReader(db: DatabaseSync): KpiReader {
  const rounds = arrays(db, KPI_READS.rounds);
  const messages = arrays(db, KPI_READS.messages);
  const systemNotes = arrays(db, KPI_READS.systemNotes);
  const ratings = arrays(db, KPI_READS.ratings);
  const orders = arrays(db, KPI_READS.orders);
  const presence = arrays(db, KPI_READS.presence);
  const chatRounds = arrays(db, KPI_READS.chatRounds);
  const chatMessages = arrays(db, KPI_READS.chatMessages);
  const chatRatings = arrays(db, KPI_READS.chatRatings);
  const conversationFacts = arrays(db, KPI_READS.conversationFacts);
  type Cell = string & number & null;
  const toRound = ([conversationId, startedAt, answeredAt, agentId, group]: Cell[]) => ({
    conversationId,
    startedAt,
    answeredAt,
    agentId,
    group,
  });
  const toRating = ([conversationId, agentId, score, at]: Cell[]) => ({ conversationId, agentId, score, at });
  return {
    rounds: (from, to) => (rounds.all(from, to) as unknown as Cell[][]).map(toRound),
    messages(from, to) {
      const counter = messageCounter();
      for (const [conversationId, fromBuyer, authorId, at] of messages.all(from, to) as unknown as Cell[][])
        counter.add(conversationId, fromBuyer === 1, authorId, at);
      for (const [conversationId, ref] of systemNotes.all(from, to) as unknown as Cell[][])
        addSystemNote(counter, conversationId, ref);
      return counter.result();
    },
    ratings: (from, to) => (ratings.all(from, to) as unknown as Cell[][]).map(toRating),
    chatDay(conversationId, from, to) {
      const counter = messageCounter();
      for (const [sender, authorId, at, ref] of chatMessages.all(conversationId, from, to) as unknown as Cell[][]) {
        if (sender !== 'system') counter.add(conversationId, sender === 'buyer', authorId, at);
        else addSystemNote(counter, conversationId, ref);
      }
      return {
        rounds: (chatRounds.all(conversationId, from, to) as unknown as Cell[][]).map(toRound),
        messages: counter.result(),
        ratings: (chatRatings.all(conversationId, from, to) as unknown as Cell[][]).map(toRating),
      };
    },
    paidOrders: (from, to) =>
      (orders.all(from, to) as unknown as Cell[][]).map(([buyerId, paidAt, amountFen]) => ({
        buyerId,
        paidAt,
        amountFen,
      })),
    presence: (to) =>
      (presence.all(to) as unknown as Cell[][]).map(([personId, status, at]) => ({ personId, status, at })),
    conversationFacts(ids) {
      const facts = new Map<string, ConversationFact>();
      if (ids.length === 0) return facts;
      for (const [id, buyerId, group, waitingSince] of conversationFacts.all(
        JSON.stringify(ids),
      ) as unknown as Cell[][])
        facts.set(id, { buyerId, group, waitingSince });
      return facts;
    },
  };
}
