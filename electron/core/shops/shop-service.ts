// Shops: list, add, rename, archive. Each shop has its own data folder named by its validated id; archiving
// keeps the folder and its data (nothing is deleted) and stops the shop's connector.
import { AppError, type SessionInfo, type Shop } from '../../../shared/contract/index.ts';
import { isValidShopId } from '../../../shared/domain/shop-id.ts';
import { PLATFORM_COLOURS, type Platform } from '../../../shared/domain/platforms.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { Clock, DocumentRecovery, JsonDocument, Logger, Storage } from '../ports.ts';
import { SHOP_DOCUMENT_VERSION, type ShopDocument } from './shop-document.ts';

export type NewShopInput = Readonly<{
  platform: Platform;
  name: string;
  mainAccount: string;
  sellerLevel: Shop['sellerLevel'];
  colour?: string | undefined;
  demo?: boolean;
  id?: string;
  connectorKind?: string;
}>;

export interface ShopService {
  load(): Promise<void>;
  all(): readonly ShopDocument[];
  active(): readonly ShopDocument[];
  get(shopId: string): ShopDocument;
  list(session: SessionInfo, includeArchived: boolean): Shop[];
  add(input: NewShopInput): Promise<Shop>;
  rename(shopId: string, name: string): Promise<Shop>;
  archive(shopId: string): Promise<Shop>;
  onArchived(listener: (shopId: string) => void): void;
  /** Documents that had to be restored from a backup when they were opened. */
  recoveries(): readonly Readonly<{ shopId: string; recovery: DocumentRecovery }>[];
}

export function toShop(doc: ShopDocument): Shop {
  return { ...doc.profile };
}

/** A readable id from the platform plus a short suffix; only [a-z0-9-]. */
function newShopId(platform: Platform, taken: ReadonlySet<string>, random: () => string): string {
  for (;;) {
    const id = `${platform}-${random()}`;
    if (!taken.has(id)) return id;
  }
}

export function createShopService(deps: Readonly<{ storage: Storage; clock: Clock; bus: EventBus; logger: Logger; randomSuffix: () => string }>): ShopService {
  const docs = new Map<string, JsonDocument<ShopDocument>>();
  const archivedListeners: ((shopId: string) => void)[] = [];

  function requireDoc(shopId: string): JsonDocument<ShopDocument> {
    const doc = docs.get(shopId);
    if (!doc) throw new AppError('not_found', `no shop ${shopId}`);
    return doc;
  }

  return {
    async load() {
      for (const shopId of await deps.storage.listShopIds()) {
        if (!isValidShopId(shopId)) {
          deps.logger.warn(`ignoring a shop folder with an invalid name: ${JSON.stringify(shopId)}`);
          continue;
        }
        const doc = await deps.storage.openShop(shopId);
        docs.set(shopId, doc);
        if (doc.recovery) deps.logger.warn(`shop ${shopId}: ${doc.recovery.reason}; restored ${doc.recovery.restoredFrom}, the damaged file is ${doc.recovery.quarantinedAs}`);
      }
    },
    recoveries: () => [...docs].flatMap(([shopId, doc]) => (doc.recovery ? [{ shopId, recovery: doc.recovery }] : [])),
    all: () => [...docs.values()].map((doc) => doc.data),
    active: () => [...docs.values()].map((doc) => doc.data).filter((doc) => !doc.profile.archived),
    get: (shopId) => requireDoc(shopId).data,
    list(session, includeArchived) {
      return [...docs.values()]
        .map((doc) => doc.data)
        .filter((doc) => includeArchived || !doc.profile.archived)
        .filter((doc) => session.shopIds === 'all' || session.shopIds.includes(doc.profile.id))
        .sort((a, b) => a.profile.position - b.profile.position || a.profile.id.localeCompare(b.profile.id))
        .map(toShop);
    },
    async add(input) {
      const id = input.id ?? newShopId(input.platform, new Set(docs.keys()), deps.randomSuffix);
      if (!isValidShopId(id)) throw new AppError('invalid_shop_id', `invalid shop id ${JSON.stringify(id)}`);
      if (docs.has(id)) throw new AppError('conflict', `shop ${id} exists`);
      const initial: ShopDocument = {
        schemaVersion: SHOP_DOCUMENT_VERSION,
        profile: {
          id,
          platform: input.platform,
          name: input.name,
          mainAccount: input.mainAccount,
          sellerLevel: input.sellerLevel,
          colour: input.colour ?? PLATFORM_COLOURS[input.platform],
          demo: input.demo ?? false,
          archived: false,
          position: Math.max(-1, ...[...docs.values()].map((d) => d.data.profile.position)) + 1,
          createdAt: deps.clock.now(),
        },
        connector: { kind: input.connectorKind ?? 'none' },
      };
      const doc = await deps.storage.createShop(id, initial);
      docs.set(id, doc);
      deps.bus.emit({ name: 'shops.changed', payload: { shopId: id } });
      return toShop(doc.data);
    },
    async rename(shopId, name) {
      const doc = requireDoc(shopId);
      await doc.update((draft) => {
        draft.profile.name = name;
      });
      deps.bus.emit({ name: 'shops.changed', payload: { shopId } });
      return toShop(doc.data);
    },
    async archive(shopId) {
      const doc = requireDoc(shopId);
      if (doc.data.profile.archived) throw new AppError('shop_archived', `shop ${shopId} is archived already`);
      await doc.update((draft) => {
        draft.profile.archived = true;
      });
      for (const listener of archivedListeners) listener(shopId);
      deps.bus.emit({ name: 'shops.changed', payload: { shopId } });
      return toShop(doc.data);
    },
    onArchived(listener) {
      archivedListeners.push(listener);
    },
  };
}
