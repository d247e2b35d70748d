// What the window shows: the current module. Language lives in i18next (see i18n/index.ts).
import type { StateCreator } from 'zustand';
import type { ConsoleState } from './index.ts';
import { initialInbox } from './inbox-slice.ts';

export const VIEWS = [
  'inbox',
  'supervisor',
  'roster',
  'inventory',
  'shipping',
  'checklists',
  'reports',
  'audit',
  'settings',
] as const;
export type View = (typeof VIEWS)[number];

export type UiSlice = {
  view: View;
  setView(view: View): void;
  /** The dialog on top of the inbox (Ctrl+T opens the transfer dialog). */
  dialog: 'transfer' | null;
  setDialog(dialog: 'transfer' | null): void;
  /** After login: shops, then conversations. */
  loadWorkspace(): Promise<void>;
  /** After logout or a lost session: forget everything of the previous person. */
  resetWorkspace(): void;
};

export const createUiSlice: StateCreator<ConsoleState, [], [], UiSlice> = (set, get) => ({
  view: 'inbox',
  setView: (view) => set({ view }),
  dialog: null,
  setDialog: (dialog) => set({ dialog }),
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
      ...initialInbox(),
      dialog: null,
      notices: [],
    });
  },
});
