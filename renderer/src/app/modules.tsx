// The module registry: one entry per page of the console — its view id, menu icon, the permission that shows it
// (none: everyone) and the page, loaded when first opened (the inbox, where most people land, is in the first
// bundle). A new page is one entry here plus its folder under features/.
import {
  AuditOutlined,
  BarChartOutlined,
  CarryOutOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  InboxOutlined,
  MessageOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type ReactNode } from 'react';
import { grants, type Grant, type Permission } from '../../../shared/contract/index.ts';
import { InboxPage } from '../pages/InboxPage.tsx';
import type { View } from '../store/ui-slice.ts';

/** `needs`: the permission that shows the page, or a list of which any one does. */
export type ConsoleModule = Readonly<{
  view: View;
  icon: ReactNode;
  needs?: Permission | readonly Permission[];
  Page: ComponentType;
}>;

export const MODULES: readonly ConsoleModule[] = [
  { view: 'inbox', icon: <MessageOutlined aria-hidden />, needs: 'inbox.view', Page: InboxPage },
  {
    view: 'supervisor',
    icon: <DashboardOutlined aria-hidden />,
    needs: 'inbox.supervise',
    Page: lazy(() => import('../pages/SupervisorPage.tsx').then((m) => ({ default: m.SupervisorPage }))),
  },
  {
    view: 'roster',
    icon: <TeamOutlined aria-hidden />,
    needs: 'roster.view',
    Page: lazy(() => import('../features/roster/RosterPage.tsx').then((m) => ({ default: m.RosterPage }))),
  },
  {
    view: 'inventory',
    icon: <InboxOutlined aria-hidden />,
    needs: 'stock.view',
    Page: lazy(() => import('../features/inventory/InventoryPage.tsx').then((m) => ({ default: m.InventoryPage }))),
  },
  {
    view: 'shipping',
    icon: <CarryOutOutlined aria-hidden />,
    needs: 'shipping.view',
    Page: lazy(() => import('../features/shipping/ShippingPage.tsx').then((m) => ({ default: m.ShippingPage }))),
  },
  {
    view: 'checklists',
    icon: <CheckSquareOutlined aria-hidden />,
    Page: lazy(() => import('../features/checklists/ChecklistsPage.tsx').then((m) => ({ default: m.ChecklistsPage }))),
  },
  // Anyone who serves buyers sees their own figures; reports.view shows their team's (the core decides who).
  {
    view: 'reports',
    icon: <BarChartOutlined aria-hidden />,
    needs: ['reports.view', 'inbox.reply'],
    Page: lazy(() => import('../features/reports/ReportsPage.tsx').then((m) => ({ default: m.ReportsPage }))),
  },
  // Everyone may read their own entries; audit.view shows every log (the core enforces both).
  {
    view: 'audit',
    icon: <AuditOutlined aria-hidden />,
    Page: lazy(() => import('../features/audit/AuditPage.tsx').then((m) => ({ default: m.AuditPage }))),
  },
  {
    view: 'settings',
    icon: <SettingOutlined aria-hidden />,
    Page: lazy(() => import('../pages/SettingsPage.tsx').then((m) => ({ default: m.SettingsPage }))),
  },
];

/** The modules this person may open, in menu order. */
export function allowedViews(held: readonly Grant[]): View[] {
  return MODULES.filter(
    ({ needs }) => needs === undefined || (typeof needs === 'string' ? [needs] : needs).some((n) => grants(held, n)),
  ).map(({ view }) => view);
}
