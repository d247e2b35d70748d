// The table modules the writer thread applies generically: each names its part of a batch, prepares its statements
// on the write connection and writes its rows inside the batch's transaction. A new domain's tables are one module
// here (the older streams — conversations, messages, orders, audit — are still written by the worker directly).
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { checklistsTable } from './checklists.ts';
import { goodsInTable } from './goods-in.ts';
import { kpiFactsTable } from './kpi-facts.ts';
import { messageDeliveryTable } from './message-delivery.ts';
import { rosterTable } from './roster.ts';
import { skusTable } from './skus.ts';
import { stockTable } from './stock.ts';
import { stocktakesTable } from './stocktakes.ts';

export type TableModule<S, R> = Readonly<{
  name: string;
  prepare(db: DatabaseSync): S;
  write(statements: S, rows: readonly R[]): void;
}>;

export const TABLE_MODULES = [
  rosterTable,
  messageDeliveryTable,
  skusTable,
  stockTable,
  goodsInTable,
  stocktakesTable,
  checklistsTable,
  kpiFactsTable,
] as const;

export type TableStatements = Map<string, Readonly<Record<string, StatementSync>>>;
