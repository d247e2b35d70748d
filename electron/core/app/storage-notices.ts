// Storage events people must know about (a document restored from its backup, a damaged shop moved aside),
// gathered once at start. A restored shop document is also audited in its shop's log, through the command path's
// system origin.
import { canAccessShop, type SessionInfo, type StorageNotice } from '../../../shared/contract/index.ts';
import type { SessionService } from '../sessions/session-service.ts';
import type { ShopService } from '../shops/shop-service.ts';
import type { Clock, Ids, ShopStreams } from '../ports.ts';

export type StorageNotices = Readonly<{
  gather(isOpen: (shopId: string) => boolean): Promise<void>;
  visibleTo(session: SessionInfo): StorageNotice[];
}>;

export function createStorageNotices(
  deps: Readonly<{ clock: Clock; ids: Ids; streams: ShopStreams; sessions: SessionService; shops: ShopService }>,
): StorageNotices {
  const notices: StorageNotice[] = [];
  return {
    async gather(isOpen) {
      const { clock } = deps;
      const people = deps.sessions.recovery();
      if (people)
        notices.push({
          kind: 'document_restored',
          shopId: null,
          file: people.file,
          quarantinedAs: people.quarantinedAs,
          restoredFrom: people.restoredFrom,
          at: clock.now(),
        });
      for (const q of deps.shops.quarantined()) {
        notices.push({
          kind: 'shop_quarantined',
          shopId: q.shopId,
          shopName: q.name,
          quarantinedAs: q.quarantinedAs,
          reason: q.reason,
          at: q.at,
        });
      }
      for (const { shopId, recovery } of deps.shops.recoveries()) {
        notices.push({
          kind: 'document_restored',
          shopId,
          file: recovery.file,
          quarantinedAs: recovery.quarantinedAs,
          restoredFrom: recovery.restoredFrom,
          at: clock.now(),
        });
        if (!isOpen(shopId)) continue;
        await deps.streams.write(shopId, {
          audit: [
            {
              id: deps.ids.next('aud'),
              at: clock.now(),
              actorId: null,
              actorName: null,
              connectionId: 'system',
              origin: 'system',
              shopId,
              action: 'storage.documentRestored',
              targetKind: 'file',
              targetId: recovery.file,
              changes: JSON.stringify({
                file: { from: recovery.quarantinedAs, to: recovery.restoredFrom },
                reason: { to: recovery.reason },
              }),
            },
          ],
        });
      }
    },
    visibleTo: (session) =>
      notices.filter((n) => (n.shopId === null ? session.kind === 'owner' : canAccessShop(session, n.shopId))),
  };
}
