// One zustand store built from typed slices (STYLE.md #7). It projects core state; the core decides.
import { create } from 'zustand';
import { createInboxSlice, type InboxSlice } from './inbox-slice.ts';
import { createSessionSlice, type SessionSlice } from './session-slice.ts';
import { createShopsSlice, type ShopsSlice } from './shops-slice.ts';
import { createUiSlice, type UiSlice } from './ui-slice.ts';

export type ConsoleState = SessionSlice & ShopsSlice & InboxSlice & UiSlice;

export const useConsole = create<ConsoleState>()((...a) => ({
  ...createSessionSlice(...a),
  ...createShopsSlice(...a),
  ...createInboxSlice(...a),
  ...createUiSlice(...a),
}));
