// The simple inbox of the foundation: waiting buyers of every shop in scope, most urgent first, and a read-only
// thread with the buyer's orders. Replies, routing and virtualized lists arrive with the unified inbox (issue #4).
import { Badge, Empty, Result, Spin, Tag, Typography } from 'antd';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { grants, type ConversationSummary, type Shop } from '../../../shared/contract/index.ts';
import { DEFAULT_PLATFORM_RULES } from '../../../shared/domain/platforms.ts';
import { byUrgency } from '../../../shared/domain/urgency.ts';
import { formatClock, formatDuration, formatYuan } from '../format.ts';
import { useNow } from '../hooks/use-now.ts';
import { useConsole } from '../store/index.ts';

const ROWS_SHOWN = 200;

const ConversationRow = memo(function ConversationRow(props: Readonly<{ conversation: ConversationSummary; shop: Shop | undefined; showShop: boolean; selected: boolean; now: number }>) {
  const { t, i18n } = useTranslation();
  const openConversation = useConsole((s) => s.openConversation);
  const { conversation, shop } = props;
  const waited = conversation.waitingSince === null ? null : props.now - conversation.waitingSince;
  const warnAfterMs = (shop ? DEFAULT_PLATFORM_RULES[shop.platform].warnAfterSeconds : 100) * 1000;
  return (
    <li>
      <button type="button" className="conversation-row" aria-current={props.selected} onClick={() => void openConversation(conversation)} data-testid="conversation-row" data-shop={conversation.shopId}>
        <span className="conversation-shop-bar" style={{ background: shop?.colour ?? '#d9d9d9' }} aria-hidden />
        <span className="conversation-main">
          <span className="conversation-top">
            <span className="conversation-nick">{conversation.buyer.nick}</span>
            {props.showShop && shop && <Tag style={{ marginInlineEnd: 0 }}>{shop.name}</Tag>}
          </span>
          <span className="conversation-text" style={{ display: 'block' }}>
            {conversation.lastMessage.text}
          </span>
          <span className="conversation-meta">
            <span className={waited !== null && waited >= warnAfterMs ? 'wait-urgent' : undefined}>{waited === null ? formatClock(conversation.updatedAt, i18n.language) : t('inbox.waitedFor', { time: formatDuration(waited, t) })}</span>
            {conversation.unread > 0 && <Badge count={conversation.unread} size="small" aria-label={t('inbox.unread', { count: conversation.unread })} />}
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
  const selectedId = useConsole((s) => s.selectedConversationId);
  const shops = useConsole((s) => s.shops);
  const now = useNow(1000);
  const shopById = useMemo(() => new Map(shops.map((shop) => [shop.id, shop])), [shops]);
  const rows = useMemo(
    () => [...conversations.values()].filter((c) => (activeShopId === null ? shopById.has(c.shopId) : c.shopId === activeShopId)).sort(byUrgency),
    [conversations, activeShopId, shopById],
  );
  const waiting = rows.filter((c) => c.status === 'waiting').length;

  return (
    <section className="inbox-list" aria-labelledby="conversation-list-title">
      <div className="inbox-list-header">
        <h2 id="conversation-list-title">{t('inbox.conversations')}</h2>
        <Typography.Text type="secondary" data-testid="waiting-count">
          {t('inbox.waitingCount', { count: waiting })}
        </Typography.Text>
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
        <ul className="inbox-rows" aria-label={t('inbox.conversations')}>
          {rows.slice(0, ROWS_SHOWN).map((conversation) => (
            <ConversationRow key={conversation.id} conversation={conversation} shop={shopById.get(conversation.shopId)} showShop={activeShopId === null} selected={conversation.id === selectedId} now={now} />
          ))}
        </ul>
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
                <Tag color={left < 0 ? 'red' : left < 6 * 3_600_000 ? 'orange' : 'default'}>
                  {left < 0 ? t('inbox.overdue', { time: formatDuration(-left, t) }) : t('inbox.dueIn', { time: formatDuration(left, t) })}
                </Tag>
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
  const selectedId = useConsole((s) => s.selectedConversationId);
  const conversation = useConsole((s) => (s.selectedConversationId ? s.conversations.get(s.selectedConversationId) : undefined));
  const messages = useConsole((s) => (s.selectedConversationId ? s.messages.get(s.selectedConversationId) : undefined));
  const shop = useConsole((s) => s.shops.find((x) => x.id === conversation?.shopId));
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
          <h2 id="thread-title">{t('inbox.thread', { buyer: conversation.buyer.nick })}</h2>
          {shop && <Tag>{shop.name}</Tag>}
        </div>
        <ol className="thread-messages" aria-live="polite" data-testid="thread-messages">
          {messages === undefined ? (
            <li className="centered" role="status">
              <Spin />
            </li>
          ) : (
            messages.map((message) => (
              <li key={message.id} className="bubble" style={{ alignSelf: message.from === 'buyer' ? 'flex-start' : 'flex-end' }}>
                {message.text}
                <div className="bubble-time">{formatClock(message.at, i18n.language)}</div>
              </li>
            ))
          )}
        </ol>
        <div className="thread-footer">{t('inbox.replyComingSoon')}</div>
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
