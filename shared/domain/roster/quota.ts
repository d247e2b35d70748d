// The free sub-account quota of a shop by seller level (DOMAIN.md: heart 2, diamond 10, crown 20, gold crown 30,
// Tmall 30); a shop's roster settings can raise it (bought sub-accounts). Temporary accounts do not count.
import type { SELLER_LEVELS } from '../../contract/common.ts';

export type SellerLevelName = (typeof SELLER_LEVELS)[number];

export const DEFAULT_SUB_ACCOUNT_QUOTA: Readonly<Record<SellerLevelName, number>> = {
  heart: 2,
  diamond: 10,
  crown: 20,
  gold_crown: 30,
  tmall: 30,
};

export type QuotaUse = Readonly<{ used: number; limit: number; free: number }>;

export function quotaUse(
  accounts: readonly Readonly<{ status: string; temporary: boolean }>[],
  limit: number,
): QuotaUse {
  const used = accounts.filter((a) => !a.temporary && a.status !== 'disabled').length;
  return { used, limit, free: Math.max(0, limit - used) };
}
