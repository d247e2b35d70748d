// A worker of verifyAuditFile: walks one range of a log's entries on its own read-only connection.
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import { walkRange } from './audit-verify.ts';

const { path, fromSeq, toSeq, wanted } = workerData as {
  path: string;
  fromSeq: number;
  toSeq: number;
  wanted: number[];
};
const db = new DatabaseSync(path, { readOnly: true });
try {
  parentPort!.postMessage(walkRange(db, fromSeq, toSeq, new Set(wanted), null));
} finally {
  db.close();
}
