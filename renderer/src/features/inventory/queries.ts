// The catalogue's data for the inventory page and the composer's product cards. Invalidated by inventory.changed
// (query/event-queries.ts), so a SKU edited in one window shows in every other.
import { useQuery } from '@tanstack/react-query';
import { callCore as unwrap } from '../../query/core-call.ts';

export const inventoryKeys = {
  skus: (filter: Readonly<{ shopId: string | null; query: string; includeArchived: boolean }>) =>
    ['inventory', 'skus', filter] as const,
  cards: (shopId: string) => ['inventory', 'cards', shopId] as const,
};

export const useSkus = (filter: Readonly<{ shopId: string | null; query: string; includeArchived: boolean }>) =>
  useQuery({
    queryKey: inventoryKeys.skus(filter),
    queryFn: () => unwrap('inventory.skus', filter),
    staleTime: Infinity,
  });

/** The SKUs an agent may send as product cards in one shop (asked once the composer's tools mount). */
export const useProductCards = (shopId: string, enabled: boolean) =>
  useQuery({
    queryKey: inventoryKeys.cards(shopId),
    queryFn: () => unwrap('inventory.productCards', { shopId }),
    enabled,
    staleTime: 60_000,
  });

export const useStock = (filter: Readonly<{ shopId: string | null; query: string; lowOnly: boolean }>) =>
  useQuery({
    queryKey: ['inventory', 'stock', filter],
    queryFn: () => unwrap('inventory.stock', filter),
    staleTime: Infinity,
  });
