// Opening one chat from another page (the supervisor view, the reports' slowest chats): the inbox, its shop, and the
// conversation, loaded first when the list does not hold it yet.
import { useConsole } from './store/index.ts';

export async function openChat(shopId: string, conversationId: string): Promise<void> {
  const state = useConsole.getState();
  state.setView('inbox');
  state.selectShop(shopId);
  let conversation = state.conversations.get(conversationId);
  if (!conversation) {
    await state.loadConversations();
    conversation = useConsole.getState().conversations.get(conversationId);
  }
  if (conversation) await useConsole.getState().openConversation(conversation);
}
