// Shops: list, add, edit, set the connector, archive and restore. Each shop has its own data folder named by its
// validated id. Archiving moves the folder into the archive (nothing is deleted); restoring moves it back.
import type { StoredKpiRule } from '../../../shared/domain/reports/kpi-rules.ts';
import {
  AppError,
  shopIdOfArchive,
  type ArchivedShop,
  type InboxSettings,
  type MethodInput,
  type MethodInputIn,
  type SessionInfo,
  type Shop,
} from '../../../shared/contract/index.ts';
import { isValidShopId } from '../../../shared/domain/shop-id.ts';
import type { Platform } from '../../../shared/domain/platforms.ts';
import { defaultShortName, distinctShortName, nextShopColour } from '../../../shared/domain/shop-identity.ts';
import type { EventBus } from '../events/event-bus.ts';
import {
  DamagedShopError,
  type AuditDraft,
  type Clock,
  type DocumentRecovery,
  type JsonDocument,
  type Logger,
  type SecretStore,
  type Storage,
} from '../ports.ts';
import {
  resolveInboxSettings,
  SHOP_DOCUMENT_VERSION,
  StoredInboxSettings,
  StoredKpiRuleSchema,
  StoredShippingRuleSchema,
  type StoredShippingRule,
  type ShopDocument,
} from './shop-document.ts';

/** A new shop as the contract's `shops.add` takes it, plus what the demo seed sets (its fixed id, the demo mark). */
export type NewShopInput = Readonly<
  Omit<MethodInputIn<'shops.add'>, 'connectorKind' | 'sellerLevel'> & {
    sellerLevel: Shop['sellerLevel'];
    connectorKind?: string;
    demo?: boolean;
    id?: string;
  }
>;

export type ShopChanges = Readonly<Omit<MethodInput<'shops.update'>, 'shopId'>>;
export type Credentials = NonNullable<MethodInput<'shops.setConnector'>['credentials']>;

export interface ShopService {
  load(): Promise<void>;
  /** The open shops (archived ones live in the archive folder, not here). */
  all(): readonly ShopDocument[];
  get(shopId: string): ShopDocument;
  list(session: SessionInfo): Shop[];
  add(input: NewShopInput): Promise<Shop>;
  /** Each edit stores `entry()` (the command's audit entry) in the same durable write as the change. */
  update(shopId: string, changes: ShopChanges, entry: () => AuditDraft): Promise<Shop>;
  updateInbox(shopId: string, changes: Partial<InboxSettings>, entry: () => AuditDraft): Promise<Shop>;
  /** Replaces the shop's changes to its platform's rules: the KPI rule (reports), the shipping rule (board). */
  updateRules(
    shopId: string,
    rules: Readonly<{ kpi?: StoredKpiRule; shipping?: StoredShippingRule }>,
    entry: () => AuditDraft,
  ): Promise<void>;
  setConnector(
    shopId: string,
    kind: string,
    credentials: Credentials | null | undefined,
    entry: () => AuditDraft,
  ): Promise<Shop>;
  /** The shop's streams and connector must be closed first. */
  archive(shopId: string): Promise<ArchivedShop>;
  listArchived(): Promise<ArchivedShop[]>;
  restore(archiveId: string): Promise<Shop>;
  /** Documents that had to be restored from a backup when they were opened. */
  recoveries(): readonly Readonly<{ shopId: string; recovery: DocumentRecovery }>[];
  /** Moves a shop whose folder turned out to be damaged out of the shops; it is forgotten until restored by hand. */
  quarantine(shopId: string, reason: string): Promise<QuarantinedShop>;
  /** Shop folders that were damaged or half-made and were moved aside so that the console could start. */
  quarantined(): readonly QuarantinedShop[];
}

export type QuarantinedShop = Readonly<{
  shopId: string;
  name: string | null;
  quarantinedAs: string;
  reason: string;
  at: number;
}>;

export function toShop(doc: ShopDocument): Shop {
  const { credentials, kind } = doc.connector;
  return {
    ...doc.profile,
    shortName: doc.profile.shortName ?? defaultShortName(doc.profile.name, doc.profile.platform),
    connector: { kind, hasCredentials: credentials !== null, protection: credentials?.protection ?? null },
    inbox: resolveInboxSettings(doc.profile.platform, doc.inbox),
  };
}

/** A readable id from the platform plus a short suffix; only [a-z0-9-]. */
function newShopId(platform: Platform, taken: ReadonlySet<string>, random: () => string): string {
  for (;;) {
    const id = `${platform}-${random()}`;
    if (!taken.has(id)) return id;
  }
}

export function createShopService(
  deps: Readonly<{
    storage: Storage;
    clock: Clock;
    bus: EventBus;
    logger: Logger;
    secrets: SecretStore;
    randomSuffix: () => string;
  }>,
): ShopService {
  const docs = new Map<string, JsonDocument<ShopDocument>>();
  const quarantined: QuarantinedShop[] = [];

  async function quarantine(shopId: string, reason: string): Promise<QuarantinedShop> {
    const at = deps.clock.now();
    const name = docs.get(shopId)?.data.profile.name ?? null;
    const quarantinedAs = await deps.storage.quarantineShop(shopId, at);
    docs.delete(shopId);
    const entry = { shopId, name, quarantinedAs, reason, at };
    quarantined.push(entry);
    deps.logger.warn(
      `shop ${shopId}: its folder is damaged (${reason}); moved to ${quarantinedAs} so that the other shops open`,
    );
    return entry;
  }

  function requireDoc(shopId: string): JsonDocument<ShopDocument> {
    const doc = docs.get(shopId);
    if (!doc) throw new AppError('not_found', `no shop ${shopId}`);
    return doc;
  }

  function changed(shopId: string): void {
    deps.bus.emit({ name: 'shops.changed', payload: { shopId } });
  }

  function shortNameFor(name: string, platform: Platform): string | null {
    const others = [...docs.values()].map((d) => ({ name: d.data.profile.name, shortName: toShop(d.data).shortName }));
    const chosen = distinctShortName(name, platform, others);
    return chosen === defaultShortName(name, platform) ? null : chosen;
  }

  function nextPosition(): number {
    return Math.max(-1, ...[...docs.values()].map((d) => d.data.profile.position)) + 1;
  }

  return {
    async load() {
      for (const shopId of await deps.storage.listShopIds()) {
        if (!isValidShopId(shopId)) {
          deps.logger.warn(`ignoring a shop folder with an invalid name: ${JSON.stringify(shopId)}`);
          continue;
        }
        let doc: JsonDocument<ShopDocument>;
        try {
          doc = await deps.storage.openShop(shopId);
        } catch (error) {
          if (!(error instanceof DamagedShopError)) throw error;
          await quarantine(shopId, error.message);
          continue;
        }
        if (doc.data.profile.archived) {
          // Archiving marks the document, then moves the folder; a crash between the two is finished here.
          const archiveId = await deps.storage.archiveShop(shopId, deps.clock.now());
          deps.logger.info(`shop ${shopId}: finished archiving it (${archiveId}), which a stop had interrupted`);
          continue;
        }
        docs.set(shopId, doc);
        if (doc.recovery)
          deps.logger.warn(
            `shop ${shopId}: ${doc.recovery.reason}; restored ${doc.recovery.restoredFrom}, the damaged file is ${doc.recovery.quarantinedAs}`,
          );
      }
    },
    quarantine,
    quarantined: () => quarantined,
    recoveries: () => [...docs].flatMap(([shopId, doc]) => (doc.recovery ? [{ shopId, recovery: doc.recovery }] : [])),
    all: () => [...docs.values()].map((doc) => doc.data),
    get: (shopId) => requireDoc(shopId).data,
    list(session) {
      return [...docs.values()]
        .map((doc) => doc.data)
        .filter((doc) => session.shopIds === 'all' || session.shopIds.includes(doc.profile.id))
        .sort((a, b) => a.profile.position - b.profile.position || a.profile.id.localeCompare(b.profile.id))
        .map(toShop);
    },
    async add(input) {
      const id = input.id ?? newShopId(input.platform, new Set(docs.keys()), deps.randomSuffix);
      if (!isValidShopId(id)) throw new AppError('invalid_shop_id', `invalid shop id ${JSON.stringify(id)}`);
      if (docs.has(id)) throw new AppError('conflict', `shop ${id} exists`);
      const source = input.copyRulesFrom === undefined ? undefined : docs.get(input.copyRulesFrom);
      if (input.copyRulesFrom !== undefined && !source)
        throw new AppError('not_found', `no open shop ${input.copyRulesFrom} to copy the rules of`);
      const initial: ShopDocument = {
        schemaVersion: SHOP_DOCUMENT_VERSION,
        profile: {
          id,
          platform: input.platform,
          name: input.name,
          // Stored when it had to differ from the default (another shop of the same brand and platform has that).
          shortName: input.shortName ?? shortNameFor(input.name, input.platform),
          mainAccount: input.mainAccount,
          sellerLevel: input.sellerLevel,
          colour: input.colour ?? nextShopColour([...docs.values()].map((d) => d.data.profile.colour)),
          demo: input.demo ?? false,
          archived: false,
          position: nextPosition(),
          createdAt: deps.clock.now(),
        },
        connector: { kind: input.connectorKind ?? 'none', credentials: null },
        // Copied rules leave out who is the dedicated agent of which buyer: buyers belong to the source shop.
        inbox: source ? { ...structuredClone(source.data.inbox), dedicatedAgents: {} } : StoredInboxSettings.parse({}),
        kpi: source ? { ...source.data.kpi } : StoredKpiRuleSchema.parse({}),
        shipping: source ? structuredClone(source.data.shipping) : StoredShippingRuleSchema.parse({}),
        lastAudit: null,
      };
      const doc = await deps.storage.createShop(id, initial);
      docs.set(id, doc);
      changed(id);
      return toShop(doc.data);
    },
    async update(shopId, changes, entry) {
      const doc = requireDoc(shopId);
      await doc.update((draft) => {
        Object.assign(
          draft.profile,
          Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)),
        );
        draft.lastAudit = entry();
      });
      changed(shopId);
      return toShop(doc.data);
    },
    async updateRules(shopId, rules, entry) {
      const doc = requireDoc(shopId);
      await doc.update((draft) => {
        if (rules.kpi) draft.kpi = { ...rules.kpi };
        if (rules.shipping) draft.shipping = structuredClone(rules.shipping);
        draft.lastAudit = entry();
      });
      changed(shopId);
    },
    async updateInbox(shopId, changes, entry) {
      const doc = requireDoc(shopId);
      await doc.update((draft) => {
        for (const [key, value] of Object.entries(changes))
          if (value !== undefined) Object.assign(draft.inbox, { [key]: value });
        draft.lastAudit = entry();
      });
      changed(shopId);
      return toShop(doc.data);
    },
    async setConnector(shopId, kind, credentials, entry) {
      const doc = requireDoc(shopId);
      const sealed = credentials
        ? { protection: deps.secrets.protection, sealed: deps.secrets.seal(JSON.stringify(credentials)) }
        : null;
      await doc.update((draft) => {
        draft.connector.kind = kind;
        if (credentials !== undefined) draft.connector.credentials = sealed;
        draft.lastAudit = entry();
      });
      changed(shopId);
      return toShop(doc.data);
    },
    async archive(shopId) {
      const doc = requireDoc(shopId);
      await doc.update((draft) => {
        draft.profile.archived = true;
      });
      const archivedAt = deps.clock.now();
      const archiveId = await deps.storage.archiveShop(shopId, archivedAt);
      docs.delete(shopId);
      changed(shopId);
      return { archiveId, archivedAt, shop: toShop(doc.data) };
    },
    async listArchived() {
      return (await deps.storage.listArchived()).map(({ archiveId, archivedAt, document }) => ({
        archiveId,
        archivedAt,
        shop: toShop(document),
      }));
    },
    async restore(archiveId) {
      const shopId = shopIdOfArchive(archiveId);
      if (docs.has(shopId))
        throw new AppError('conflict', `a shop ${shopId} exists already; archive or rename it first`);
      // Marked restored while still in the archive, then moved back by one rename: a crash between the two leaves
      // it in the archive (restorable again), never an archived-marked folder among the open shops.
      const archived = await deps.storage.openArchivedShop(archiveId);
      await archived.update((draft) => {
        draft.profile.archived = false;
        draft.profile.position = nextPosition();
      });
      await deps.storage.restoreShop(archiveId);
      const doc = await deps.storage.openShop(shopId);
      docs.set(shopId, doc);
      changed(shopId);
      return toShop(doc.data);
    },
  };
}
