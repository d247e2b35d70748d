// Inbox keys (J/K and Enter live with the list): Ctrl+N opens the most urgent chat waiting for me, Ctrl+T
// transfers the open chat, Esc closes the open chat and returns to the list.
import { useEffect } from 'react';
import { mostUrgentForMe } from '../components/inbox/tab-rows.ts';
import { useConsole } from '../store/index.ts';
import { activeView } from '../store/inbox-slice.ts';

export function useInboxShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const state = useConsole.getState();
      const ctrl = event.ctrlKey || event.metaKey;
      if (ctrl && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'n') {
        event.preventDefault();
        const shopIds = new Map(state.shops.map((s) => [s.id, s]));
        const next = mostUrgentForMe(state.conversations.values(), state.session?.userId ?? null, shopIds);
        if (!next) return;
        // Out of the current shop's view: show all shops, where it is.
        if (state.activeShopId !== null && state.activeShopId !== next.shopId) state.selectShop(null);
        void useConsole.getState().openConversation(next);
        return;
      }
      if (ctrl && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 't') {
        if (activeView(state).selectedConversationId === null) return;
        event.preventDefault();
        state.setDialog('transfer');
        return;
      }
      if (
        event.key === 'Escape' &&
        state.dialog === null &&
        !document.querySelector('.ant-modal-wrap, .ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      ) {
        const selected = activeView(state).selectedConversationId;
        if (selected === null) return;
        state.closeConversation();
        requestAnimationFrame(
          () =>
            document.querySelector<HTMLElement>(`[data-id="${CSS.escape(selected)}"]`)?.focus() ??
            document.querySelector<HTMLElement>('[data-testid="conversation-list"]')?.focus(),
        );
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
