// Numbered migrations of the per-shop SQLite database (and of the organisation's log, which uses the same schema),
// one file each under migrations/ with a test each. `PRAGMA user_version` records the last one applied; each runs
// in its own transaction. Never edit a shipped migration: add the next file and list it here.
import type { DatabaseSync } from 'node:sqlite';
import * as streams from './migrations/001-streams.ts';
import * as inbox from './migrations/002-inbox.ts';
import * as orderStates from './migrations/003-order-states.ts';
import * as auditChain from './migrations/004-audit-chain.ts';
import * as roster from './migrations/005-roster.ts';
import * as messageDelivery from './migrations/006-message-delivery.ts';
import * as skus from './migrations/007-skus.ts';
import * as stockLedger from './migrations/008-stock-ledger.ts';
import * as goodsIn from './migrations/009-goods-in.ts';
import * as stocktakes from './migrations/010-stocktakes.ts';
import * as orderDetails from './migrations/011-order-details.ts';
import * as shipmentSync from './migrations/012-shipment-sync.ts';
import * as checklists from './migrations/013-checklists.ts';
import * as kpiFacts from './migrations/014-kpi-facts.ts';
import * as kpiCoveringIndexes from './migrations/015-kpi-covering-indexes.ts';
import * as roundGroup from './migrations/016-round-group.ts';
import * as photos from './migrations/017-photos.ts';
import * as tickPhotos from './migrations/018-tick-photos.ts';
import * as orderLines from './migrations/019-order-lines.ts';

export const MIGRATIONS: readonly string[] = [
  streams.up,
  inbox.up,
  orderStates.up,
  auditChain.up,
  roster.up,
  messageDelivery.up,
  skus.up,
  stockLedger.up,
  goodsIn.up,
  stocktakes.up,
  orderDetails.up,
  shipmentSync.up,
  checklists.up,
  kpiFacts.up,
  kpiCoveringIndexes.up,
  roundGroup.up,
  photos.up,
  tickPhotos.up,
  orderLines.up,
];

export class NewerDatabaseError extends Error {
  constructor(path: string, found: number, known: number) {
    super(
      `${path} was written by a newer version of Seller Console (schema ${found}; this version knows ${known}). Update the app; the file was not changed.`,
    );
    this.name = 'NewerDatabaseError';
  }
}

export function migrate(db: DatabaseSync, path: string, migrations: readonly string[] = MIGRATIONS): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  const current = row.user_version;
  if (current > migrations.length) throw new NewerDatabaseError(path, current, migrations.length);
  for (let version = current + 1; version <= migrations.length; version += 1) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(migrations[version - 1]!);
      db.exec(`PRAGMA user_version = ${version}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
  return migrations.length;
}
