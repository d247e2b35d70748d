// The method map: every call the renderer can make, the spread of the domain maps (app.ts, settings.ts, session.ts,
// shops.ts, inbox.ts, orders.ts, audit.ts, roster.ts, inventory.ts, shipping.ts, checklists.ts, reports.ts), each method declared with `query()` or `command()` (define.ts) with its
// input schema, output schema and the permission it needs ('public': anyone, 'session': any logged-in person, or a
// node of the permission tree). Methods are `domain.verb`. Every input field that names a shop — by shop id,
// archive id, in a list or nested — is declared in the method's `shopScope` and checked against the session's
// shops by dispatch; a top-level `shopId` is declared by default. A contract test walks every input schema and
// fails on a shop-naming field no scope rule covers.
import type { z } from 'zod';
import { appMethods } from './app.ts';
import { auditMethods } from './audit.ts';
import type { CommandDef, MethodDef } from './define.ts';
import { inboxMethods } from './inbox.ts';
import { goodsInMethods, inventoryMethods, stockMethods, stocktakeMethods } from './inventory.ts';
import { ordersMethods } from './orders.ts';
import { rosterMethods } from './roster.ts';
import { sessionMethods } from './session.ts';
import { settingsMethods } from './settings.ts';
import { shippingMethods } from './shipping.ts';
import { checklistsMethods } from './checklists.ts';
import { reportsMethods } from './reports.ts';
import { shopsMethods } from './shops.ts';

export type { AuditSpec, AuditTarget, CommandDef, MethodDef, MethodPermission, QueryDef, ShopScope } from './define.ts';

export const methods = {
  ...appMethods,
  ...settingsMethods,
  ...sessionMethods,
  ...shopsMethods,
  ...inboxMethods,
  ...ordersMethods,
  ...auditMethods,
  ...rosterMethods,
  ...inventoryMethods,
  ...stockMethods,
  ...goodsInMethods,
  ...stocktakeMethods,
  ...shippingMethods,
  ...checklistsMethods,
  ...reportsMethods,
} as const satisfies Record<string, MethodDef>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
/** The methods that change something (each leaves one audit entry). */
export type CommandName = { [M in MethodName]: Methods[M] extends CommandDef ? M : never }[MethodName];
/** What a caller sends (defaults not yet applied). */
export type MethodInputIn<M extends MethodName> = z.input<Methods[M]['input']>;
/** What a handler receives (validated, defaults applied). */
export type MethodInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

export function isCommand(def: MethodDef): def is CommandDef {
  return def.kind === 'command';
}
