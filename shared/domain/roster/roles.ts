// Role templates (岗位) a shop starts with, each a set of permission-tree nodes (granting a node grants its
// subtree). They are defaults, copied into each shop's roster where the shop manager edits them; nothing in the
// code depends on a template's contents.
import type { Grant } from '../../contract/permissions.ts';

export type RoleTemplate = Readonly<{ key: string; name: string; nameEn: string; permissions: readonly Grant[] }>;

export const ROLE_TEMPLATES: readonly RoleTemplate[] = [
  {
    key: 'manager',
    name: '店长',
    nameEn: 'Shop manager',
    permissions: ['inbox', 'orders', 'stock', 'shipping', 'roster', 'reports', 'audit.view', 'settings.shops'],
  },
  {
    key: 'operations',
    name: '运营',
    nameEn: 'Operations',
    permissions: ['orders.view', 'orders.priceChange', 'stock.view', 'reports.view', 'inbox.view'],
  },
  {
    key: 'cs',
    name: '客服',
    nameEn: 'Customer service',
    permissions: ['inbox.view', 'inbox.reply', 'orders.view', 'shipping.view'],
  },
  { key: 'finance', name: '财务', nameEn: 'Finance', permissions: ['orders.view', 'orders.refund', 'reports.view'] },
  { key: 'logistics', name: '物流', nameEn: 'Logistics', permissions: ['shipping', 'orders.view', 'stock.view'] },
  {
    key: 'presale',
    name: '售前',
    nameEn: 'Pre-sale',
    permissions: ['inbox.view', 'inbox.reply', 'orders.view', 'shipping.view'],
  },
  {
    key: 'aftersale',
    name: '售后',
    nameEn: 'After-sale',
    permissions: ['inbox.view', 'inbox.reply', 'orders.view', 'shipping.view'],
  },
  { key: 'warehouse', name: '库管', nameEn: 'Warehouse', permissions: ['stock', 'shipping', 'orders.view'] },
  { key: 'design', name: '设计', nameEn: 'Design', permissions: ['stock.view'] },
  { key: 'promotion', name: '推广', nameEn: 'Promotion', permissions: ['reports.view', 'orders.view'] },
  {
    key: 'cs_supervisor',
    name: '客服主管',
    nameEn: 'CS supervisor',
    permissions: ['inbox', 'orders.view', 'shipping.view', 'roster', 'reports', 'audit.view'],
  },
];

/** The template a legacy role label (people.json before the roster) corresponds to, by name. */
export function templateForLabel(label: string): RoleTemplate | undefined {
  const aliases: Record<string, string> = { 售前客服: 'presale', 售后客服: 'aftersale', 仓管: 'warehouse' };
  return ROLE_TEMPLATES.find((t) => t.name === label || t.key === aliases[label]);
}
