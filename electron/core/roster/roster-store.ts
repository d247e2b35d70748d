// What the roster needs from storage, per log (a shop's database, or the organisation's): its operations, the
// outbox of those not yet confirmed by the shop's platform, where the last pull stopped, and the "needs a person"
// checklist. Reads are asynchronous (a server store could not answer at once); writes go through the command's
// unit of work (`tx.write(log, { roster })`), so ops, outbox and the audit entry commit in one transaction.
import type { ChecklistItem } from '../../../shared/contract/index.ts';
import type { RosterOp } from '../../../shared/domain/roster/roster-ops.ts';

export type RosterWrite = Readonly<{
  /** Ops to keep (an op already kept is ignored: deliveries may repeat). */
  ops?: readonly RosterOp[];
  /** Ids of ops to queue for the platform. */
  queue?: readonly string[];
  /** Ops the platform answered: confirmed, or handed to a person (with the checklist item made of it). */
  acked?: readonly Readonly<{ opId: string; at: number; result: 'applied' | 'needs_person' }>[];
  /** Where the next pull from the platform starts. */
  cursor?: string;
  checklist?: readonly ChecklistItem[];
  checklistDone?: readonly Readonly<{ id: string; at: number }>[];
  /** This console's replica id, kept once in the organisation's log. */
  node?: string;
}>;

export type RosterLog = Readonly<{
  ops: RosterOp[];
  /** Queued ops not yet answered, oldest first. */
  outbox: string[];
  cursor: string | null;
  checklist: ChecklistItem[];
  node: string | null;
}>;

export interface RosterStore {
  load(log: string): Promise<RosterLog>;
}
