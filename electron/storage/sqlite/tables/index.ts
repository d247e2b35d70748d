// The table modules the writer thread applies generically: each names its part of a batch, prepares its statements
// on the write connection and writes its rows inside the batch's transaction, in this order. A new domain's tables
// are one module here. Only the audit chain is the worker's own (write-worker.ts): it is hashed and checkpointed
// there, after every table of the batch.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { checklistsTable } from './checklists.ts';
import { connectorCursorTable } from './connector-cursor.ts';
import { goodsInTable } from './goods-in.ts';
import { conversationsTable, messagesTable, roundsTable } from './inbox.ts';
import { kpiFactsTable } from './kpi-facts.ts';
import { messageDeliveryTable } from './message-delivery.ts';
import { orderHistoryTable, ordersTable } from './orders.ts';
import { photosTable } from './photos.ts';
import { rosterTable } from './roster.ts';
import { securityEventsTable } from './security-events.ts';
import { skusTable } from './skus.ts';
import { stockTable } from './stock.ts';
import { stocktakesTable } from './stocktakes.ts';

export type TableModule<S, R> = Readonly<{
  name: string;
  prepare(db: DatabaseSync): S;
  write(statements: S, rows: readonly R[]): void;
}>;

export const TABLE_MODULES = [
  messagesTable,
  conversationsTable,
  roundsTable,
  ordersTable,
  orderHistoryTable,
  connectorCursorTable,
  securityEventsTable,
  rosterTable,
  messageDeliveryTable,
  skusTable,
  stockTable,
  goodsInTable,
  photosTable,
  stocktakesTable,
  checklistsTable,
  kpiFactsTable,
] as const;

export type TableStatements = Map<string, Readonly<Record<string, StatementSync>>>;
