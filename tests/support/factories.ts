// Complete entities for tests and benchmarks: name only what a test cares about.
import {
  NO_ORDER_DETAILS,
  type ConversationSummary,
  type InboxSettings,
  type Message,
  type Order,
} from '../../shared/contract/index.ts';
import { withLines } from '../../shared/domain/orders/order-lines.ts';
import {
  resolveInboxSettings,
  SHOP_DOCUMENT_VERSION,
  StoredInboxSettings,
  StoredKpiRuleSchema,
  StoredShippingRuleSchema,
  type ShopDocument,
} from '../../electron/core/shops/shop-document.ts';
import type { ShopRoutingPolicy } from '../../electron/core/routing/router.ts';
import type { Platform } from '../../shared/domain/platforms.ts';
import type { Person } from '../../electron/core/sessions/people-document.ts';

export function aConversation(
  fields: Pick<ConversationSummary, 'id' | 'shopId'> & Partial<ConversationSummary>,
): ConversationSummary {
  const at = fields.updatedAt ?? 1000;
  const waitingSince = fields.waitingSince === undefined ? at : fields.waitingSince;
  return {
    buyer: { id: `b-${fields.id}`, nick: `买家${fields.id}` },
    lastMessage: { text: '在吗', at },
    status: waitingSince === null ? 'active' : 'waiting',
    unread: 0,
    waitingSince,
    dueAt: waitingSince === null ? null : waitingSince + 180_000,
    group: 'presale',
    assigneeId: null,
    assignedAt: null,
    lastAgent: null,
    tags: [],
    note: '',
    transfer: null,
    updatedAt: at,
    ...fields,
  };
}

export function aMessage(fields: Pick<Message, 'id' | 'conversationId' | 'shopId'> & Partial<Message>): Message {
  return { from: 'buyer', kind: 'text', text: '在吗', ref: null, authorId: null, at: 1000, ...fields };
}

export function aShopDocument(
  profile: Pick<ShopDocument['profile'], 'id'> & Partial<ShopDocument['profile']>,
): ShopDocument {
  return {
    schemaVersion: SHOP_DOCUMENT_VERSION,
    profile: {
      platform: 'taobao',
      name: profile.id,
      shortName: null,
      mainAccount: `main-${profile.id}`,
      sellerLevel: 'crown',
      colour: '#d46b08',
      demo: false,
      archived: false,
      position: 0,
      createdAt: 0,
      ...profile,
    },
    connector: { kind: 'none', credentials: null },
    inbox: StoredInboxSettings.parse({}),
    kpi: StoredKpiRuleSchema.parse({}),
    shipping: StoredShippingRuleSchema.parse({}),
    lastAudit: null,
  };
}

export function aPerson(fields: Pick<Person, 'id' | 'login'> & Partial<Person>): Person {
  return {
    displayName: fields.login,
    kind: 'staff',
    roleLabel: '客服',
    grants: ['inbox.view', 'inbox.reply'],
    passwordHash: '',
    pinHash: null,
    subAccounts: [],
    demo: false,
    disabled: false,
    routing: null,
    quickPhrases: [],
    ...fields,
  };
}

/** A shop's inbox settings with nothing overridden. */
export function defaultInboxSettings(platform: Platform = 'taobao'): InboxSettings {
  return resolveInboxSettings(platform, StoredInboxSettings.parse({}));
}

export function aRoutingPolicy(overrides: Partial<ShopRoutingPolicy> = {}): ShopRoutingPolicy {
  return {
    returningBuyerMs: 3 * 86_400_000,
    reassignAfterMs: 120_000,
    divertOfflineAfterMs: 25 * 60_000,
    balance: 'weight',
    whenNobodyOnline: 'pool',
    mainAccountAgentId: null,
    groupCosts: {},
    dedicatedAgents: {},
    ...overrides,
  };
}

/** An order of one demo SKU (纯棉短袖T恤 白 M unless told), waiting to ship unless told. */
export function anOrder(fields: Pick<Order, 'id' | 'shopId'> & Partial<Order>): Order {
  const status = fields.status ?? 'awaiting_shipment';
  return withLines({
    buyerId: `b-${fields.id}`,
    sku: 'MY-TS-2301-WHT-M',
    title: '纯棉短袖T恤 白 M',
    amountFen: 5900,
    paidAt: 1,
    shipBy: 2,
    statusAt: 1,
    trackingNumber: status === 'awaiting_shipment' ? null : 'SF1234567890123',
    ...NO_ORDER_DETAILS,
    ...fields,
    status,
  });
}
