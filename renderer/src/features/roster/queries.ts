// The roster page's data: people and departments, one shop's roster (sub-accounts, roles, quota, sync status),
// conflicts and "what can X do". Invalidated by roster events (query/event-queries.ts); mutations return the
// core's Result so forms can say what went wrong.
import { useQuery } from '@tanstack/react-query';
import type { MethodInputIn, MethodName } from '../../../../shared/contract/index.ts';
import { api } from '../../api.ts';
import { callCore as unwrap } from '../../query/core-call.ts';

export const rosterKeys = {
  people: ['roster', 'people'] as const,
  conflicts: ['roster', 'conflicts'] as const,
  shop: (shopId: string) => ['roster', 'shop', shopId] as const,
  organisationSync: ['roster', 'organisationSync'] as const,
  explain: (personId: string, shopId: string) => ['roster', 'explain', personId, shopId] as const,
  viewAs: (personId: string) => ['roster', 'viewAs', personId] as const,
};

export const usePeople = () =>
  useQuery({ queryKey: rosterKeys.people, queryFn: () => unwrap('roster.people', {}), staleTime: Infinity });

export const useShopRoster = (shopId: string | null) =>
  useQuery({
    queryKey: rosterKeys.shop(shopId ?? ''),
    queryFn: () => unwrap('roster.shop', { shopId: shopId! }),
    enabled: shopId !== null,
    staleTime: Infinity,
  });

export const useOrganisationSync = () =>
  useQuery({
    queryKey: rosterKeys.organisationSync,
    queryFn: () => unwrap('roster.organisationSync', {}),
    staleTime: Infinity,
  });

export const useConflicts = () =>
  useQuery({ queryKey: rosterKeys.conflicts, queryFn: () => unwrap('roster.conflicts', {}), staleTime: Infinity });

export const useViewAs = (personId: string | null) =>
  useQuery({
    queryKey: rosterKeys.viewAs(personId ?? ''),
    queryFn: () => unwrap('roster.viewAs', { personId: personId! }),
    enabled: personId !== null,
  });

export const useExplain = (personId: string | null, shopId: string | null) =>
  useQuery({
    queryKey: rosterKeys.explain(personId ?? '', shopId ?? ''),
    queryFn: () => unwrap('roster.explain', { personId: personId!, shopId: shopId! }),
    enabled: personId !== null && shopId !== null,
  });

/** A command: its Result as it comes (the caller shows the error code). */
export const rosterCommand = <M extends MethodName>(method: M, input: MethodInputIn<M>) => api().invoke(method, input);
