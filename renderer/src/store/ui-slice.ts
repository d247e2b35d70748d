// What the window shows: the current module. Language lives in i18next (see i18n/index.ts).
import type { StateCreator } from 'zustand';
import type { ConsoleState } from './index.ts';

export const VIEWS = ['inbox', 'roster', 'inventory', 'shipping', 'checklists', 'reports', 'audit', 'settings'] as const;
export type View = (typeof VIEWS)[number];

export type UiSlice = {
  view: View;
  setView(view: View): void;
  /** After login: shops, then conversations. */
  loadWorkspace(): Promise<void>;
  /** After logout or a lost session: forget everything of the previous person. */
  resetWorkspace(): void;
};

export const createUiSlice: StateCreator<ConsoleState, [], [], UiSlice> = (set, get) => ({
  view: 'inbox',
  setView: (view) => set({ view }),
  async loadWorkspace() {
    await get().loadShops();
    await Promise.all([get().loadConversations(), get().loadNotices()]);
  },
  resetWorkspace() {
    set({
      view: 'inbox',
      shops: [],
      activeShopId: null,
      counts: {},
      conversations: new Map(),
      conversationsLoaded: false,
      views: {},
      messages: new Map(),
      buyerOrders: new Map(),
      notices: [],
    });
  },
});
