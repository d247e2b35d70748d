// How each platform's sub-accounts differ (DOMAIN.md), as per-platform configuration the roster checks before an
// account is created or changed — the platform stays the authority; this refuses what it would refuse, with the
// reason, before anything is queued for it. These are the defaults; a shop's roster may hold its own (set by the
// owner, synced with the rest of the shop's roster).
import { grants, type Grant } from '../../contract/permissions.ts';
import type { Platform } from '../platforms.ts';

export type SubAccountPlatformRules = Readonly<{
  /** An account is created with a role, never without (JD). */
  roleRequired: boolean;
  /** Each account's person has a phone number that no other account of the shop uses (Pinduoduo). */
  uniquePhone: boolean;
  /** The employee accepts the grant with their own platform account before it works (Douyin): said, not checked. */
  employeeAccepts: boolean;
  /** At most this many accounts (not disabled) may export orders (JD: 3); null: no limit. */
  maxOrderExporters: number | null;
}>;

/** The rules of a shop without a platform (none). */
export const NO_PLATFORM_RULES: SubAccountPlatformRules = {
  roleRequired: false,
  uniquePhone: false,
  employeeAccepts: false,
  maxOrderExporters: null,
};

export const DEFAULT_SUB_ACCOUNT_PLATFORM_RULES: Readonly<Record<Platform, SubAccountPlatformRules>> = {
  tmall: NO_PLATFORM_RULES,
  taobao: NO_PLATFORM_RULES,
  jd: { ...NO_PLATFORM_RULES, roleRequired: true, maxOrderExporters: 3 },
  pinduoduo: { ...NO_PLATFORM_RULES, uniquePhone: true },
  douyin: { ...NO_PLATFORM_RULES, employeeAccepts: true },
};

export type PlatformProblem = 'role_required' | 'phone_required' | 'phone_taken' | 'exporters_full';

/** Does an account with these grants export orders (the platform's 导出订单)? */
export const exportsOrders = (held: readonly Grant[]): boolean => grants(held, 'orders.export');

/**
 * The order exporters of a shop as they would stand against the limit: `exporting` accounts would hold the export
 * after the change (the changed ones included).
 */
export function checkOrderExporters(rules: SubAccountPlatformRules, exporting: number): PlatformProblem | null {
  return rules.maxOrderExporters !== null && exporting > rules.maxOrderExporters ? 'exporters_full' : null;
}

/** Spaces, dashes and a +86 prefix do not make a number different. */
export function normalisePhone(phone: string): string {
  return phone.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
}

/**
 * An account as it would stand (its roles, its person's phone) against its platform's rules; `otherPhones`: the
 * phones of the people holding the shop's other accounts that are not disabled.
 */
export function checkPlatformRules(
  rules: SubAccountPlatformRules,
  account: Readonly<{ roleIds: readonly string[]; phone: string }>,
  otherPhones: readonly string[],
): PlatformProblem | null {
  if (rules.roleRequired && account.roleIds.length === 0) return 'role_required';
  if (rules.uniquePhone) {
    const phone = normalisePhone(account.phone);
    if (phone === '') return 'phone_required';
    if (otherPhones.some((other) => normalisePhone(other) === phone)) return 'phone_taken';
  }
  return null;
}
