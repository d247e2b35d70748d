// Combinations of permissions on one person that a careful owner wants to see flagged, each with its reason. They
// are warnings, not refusals: a small team may need them, and the owner decides.
import { grants, type Grant } from '../../contract/permissions.ts';

export type RiskyCombination = Readonly<{ key: string; permissions: readonly Grant[] }>;

export const RISKY_COMBINATIONS: readonly RiskyCombination[] = [
  // Refunds and price changes with the books: one person could change a price, refund and hide it.
  { key: 'finance_price_refund', permissions: ['reports.view', 'orders.priceChange', 'orders.refund'] },
  // Editing the roster and reading the audit log: one person could grant themselves rights and review their own trail.
  { key: 'roster_and_audit', permissions: ['roster.edit', 'audit.view'] },
  // Stock edits with shipping confirmation: goods could leave the books and the warehouse unchecked.
  { key: 'stock_and_shipping', permissions: ['stock.edit', 'shipping.confirm'] },
];

/** The risky combinations that `held` covers completely. */
export function riskyCombinations(held: readonly Grant[]): RiskyCombination[] {
  if (held.includes('*')) return [];
  return RISKY_COMBINATIONS.filter((combo) =>
    combo.permissions.every((permission) => permission !== '*' && grants(held, permission)),
  );
}
