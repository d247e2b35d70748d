// Desktop notifications for new chats and messages (the browser's Notification API; inside Electron it shows a
// native notification). Only for chats that concern this person (theirs or waiting for anyone), never for the
// chat already on screen, not for muted shops, not in the do-not-disturb window; a burst becomes one notification.
import type { AnyEvent } from '../../shared/contract/index.ts';
import { isQuietTime } from '../../shared/domain/notification-rules.ts';
import { displayText } from '../../shared/domain/untrusted-text.ts';
import { i18n } from './i18n/index.ts';
import type { ConsoleState } from './store/index.ts';
import { activeView } from './store/inbox-slice.ts';

/** At most one notification per this interval; what arrives meanwhile is counted into the next. */
const MIN_GAP_MS = 4000;
let lastShown = 0;

export function notificationsSupported(): boolean {
  return typeof Notification !== 'undefined';
}

export function notifyArrivals(events: readonly AnyEvent[], state: ConsoleState): void {
  const prefs = state.settings?.notifications;
  if (!prefs?.enabled || !notificationsSupported() || Notification.permission !== 'granted') return;
  const now = new Date();
  if (isQuietTime(prefs.doNotDisturb, now.getHours() * 60 + now.getMinutes())) return;
  const me = state.session?.userId;
  const onScreen = document.hasFocus() ? activeView(state).selectedConversationId : null;
  const lines: { shopId: string; conversationId: string; title: string; body: string }[] = [];
  for (const event of events) {
    const shop = state.shops.find((s) => s.id === event.payload.shopId);
    if (!shop || prefs.mutedShopIds.includes(shop.id)) continue;
    if (event.name === 'inbox.messageReceived') {
      const { conversation, message } = event.payload;
      if (conversation.id === onScreen) continue;
      if (conversation.assigneeId !== null && conversation.assigneeId !== me) continue;
      lines.push({ shopId: shop.id, conversationId: conversation.id, title: `${shop.name} · ${displayText(conversation.buyer.nick)}`, body: displayText(message.text).slice(0, 80) });
    } else if (event.name === 'inbox.conversationUpdated') {
      const { conversation } = event.payload;
      const transfer = conversation.transfer;
      if (!transfer || me === undefined || transfer.toId !== me || conversation.assigneeId !== me || Date.now() - transfer.at > 10_000) continue;
      lines.push({ shopId: shop.id, conversationId: conversation.id, title: i18n.t('notify.transferredTitle', { shop: shop.name }), body: transfer.reason });
    }
  }
  if (lines.length === 0 || Date.now() - lastShown < MIN_GAP_MS) return;
  lastShown = Date.now();
  const first = lines[0]!;
  const notification =
    lines.length === 1
      ? new Notification(first.title, { body: first.body, tag: 'seller-console' })
      : new Notification(i18n.t('notify.manyTitle', { count: lines.length }), { body: lines.slice(0, 3).map((l) => l.title).join('\n'), tag: 'seller-console' });
  notification.onclick = () => {
    window.focus();
    notification.close();
  };
}
