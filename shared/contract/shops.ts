// Shops: the seller's shops on their platforms, their profiles, connectors and customer-service rules.
import { z } from 'zod';
import { empty, HexColour, Label, PlatformSchema, SellerLevel, ShopId, Timestamp } from './common.ts';
import { command, defineMethods, event, query, shopTarget } from './define.ts';

export const QuickPhrase = z.object({
  code: z.string().regex(/^[a-z0-9_-]{1,16}$/i, 'a code is 1–16 letters, digits, - or _'),
  group: Label(12),
  text: Label(500),
});
export type QuickPhrase = z.infer<typeof QuickPhrase>;
export const BannedPhrase = z.object({ phrase: Label(30), suggestion: Label(100) });

/** A shop's inbox settings, resolved: platform defaults (DOMAIN.md) where the shop set nothing. */
export const InboxSettings = z.object({
  responseWindowSeconds: z.number().int().min(10).max(86_400),
  warnAfterSeconds: z.number().int().min(10).max(3600),
  reassignAfterSeconds: z.number().int().min(0).max(3600),
  divertOfflineAfterMinutes: z.number().int().min(1).max(240),
  autoCloseAfterMinutes: z.number().int().min(1).max(1440),
  returningBuyerDays: z.number().int().min(0).max(30),
  whenNobodyOnline: z.enum(['mainAccount', 'pool']),
  balance: z.enum(['weight', 'load']),
  /** Pause (挂起) an agent of this shop after this many idle minutes, announced first; null: never (the default). */
  pauseWhenIdleMinutes: z.number().int().min(1).max(240).nullable(),
  quickPhrases: z.array(QuickPhrase).max(200),
  /** The shop's own banned phrases; the defaults always apply too. */
  bannedPhrases: z.array(BannedPhrase).max(200),
});
export type InboxSettings = z.infer<typeof InboxSettings>;

export const Shop = z.object({
  id: ShopId,
  platform: PlatformSchema,
  name: Label(60),
  /** What the rail shows on the shop's avatar (default: the name's first character and the platform's). */
  shortName: Label(4),
  mainAccount: Label(60),
  sellerLevel: SellerLevel,
  colour: HexColour,
  demo: z.boolean(),
  archived: z.boolean(),
  /** Place in the shop rail (and the Ctrl+N shortcut order). */
  position: z.number().int().nonnegative(),
  createdAt: Timestamp,
  connector: z.object({
    kind: z.string(),
    hasCredentials: z.boolean(),
    /** How the credentials are kept: encrypted by the OS keychain, or only as plaintext on this machine. */
    protection: z.enum(['os', 'plaintext']).nullable(),
  }),
  inbox: InboxSettings,
});
export type Shop = z.infer<typeof Shop>;

export const ArchiveId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}--\d{1,16}$/, 'invalid archive id');
export const ArchivedShop = z.object({ archiveId: ArchiveId, shop: Shop, archivedAt: Timestamp });
export type ArchivedShop = z.infer<typeof ArchivedShop>;

export const ShopChanges = z
  .object({
    platform: PlatformSchema.optional(),
    name: Label(60).optional(),
    shortName: Label(4).optional(),
    mainAccount: Label(60).optional(),
    sellerLevel: SellerLevel.optional(),
    colour: HexColour.optional(),
  })
  .strict();

export const ConnectorSettings = z
  .object({
    kind: z.string().min(1).max(32),
    /** New credentials; omitted keeps the stored ones, null removes them. */
    credentials: z
      .object({ appKey: z.string().trim().min(1).max(200), appSecret: z.string().min(1).max(500) })
      .strict()
      .nullable()
      .optional(),
  })
  .strict();

export const NewShop = z.object({
  platform: PlatformSchema,
  name: Label(60),
  /** Default: the name's first character and the platform's. */
  shortName: Label(4).optional(),
  mainAccount: Label(60),
  sellerLevel: SellerLevel.default('heart'),
  /** Default: a colour of the palette that no other shop uses. */
  colour: HexColour.optional(),
  /** How the shop connects to its platform (one of AppInfo.connectorKinds, or none). */
  connectorKind: z.string().min(1).max(32).default('none'),
  /** Start with the customer-service rules of this shop (response window, routing, phrases, banned list). */
  copyRulesFrom: ShopId.optional(),
});

export const shopsMethods = defineMethods('shops', {
  'shops.list': query(empty, z.array(Shop), 'session'),
  'shops.add': command(
    NewShop.strict(),
    Shop,
    'settings.shops',
    { log: 'org', target: (_input, shop) => ({ kind: 'shop', id: shop.id }) },
    { shopScope: ['copyRulesFrom'] },
  ),
  'shops.update': command(
    ShopChanges.extend({ shopId: ShopId }).refine((input) => Object.keys(input).length > 1, 'nothing to change'),
    Shop,
    'settings.shops',
    { log: 'shop', target: shopTarget },
  ),
  /** Response rules, routing options, quick phrases and the banned list of one shop. */
  'shops.updateInbox': command(
    InboxSettings.partial()
      .extend({ shopId: ShopId })
      .strict()
      .refine((input) => Object.keys(input).length > 1, 'nothing to change'),
    Shop,
    'inbox.supervise',
    { log: 'shop', target: shopTarget },
  ),
  'shops.setConnector': command(ConnectorSettings.extend({ shopId: ShopId }), Shop, 'settings.shops', {
    log: 'shop',
    target: shopTarget,
    redact: ['credentials'],
  }),
  /** Moves the shop's folder into the archive: its data is kept and it can be restored. */
  'shops.archive': command(z.object({ shopId: ShopId }).strict(), ArchivedShop, 'settings.shops', {
    log: 'org',
    target: shopTarget,
  }),
  'shops.listArchived': query(empty, z.array(ArchivedShop), 'settings.shops'),
  'shops.restore': command(
    z.object({ archiveId: ArchiveId }).strict(),
    Shop,
    'settings.shops',
    { log: 'org', target: (_input, shop) => ({ kind: 'shop', id: shop.id }) },
    {
      shopScope: ['archiveId'],
    },
  ),
});

export const shopsEvents = {
  'shops.changed': event(z.object({ shopId: ShopId }), 'session'),
} as const;
