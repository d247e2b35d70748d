// Schemas every domain uses: shop ids, platforms, grants, timestamps, bounded labels.
import { z } from 'zod';
import { PERMISSIONS } from './permissions.ts';
import { PLATFORMS } from '../domain/platforms.ts';
import { SHOP_ID_PATTERN } from '../domain/shop-id.ts';

export const ShopId = z.string().regex(SHOP_ID_PATTERN, 'invalid shop id');
export const PlatformSchema = z.enum(PLATFORMS);
export const GrantSchema = z.union([z.enum(PERMISSIONS), z.literal('*')]);
export const SELLER_LEVELS = ['heart', 'diamond', 'crown', 'gold_crown', 'tmall'] as const;
export const SellerLevel = z.enum(SELLER_LEVELS);
export const Timestamp = z.number().int().nonnegative();
export const HexColour = z.string().regex(/^#[0-9a-f]{6}$/i);
/** Visible text a person typed: trimmed, non-empty, bounded. */
export const Label = (max: number) => z.string().trim().min(1).max(max);
/** Methods without input. */
export const empty = z.object({}).strict();
