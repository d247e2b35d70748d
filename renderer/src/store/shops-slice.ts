// The shops this session may see, the active shop (null = all shops) and per-shop counts for the rail.
import type { StateCreator } from 'zustand';
import type {
  AppErrorData,
  ArchivedShop,
  InboxSettings,
  MethodInputIn,
  Shop,
  ShopCounts,
} from '../../../shared/contract/index.ts';
import { api } from '../api.ts';
import { railOrder } from './rail-order.ts';
import type { ConsoleState } from './index.ts';

export type ShopsSlice = {
  shops: Shop[];
  activeShopId: string | null;
  counts: Record<string, ShopCounts>;
  loadShops(): Promise<void>;
  selectShop(shopId: string | null): void;
  /** Ctrl+1..9: the n-th shop of the rail (1-based); 0 selects all shops. */
  selectShopByIndex(index: number): void;
  addShop(input: MethodInputIn<'shops.add'>): Promise<AppErrorData | Shop>;
  updateShop(
    shopId: string,
    changes: Partial<Pick<Shop, 'platform' | 'name' | 'shortName' | 'colour' | 'mainAccount' | 'sellerLevel'>>,
  ): Promise<AppErrorData | Shop>;
  updateInbox(shopId: string, changes: Partial<InboxSettings>): Promise<AppErrorData | Shop>;
  setConnector(
    shopId: string,
    kind: string,
    credentials: { appKey: string; appSecret: string } | null | undefined,
  ): Promise<AppErrorData | Shop>;
  archiveShop(shopId: string): Promise<AppErrorData | ArchivedShop>;
  archived: ArchivedShop[];
  loadArchived(): Promise<void>;
  restoreShop(archiveId: string): Promise<AppErrorData | Shop>;
};

export const createShopsSlice: StateCreator<ConsoleState, [], [], ShopsSlice> = (set, get) => ({
  shops: [],
  activeShopId: null,
  counts: {},
  async loadShops() {
    const result = await api().invoke('shops.list', {});
    if (!result.ok) return;
    const shops = result.value;
    const active = get().activeShopId;
    set({ shops, activeShopId: active !== null && shops.some((s) => s.id === active) ? active : null });
  },
  selectShop(shopId) {
    set({ activeShopId: shopId });
  },
  selectShopByIndex(index) {
    if (index === 0) return set({ activeShopId: null });
    const shop = railOrder(get().shops)[index - 1];
    if (shop) set({ activeShopId: shop.id });
  },
  async addShop(input) {
    const result = await api().invoke('shops.add', input);
    if (!result.ok) return result.error;
    await get().loadShops();
    return result.value;
  },
  async updateShop(shopId, changes) {
    const result = await api().invoke('shops.update', { shopId, ...changes });
    if (!result.ok) return result.error;
    await get().loadShops();
    return result.value;
  },
  async updateInbox(shopId, changes) {
    const result = await api().invoke('shops.updateInbox', { shopId, ...changes });
    if (!result.ok) return result.error;
    await get().loadShops();
    return result.value;
  },
  async setConnector(shopId, kind, credentials) {
    const result = await api().invoke(
      'shops.setConnector',
      credentials === undefined ? { shopId, kind } : { shopId, kind, credentials },
    );
    if (!result.ok) return result.error;
    await get().loadShops();
    return result.value;
  },
  async archiveShop(shopId) {
    const result = await api().invoke('shops.archive', { shopId });
    if (!result.ok) return result.error;
    await Promise.all([get().loadShops(), get().loadArchived()]);
    return result.value;
  },
  archived: [],
  async loadArchived() {
    const result = await api().invoke('shops.listArchived', {});
    if (result.ok) set({ archived: result.value });
  },
  async restoreShop(archiveId) {
    const result = await api().invoke('shops.restore', { archiveId });
    if (!result.ok) return result.error;
    await Promise.all([get().loadShops(), get().loadArchived(), get().loadConversations()]);
    return result.value;
  },
});
