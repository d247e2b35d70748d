// Each shop's resolved inbox settings and routing policy, computed once and again whenever the shop's document
// changes: the cache follows `shops.changed` (every shop edit emits it), so no handler can route with stale rules.
import type { InboxSettings } from '../../../shared/contract/index.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { Person } from '../sessions/people-document.ts';
import { resolveInboxSettings, type ShopDocument } from '../shops/shop-document.ts';
import type { ShopRoutingPolicy } from './router.ts';

export type RoutingPolicies = Readonly<{
  settingsOf(shopId: string): InboxSettings;
  policyOf(shopId: string): ShopRoutingPolicy;
}>;

export function createRoutingPolicies(
  deps: Readonly<{
    bus: EventBus;
    shopOf(shopId: string): ShopDocument;
    people(): readonly Person[];
    /** The roster's dedicated buyers of a shop (buyer id → person id), over the shop's own list. */
    dedicatedIn(shopId: string): Readonly<Record<string, string>>;
  }>,
): RoutingPolicies {
  const settingsCache = new Map<string, InboxSettings>();
  const policyCache = new Map<string, ShopRoutingPolicy>();
  deps.bus.listen((event) => {
    if (event.name === 'roster.changed') {
      // The roster sets dedicated buyers (a shop's, or with shopId null nothing of routing's).
      if (event.payload.shopId !== null) policyCache.delete(event.payload.shopId);
      return;
    }
    if (event.name !== 'shops.changed') return;
    settingsCache.delete(event.payload.shopId);
    policyCache.delete(event.payload.shopId);
  });
  const settingsOf = (shopId: string): InboxSettings => {
    let settings = settingsCache.get(shopId);
    if (!settings) {
      const doc = deps.shopOf(shopId);
      settingsCache.set(shopId, (settings = resolveInboxSettings(doc.profile.platform, doc.inbox)));
    }
    return settings;
  };
  const policyOf = (shopId: string): ShopRoutingPolicy => {
    let policy = policyCache.get(shopId);
    if (!policy) {
      const settings = settingsOf(shopId);
      const owner = deps.people().find((p) => p.kind === 'owner');
      policy = {
        returningBuyerMs: settings.returningBuyerDays * 86_400_000,
        reassignAfterMs: settings.reassignAfterSeconds * 1000,
        divertOfflineAfterMs: settings.divertOfflineAfterMinutes * 60_000,
        balance: settings.balance,
        whenNobodyOnline: settings.whenNobodyOnline,
        mainAccountAgentId: owner?.id ?? null,
        groupCosts: {},
        dedicatedAgents: { ...deps.shopOf(shopId).inbox.dedicatedAgents, ...deps.dedicatedIn(shopId) },
      };
      policyCache.set(shopId, policy);
    }
    return policy;
  };
  return { settingsOf, policyOf };
}
