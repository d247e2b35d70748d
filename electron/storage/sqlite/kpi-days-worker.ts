// A worker of the report pool (kpi-days.ts): computes one shop's past day sheets on its own read-only connection.
import { DatabaseSync } from 'node:sqlite';
import { parentPort } from 'node:worker_threads';
import { computeStoredDays } from '../../../shared/domain/reports/kpi.ts';
import type { KpiDaysReply, KpiDaysTask } from './kpi-days.ts';
import { kpiReader } from './tables/kpi-facts.ts';

parentPort!.on('message', (task: KpiDaysTask) => {
  let reply: KpiDaysReply;
  try {
    const db = new DatabaseSync(task.path, { readOnly: true });
    try {
      reply = { id: task.id, sheets: computeStoredDays(kpiReader(db), task.days, task.rule, task.now) };
    } finally {
      db.close();
    }
  } catch (error) {
    reply = { id: task.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
