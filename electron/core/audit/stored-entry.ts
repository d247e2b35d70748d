// An audit entry kept inside a JSON document's own durable write (`lastAudit`): the document change and the entry
// that describes it land on disk together; the log receives the same entry (same id) right after, and at the next
// start if a stop came in between (see `replayDocumentEntry`).
import { z } from 'zod';
import { CallerOrigin } from '../../../shared/contract/index.ts';
import type { AuditDraft, ShopStreams } from '../ports.ts';

export const StoredAuditEntry = z.object({
  id: z.string(),
  at: z.number(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  connectionId: z.string(),
  origin: CallerOrigin,
  shopId: z.string().nullable(),
  action: z.string(),
  targetKind: z.string().nullable(),
  targetId: z.string().nullable(),
  /** JSON of { field: { from, to } }. */
  changes: z.string(),
});

/** Writes a document's last entry into its log when the log does not hold it yet (a stop came between the two). */
export async function replayDocumentEntry(
  streams: ShopStreams,
  logKey: string,
  entry: AuditDraft | null | undefined,
): Promise<boolean> {
  if (!entry || streams.hasAuditEntry(logKey, entry.id)) return false;
  await streams.write(logKey, { audit: [entry] });
  return true;
}
