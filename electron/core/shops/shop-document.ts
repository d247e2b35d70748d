// The per-shop document (`shops/<id>/shop.json`): the shop's profile and its connector settings. Small and
// edited by people, so it lives in a JSON document; streams (messages, orders) do not belong here.
import { z } from 'zod';
import {
  BannedPhrase,
  InboxSettings,
  PlatformSchema,
  QuickPhrase,
  SellerLevel,
  ShopId,
} from '../../../shared/contract/index.ts';
import { DEFAULT_PLATFORM_RULES, type Platform } from '../../../shared/domain/platforms.ts';
import { DEFAULT_QUICK_PHRASES } from '../../../shared/domain/reply-rules.ts';
import { StoredAuditEntry } from '../audit/stored-entry.ts';

export const SHOP_DOCUMENT_VERSION = 1;

export const ShopProfile = z.object({
  id: ShopId,
  platform: PlatformSchema,
  name: z.string().min(1).max(60),
  /** null: the default (the name's first character and the platform's). */
  shortName: z.string().min(1).max(4).nullable().default(null),
  mainAccount: z.string().min(1).max(60),
  sellerLevel: SellerLevel,
  colour: z.string().regex(/^#[0-9a-f]{6}$/i),
  demo: z.boolean(),
  archived: z.boolean(),
  position: z.number().int().nonnegative(),
  createdAt: z.number().int().nonnegative(),
});

/**
 * The shop's inbox settings as stored: what the shop chose. The response window and the warning are null until
 * the shop overrides its platform's default; every other field has its default here (DOMAIN.md; the reassign and
 * auto-close times are our own defaults [unverified]). Older files without this block read as all defaults.
 */
export const StoredInboxSettings = z.object({
  responseWindowSeconds: InboxSettings.shape.responseWindowSeconds.nullable().default(null),
  warnAfterSeconds: InboxSettings.shape.warnAfterSeconds.nullable().default(null),
  reassignAfterSeconds: InboxSettings.shape.reassignAfterSeconds.default(120),
  divertOfflineAfterMinutes: InboxSettings.shape.divertOfflineAfterMinutes.default(25),
  autoCloseAfterMinutes: InboxSettings.shape.autoCloseAfterMinutes.default(15),
  returningBuyerDays: InboxSettings.shape.returningBuyerDays.default(3),
  whenNobodyOnline: InboxSettings.shape.whenNobodyOnline.default('pool'),
  balance: InboxSettings.shape.balance.default('weight'),
  pauseWhenIdleMinutes: InboxSettings.shape.pauseWhenIdleMinutes.default(null),
  quickPhrases: z
    .array(QuickPhrase)
    .max(200)
    .default(() => DEFAULT_QUICK_PHRASES.map((p) => ({ ...p }))),
  bannedPhrases: z.array(BannedPhrase).max(200).default([]),
  /** 专属客服: buyer id → person id. */
  dedicatedAgents: z.record(z.string(), z.string()).default({}),
});
export type StoredInboxSettings = z.infer<typeof StoredInboxSettings>;

export function resolveInboxSettings(platform: Platform, stored: StoredInboxSettings): InboxSettings {
  const rules = DEFAULT_PLATFORM_RULES[platform];
  const { dedicatedAgents: _dedicated, ...rest } = stored;
  return {
    ...rest,
    responseWindowSeconds: stored.responseWindowSeconds ?? rules.responseWindowSeconds,
    warnAfterSeconds: stored.warnAfterSeconds ?? rules.warnAfterSeconds,
  };
}

export const StoredKpiRuleSchema = z.object({
  countedFrom: z.number().int().min(0).max(23).nullable().default(null),
  countedTo: z.number().int().min(1).max(24).nullable().default(null),
  floor: z.number().min(0).max(1).nullable().default(null),
  minSample: z.number().int().nonnegative().nullable().default(null),
});

/** The shop's shipping rule: its print waves (minutes after midnight, China time) and late penalty; null: default. */
export const StoredShippingRuleSchema = z.object({
  printWaves: z.array(z.number().int().min(0).max(1439)).min(1).max(8).nullable().default(null),
  penalty: z
    .object({ percent: z.number().min(0).max(100), minFen: z.number().int().min(0), maxFen: z.number().int().min(0) })
    .nullable()
    .default(null),
});
export type StoredShippingRule = z.infer<typeof StoredShippingRuleSchema>;

export const ShopDocument = z.object({
  schemaVersion: z.literal(SHOP_DOCUMENT_VERSION),
  profile: ShopProfile,
  connector: z.object({
    kind: z.string().min(1).max(32),
    /** Connector credentials as the secret store sealed them (never plaintext unless `protection` says so). */
    credentials: z
      .object({ protection: z.enum(['os', 'plaintext']), sealed: z.string() })
      .nullable()
      .default(null),
  }),
  inbox: StoredInboxSettings.default(() => StoredInboxSettings.parse({})),
  /** The shop's changes to its platform's KPI rule (reports); null fields keep the platform's default. */
  kpi: StoredKpiRuleSchema.default(() => StoredKpiRuleSchema.parse({})),
  /** The shop's print waves and late penalty (shipping); null fields keep the defaults. */
  shipping: StoredShippingRuleSchema.default(() => StoredShippingRuleSchema.parse({})),
  /** The audit entry of the last command that changed this document, written with it (see audit/stored-entry.ts). */
  lastAudit: StoredAuditEntry.nullable().default(null),
});
export type ShopDocument = z.infer<typeof ShopDocument>;
