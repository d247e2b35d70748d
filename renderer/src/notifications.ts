// Desktop notifications for new chats and messages (the browser's Notification API; inside Electron it shows a
// native notification). Only for chats that concern this person (theirs or waiting for anyone), never for the
// chat already on screen, not for muted shops, not in the do-not-disturb window; a burst becomes one notification.
import type { AnyEvent } from '../../shared/contract/index.ts';
import { isQuietTime } from '../../shared/domain/notification-rules.ts';
import { displayText } from '../../shared/domain/untrusted-text.ts';
import { i18n } from './i18n/index.ts';
import type { ConsoleState } from './store/index.ts';
import { activeView } from './store/inbox-slice.ts';

/** At most one notification per this interval; what arrives meanwhile shows in the unread counts, not in a notification. */
const MIN_GAP_MS = 4000;
let lastShown = 0;

export function notificationsSupported(): boolean {
  return typeof Notification !== 'undefined';
}

/** Reading Notification.permission asks the browser process: it is read at most once a second. */
let permission: { granted: boolean; readAt: number } = { granted: false, readAt: Number.NEGATIVE_INFINITY };
function permitted(): boolean {
  if (Date.now() - permission.readAt > 1000)
    permission = { granted: Notification.permission === 'granted', readAt: Date.now() };
  return permission.granted;
}

type Line = Readonly<{ title: () => string; body: () => string }>;

/** Runs on every batch of events (every frame under load): cheap checks first, text is formatted only when shown. */
export function notifyArrivals(events: readonly AnyEvent[], state: ConsoleState): void {
  const prefs = state.settings?.notifications;
  if (!prefs?.enabled || !notificationsSupported() || Date.now() - lastShown < MIN_GAP_MS || !permitted()) return;
  const now = new Date();
  if (isQuietTime(prefs.doNotDisturb, now.getHours() * 60 + now.getMinutes())) return;
  const me = state.session?.userId;
  const onScreen = document.hasFocus() ? activeView(state).selectedConversationId : null;
  const lines: Line[] = [];
  for (const event of events) {
    if (event.name !== 'inbox.messageReceived' && event.name !== 'inbox.conversationUpdated') continue;
    if (prefs.mutedShopIds.includes(event.payload.shopId)) continue;
    const shop = state.shops.find((s) => s.id === event.payload.shopId);
    if (!shop) continue;
    if (event.name === 'inbox.messageReceived') {
      const { conversation, message } = event.payload;
      if (conversation.id === onScreen) continue;
      if (conversation.assigneeId !== null && conversation.assigneeId !== me) continue;
      lines.push({
        title: () => `${shop.name} · ${displayText(conversation.buyer.nick)}`,
        body: () => displayText(message.text).slice(0, 80),
      });
    } else {
      const { conversation } = event.payload;
      const transfer = conversation.transfer;
      if (
        !transfer ||
        me === undefined ||
        transfer.toId !== me ||
        conversation.assigneeId !== me ||
        Date.now() - transfer.at > 10_000
      )
        continue;
      lines.push({ title: () => i18n.t('notify.transferredTitle', { shop: shop.name }), body: () => transfer.reason });
    }
  }
  if (lines.length === 0) return;
  lastShown = Date.now();
  const first = lines[0]!;
  const notification =
    lines.length === 1
      ? new Notification(first.title(), { body: first.body(), tag: 'seller-console' })
      : new Notification(i18n.t('notify.manyTitle', { count: lines.length }), {
          body: lines
            .slice(0, 3)
            .map((l) => l.title())
            .join('\n'),
          tag: 'seller-console',
        });
  notification.onclick = () => {
    window.focus();
    notification.close();
  };
}

/** On the lock screen: more buyers wait for this person than a moment ago (a count only, never who or what). */
export function notifyWaitingWhileLocked(mine: number, state: ConsoleState): void {
  const prefs = state.settings?.notifications;
  if (!prefs?.enabled || !notificationsSupported() || !permitted()) return;
  const now = new Date();
  if (isQuietTime(prefs.doNotDisturb, now.getHours() * 60 + now.getMinutes())) return;
  lastShown = Date.now();
  const notification = new Notification(i18n.t('lock.notifyTitle', { count: mine }), {
    body: i18n.t('lock.notifyBody'),
    tag: 'seller-console-locked',
  });
  notification.onclick = () => {
    window.focus();
    notification.close();
  };
}
