// The per-shop document (`shops/<id>/shop.json`): the shop's profile and its connector settings. Small and
// edited by people, so it lives in a JSON document; streams (messages, orders) do not belong here.
import { z } from 'zod';
import { PlatformSchema, SellerLevel, ShopId } from '../../../shared/contract/index.ts';

export const SHOP_DOCUMENT_VERSION = 1;

export const ShopProfile = z.object({
  id: ShopId,
  platform: PlatformSchema,
  name: z.string().min(1).max(60),
  mainAccount: z.string().min(1).max(60),
  sellerLevel: SellerLevel,
  colour: z.string().regex(/^#[0-9a-f]{6}$/i),
  demo: z.boolean(),
  archived: z.boolean(),
  position: z.number().int().nonnegative(),
  createdAt: z.number().int().nonnegative(),
});

export const ShopDocument = z.object({
  schemaVersion: z.literal(SHOP_DOCUMENT_VERSION),
  profile: ShopProfile,
  connector: z.object({
    kind: z.string().min(1).max(32),
    /** Connector credentials as the secret store sealed them (never plaintext unless `protection` says so). */
    credentials: z.object({ protection: z.enum(['os', 'plaintext']), sealed: z.string() }).nullable().default(null),
  }),
});
export type ShopDocument = z.infer<typeof ShopDocument>;
