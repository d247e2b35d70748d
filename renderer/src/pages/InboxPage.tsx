// The simple inbox of the foundation: waiting buyers of every shop in scope, most urgent first, and a read-only
// thread with the buyer's orders. Replies, routing and virtualized lists arrive with the unified inbox (issue #4).
import { Empty, Result, Segmented, Spin, Typography } from 'antd';
import { Composer } from '../components/Composer.tsx';
import { UnreadCount } from '../components/UnreadCount.tsx';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { grants, type ConversationSummary, type Shop } from '../../../shared/contract/index.ts';
import { DEFAULT_PLATFORM_RULES } from '../../../shared/domain/platforms.ts';
import { displayText } from '../../../shared/domain/untrusted-text.ts';
import { byUrgency } from '../../../shared/domain/urgency.ts';
import { formatClock, formatDuration, formatYuan } from '../format.ts';
import { useNow } from '../hooks/use-now.ts';
import { useConsole } from '../store/index.ts';
import { activeView, viewKey } from '../store/inbox-slice.ts';

// Scroll positions per shop view: UI-only state, kept outside the store so scrolling re-renders nothing.
const scrollPositions = new Map<string, number>();

/** Rows have one fixed height, so the virtual list needs no measuring. */
const ROW_HEIGHT = 84;

const ConversationRow = memo(function ConversationRow(props: Readonly<{ conversation: ConversationSummary; shop: Shop | undefined; showShop: boolean; selected: boolean; now: number; index: number; total: number; top: number }>) {
  const { t, i18n } = useTranslation();
  const openConversation = useConsole((s) => s.openConversation);
  const { conversation, shop } = props;
  const waited = conversation.waitingSince === null ? null : props.now - conversation.waitingSince;
  const warnAfterMs = (shop ? DEFAULT_PLATFORM_RULES[shop.platform].warnAfterSeconds : 100) * 1000;
  return (
    <li className="conversation-item" style={{ transform: `translateY(${props.top}px)`, height: ROW_HEIGHT }} aria-setsize={props.total} aria-posinset={props.index + 1}>
      <button type="button" className="conversation-row" aria-current={props.selected} onClick={() => void openConversation(conversation)} data-testid="conversation-row" data-shop={conversation.shopId}>
        <span className="conversation-shop-bar" style={{ background: shop?.colour ?? '#d9d9d9' }} aria-hidden />
        <span className="conversation-main">
          <span className="conversation-top">
            <span className="conversation-nick" dir="auto">{displayText(conversation.buyer.nick)}</span>
            {props.showShop && shop && <span className="shop-chip">{shop.name}</span>}
          </span>
          <span className="conversation-text" style={{ display: 'block' }} dir="auto">
            {displayText(conversation.lastMessage.text)}
          </span>
          <span className="conversation-meta">
            <span className={waited !== null && waited >= warnAfterMs ? 'wait-urgent' : undefined}>{waited === null ? formatClock(conversation.updatedAt, i18n.language) : t('inbox.waitedFor', { time: formatDuration(waited, t) })}</span>
            <UnreadCount count={conversation.unread} label={t('inbox.unread', { count: conversation.unread })} />
          </span>
        </span>
      </button>
    </li>
  );
});

function ConversationList() {
  const { t } = useTranslation();
  const conversations = useConsole((s) => s.conversations);
  const loaded = useConsole((s) => s.conversationsLoaded);
  const activeShopId = useConsole((s) => s.activeShopId);
  const selectedId = useConsole((s) => activeView(s).selectedConversationId);
  const filter = useConsole((s) => activeView(s).filter);
  const setFilter = useConsole((s) => s.setFilter);
  const shops = useConsole((s) => s.shops);
  const now = useNow(1000);
  const listRef = useRef<HTMLDivElement>(null);
  const key = viewKey(activeShopId);
  const shopById = useMemo(() => new Map(shops.map((shop) => [shop.id, shop])), [shops]);
  const inShop = useMemo(
    () => [...conversations.values()].filter((c) => (activeShopId === null ? shopById.has(c.shopId) : c.shopId === activeShopId)).sort(byUrgency),
    [conversations, activeShopId, shopById],
  );
  const waiting = inShop.filter((c) => c.status === 'waiting').length;
  const rows = filter === 'waiting' ? inShop.filter((c) => c.status === 'waiting') : inShop;
  // The React Compiler (not used here) cannot memoize TanStack Virtual; the component re-renders on scroll by design.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => listRef.current, estimateSize: () => ROW_HEIGHT, overscan: 3, getItemKey: (i) => rows[i]!.id });

  // Each shop view returns to where it was scrolled.
  useLayoutEffect(() => {
    if (listRef.current) listRef.current.scrollTop = scrollPositions.get(key) ?? 0;
  }, [key, loaded]);

  return (
    <section className="inbox-list" aria-labelledby="conversation-list-title">
      <div className="inbox-list-header">
        <h2 id="conversation-list-title">{t('inbox.conversations')}</h2>
        <Segmented<'waiting' | 'all'>
          size="small"
          value={filter}
          onChange={setFilter}
          aria-label={t('inbox.filter')}
          data-testid="inbox-filter"
          options={[
            { value: 'waiting', label: <span data-testid="waiting-count">{t('inbox.waitingCount', { count: waiting })}</span> },
            { value: 'all', label: t('inbox.allConversations', { count: inShop.length }) },
          ]}
        />
      </div>
      {!loaded ? (
        <div className="centered" role="status">
          <Spin description={t('inbox.loading')} />
        </div>
      ) : rows.length === 0 ? (
        <div className="centered">
          <Empty description={<><div>{t('inbox.empty')}</div><Typography.Text type="secondary">{t('inbox.emptyHint')}</Typography.Text></>} />
        </div>
      ) : (
        <div className="inbox-rows" ref={listRef} onScroll={(e) => scrollPositions.set(key, e.currentTarget.scrollTop)} data-testid="conversation-list">
          <ul className="inbox-rows-inner" style={{ height: virtualizer.getTotalSize() }} aria-label={t('inbox.conversations')}>
            {virtualizer.getVirtualItems().map((item) => {
              const conversation = rows[item.index]!;
              return (
                <ConversationRow
                  key={conversation.id}
                  conversation={conversation}
                  shop={shopById.get(conversation.shopId)}
                  showShop={activeShopId === null}
                  selected={conversation.id === selectedId}
                  now={now}
                  index={item.index}
                  total={rows.length}
                  top={item.start}
                />
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}

function BuyerOrders({ conversationId }: Readonly<{ conversationId: string }>) {
  const { t, i18n } = useTranslation();
  const orders = useConsole((s) => s.buyerOrders.get(conversationId));
  const now = useNow(1000);
  return (
    <aside className="thread-side" aria-labelledby="buyer-orders-title">
      <h3 id="buyer-orders-title">{t('inbox.buyerOrders')}</h3>
      {orders === undefined ? null : orders.length === 0 ? (
        <Typography.Text type="secondary">{t('inbox.noOrders')}</Typography.Text>
      ) : (
        orders.map((order) => {
          const left = order.shipBy - now;
          return (
            <div className="order-card" key={order.id} data-testid="order-card">
              <div>
                <strong>{order.title}</strong>
              </div>
              <div>
                {order.sku} · {formatYuan(order.amountFen, i18n.language)}
              </div>
              <div>
                {t('inbox.shipBy')}: {formatClock(order.shipBy, i18n.language)}{' '}
                <span className={`deadline deadline-${left < 0 ? 'late' : left < 6 * 3_600_000 ? 'soon' : 'ok'}`}>
                  {left < 0 ? t('inbox.overdue', { time: formatDuration(-left, t) }) : t('inbox.dueIn', { time: formatDuration(left, t) })}
                </span>
              </div>
            </div>
          );
        })
      )}
    </aside>
  );
}

function Thread() {
  const { t, i18n } = useTranslation();
  const selectedId = useConsole((s) => activeView(s).selectedConversationId);
  const conversation = useConsole((s) => (selectedId ? s.conversations.get(selectedId) : undefined));
  const messages = useConsole((s) => (selectedId ? s.messages.get(selectedId) : undefined));
  const shop = useConsole((s) => s.shops.find((x) => x.id === conversation?.shopId));
  const orders = useConsole((s) => (selectedId ? s.buyerOrders.get(selectedId) : undefined));
  const canReply = useConsole((s) => grants(s.session?.grants ?? [], 'inbox.reply'));
  if (!selectedId || !conversation) {
    return (
      <div className="thread centered">
        <Empty description={t('inbox.selectConversation')} />
      </div>
    );
  }
  return (
    <div className="thread">
      <section className="thread-main" aria-labelledby="thread-title">
        <div className="thread-header">
          <span className="colour-dot" style={{ background: shop?.colour }} aria-hidden />
          <h2 id="thread-title">{t('inbox.thread', { buyer: displayText(conversation.buyer.nick) })}</h2>
          {shop && <span className="shop-chip">{shop.name}</span>}
        </div>
        <ol className="thread-messages" aria-live="polite" aria-label={t('inbox.messages')} tabIndex={0} data-testid="thread-messages">
          {messages === undefined ? (
            <li className="centered" role="status">
              <Spin />
            </li>
          ) : (
            messages.map((message) => (
              <li key={message.id} className="bubble" style={{ alignSelf: message.from === 'buyer' ? 'flex-start' : 'flex-end' }}>
                <span dir="auto">{displayText(message.text)}</span>
                <div className="bubble-time">{formatClock(message.at, i18n.language)}</div>
              </li>
            ))
          )}
        </ol>
        {canReply ? <Composer key={conversation.id} conversation={conversation} orders={orders} /> : <div className="thread-footer">{t('inbox.noReplyPermission')}</div>}
      </section>
      <BuyerOrders conversationId={conversation.id} />
    </div>
  );
}

export function InboxPage() {
  const { t } = useTranslation();
  const allowed = useConsole((s) => grants(s.session?.grants ?? [], 'inbox.view'));
  if (!allowed) {
    return <Result status="403" title={t('inbox.title')} subTitle={t('inbox.noPermission')} />;
  }
  return (
    <div className="inbox">
      <ConversationList />
      <Thread />
    </div>
  );
}
