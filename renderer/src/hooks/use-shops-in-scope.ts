import { useMemo } from 'react';
import { useConsole } from '../store/index.ts';

/** The shops this person serves (the owner: all), in rail order: what a page's shop filter offers. */
export function useShopsInScope() {
  const shops = useConsole((s) => s.shops);
  const scope = useConsole((s) => s.session?.shopIds);
  return useMemo(() => shops.filter((shop) => scope === 'all' || scope?.includes(shop.id)), [shops, scope]);
}
