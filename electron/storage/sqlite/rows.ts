// The rows one write batch carries, shared by the main thread and the writer worker (plain data, structured-clone safe).
export type ConversationRow = Readonly<{
  id: string;
  buyerId: string;
  buyerNick: string;
  status: string;
  unread: number;
  waitingSince: number | null;
  lastText: string;
  lastAt: number;
  updatedAt: number;
  dueAt: number | null;
  group: string;
  assigneeId: string | null;
  assignedAt: number | null;
  lastAgentId: string | null;
  lastAgentAt: number | null;
  /** JSON array of strings. */
  tags: string;
  note: string;
  /** JSON of the last transfer, or null. */
  transfer: string | null;
}>;

export type MessageRow = Readonly<{
  id: string;
  conversationId: string;
  sender: string;
  kind: string;
  text: string;
  ref: string | null;
  authorId: string | null;
  at: number;
}>;

/** One response round of a conversation (KPIs): the buyer's first unanswered message to the first reply. */
export type RoundRow = Readonly<{
  conversationId: string;
  startedAt: number;
  answeredAt: number | null;
  agentId: string | null;
  group?: string;
}>;

export type OrderRow = Readonly<{
  id: string;
  buyerId: string;
  sku: string;
  title: string;
  amountFen: number;
  paidAt: number;
  shipBy: number;
  status: string;
  statusAt: number;
  trackingNumber: string | null;
  quantity: number;
  courier: string | null;
  consigneeName: string | null;
  consigneePhone: string | null;
  address: string | null;
  buyerNote: string;
  sellerMemo: string;
  shipmentSync: string | null;
  shipmentNote: string;
  /** JSON of the order's lines. */
  lines: string;
}>;

/** JSON of the changed fields ({ field: { from, to } }) and of what was kept. */
export type OrderChangeRow = Readonly<{ orderId: string; at: number; change: string }>;

import type { AuditDraft } from '../../core/ports.ts';

export type WriteBatch = {
  /** Audit entries: the writer gives each its position and hash, in this batch's transaction. */
  audit: AuditDraft[];
  /** Rows of the table modules (tables/index.ts), by module name, in the order they were written. */
  tables: Record<string, unknown[]>;
};

export type WorkerRequest =
  | Readonly<{ t: 'open'; shopId: string; path: string; audit: AuditChainOptions }>
  /** Writes a checkpoint now if entries were added since the last one (the 15-minute rule, driven by the core's clock). */
  | Readonly<{ t: 'checkpoint'; shopId: string; at: number }>
  | Readonly<{ t: 'write'; batchId: number; shopId: string; batch: WriteBatch }>
  | Readonly<{ t: 'close'; shopId: string }>;

/** How a database's audit chain is checkpointed: signed with this key, every `every` entries, copied to `file`. */
export type AuditChainOptions = Readonly<{ signingKey: string; every: number; file: string }>;

export type WorkerReply =
  | Readonly<{ t: 'opened'; shopId: string; error?: string }>
  | Readonly<{ t: 'checkpointed'; shopId: string }>
  | Readonly<{ t: 'written'; batchId: number; error?: string }>
  | Readonly<{ t: 'closed'; shopId: string }>;

export function emptyBatch(): WriteBatch {
  return { audit: [], tables: {} };
}
