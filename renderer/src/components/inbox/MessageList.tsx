// The thread: virtualized (a chat may hold thousands of messages), older history fetched a page at a time, and
// pinned to the newest message while the reader is at the bottom. Every message body is untrusted text.
import {
  ClockCircleOutlined,
  FileTextOutlined,
  PictureOutlined,
  RobotOutlined,
  ShoppingOutlined,
} from '@ant-design/icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Button, Image, Spin } from 'antd';
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  WAITING_FOR_PLATFORM,
  type AgentInfo,
  type ConversationSummary,
  type Message,
  type Order,
} from '../../../../shared/contract/index.ts';
import { MEDIA_REF } from '../../../../shared/domain/image-file.ts';
import { api } from '../../api.ts';
import { useProductCards } from '../../features/inventory/queries.ts';
import { displayText } from '../../../../shared/domain/untrusted-text.ts';
import { formatClock, formatYuan } from '../../format.ts';
import { useConsole } from '../../store/index.ts';

/** A system note's facts, as the core recorded them (JSON it wrote itself; anything unexpected shows nothing). */
function systemEvent(message: Message): {
  event?: string;
  fromId?: string | null;
  toId?: string | null;
  group?: string | null;
} {
  try {
    const parsed: unknown = JSON.parse(message.ref ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

/** Pictures fetched from the core, as object URLs: kept for the window's life, the oldest dropped past the cap. */
const pictures = new Map<string, string>();
const MAX_PICTURES = 100;

async function pictureUrl(message: Message): Promise<string | null> {
  const key = `${message.shopId}/${message.ref}`;
  const known = pictures.get(key);
  if (known) return known;
  const result = await api().invoke('inbox.media', {
    shopId: message.shopId,
    conversationId: message.conversationId,
    ref: message.ref!,
  });
  if (!result.ok) return null;
  const bytes = Uint8Array.from(atob(result.value.data), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: result.value.mime }));
  pictures.set(key, url);
  if (pictures.size > MAX_PICTURES) {
    const [oldest, oldUrl] = pictures.entries().next().value!;
    pictures.delete(oldest);
    URL.revokeObjectURL(oldUrl);
  }
  return url;
}

/** A picture an agent sent from this console (stored here); the platform's own picture URLs are never fetched. */
function StoredPicture({ message }: Readonly<{ message: Message }>) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null | undefined>(() => pictures.get(`${message.shopId}/${message.ref}`));
  useEffect(() => {
    if (url !== undefined) return;
    let live = true;
    void pictureUrl(message).then((found) => live && setUrl(found));
    return () => {
      live = false;
    };
  }, [message, url]);
  if (url === undefined)
    return (
      <div className="attachment picture-loading" role="status">
        <Spin size="small" /> {t('thread.imageLoading')}
      </div>
    );
  if (url === null)
    return (
      <div className="attachment" data-testid="image-missing">
        <PictureOutlined aria-hidden /> {t('thread.imageMissing')}
      </div>
    );
  return (
    <div className="picture-block">
      <Image
        src={url}
        alt={t('thread.sentImage')}
        width={180}
        className="sent-picture"
        data-testid="sent-picture"
        preview={{ mask: false }}
      />
    </div>
  );
}

/** Where a reply stands with the platform: nothing once sent; on its way; or refused, with a button to send again. */
function DeliveryMark({ message }: Readonly<{ message: Message }>) {
  const { t } = useTranslation();
  const resend = useConsole((s) => s.resend);
  const conversation = useConsole((s) => s.conversations.get(message.conversationId));
  const [busy, setBusy] = useState(false);
  const delivery = message.delivery;
  if (!delivery || delivery.state === 'sent') return null;
  if (delivery.state === 'sending')
    return (
      <div className="delivery delivery-sending" data-testid="delivery-sending" role="status">
        <ClockCircleOutlined aria-hidden />{' '}
        {delivery.note === WAITING_FOR_PLATFORM ? t('thread.waitingForPlatform') : t('thread.sending')}
      </div>
    );
  return (
    <div className="delivery delivery-failed" data-testid="delivery-failed" role="alert">
      {t('thread.failed', { reason: displayText(delivery.note ?? '') })}{' '}
      {conversation && (
        <Button
          size="small"
          type="link"
          loading={busy}
          onClick={async () => {
            setBusy(true);
            await resend(conversation, message.id);
            setBusy(false);
          }}
          data-testid="resend"
        >
          {t('thread.resend')}
        </Button>
      )}
    </div>
  );
}

/** A product card: the product as the shop's catalogue has it (its code alone once it is no longer offered). */
function ProductCardMessage({ message }: Readonly<{ message: Message }>) {
  const { t, i18n } = useTranslation();
  const cards = useProductCards(message.shopId, true);
  const product = cards.data?.find((p) => p.code === message.ref);
  return (
    <div className="attachment" data-testid="product-card-message">
      <ShoppingOutlined aria-hidden />{' '}
      {product
        ? `${product.title} · ${formatYuan(product.priceFen, i18n.language)} · ${product.code}`
        : t('thread.product', { sku: message.ref ?? '' })}
    </div>
  );
}

const MessageItem = memo(function MessageItem({
  message,
  orders,
  agents,
}: Readonly<{ message: Message; orders: readonly Order[] | undefined; agents: readonly AgentInfo[] }>) {
  const { t, i18n } = useTranslation();
  const name = (id: string | null | undefined) =>
    id ? (agents.find((a) => a.id === id)?.displayName ?? t('inbox.colleague')) : t('inbox.unassigned');
  if (message.kind === 'system') {
    const facts = systemEvent(message);
    const text =
      facts.event === 'transfer'
        ? t('thread.transferNote', {
            from: name(facts.fromId),
            to: facts.toId
              ? name(facts.toId)
              : t(`groups.${facts.group ?? 'presale'}`, { defaultValue: facts.group ?? '' }),
            reason: displayText(message.text),
          })
        : facts.event === 'takeOver'
          ? t('thread.takeOverNote', { to: name(facts.toId), from: name(facts.fromId) })
          : displayText(message.text);
    return (
      <div className="system-note" data-testid="system-note">
        {text} · {formatClock(message.at, i18n.language)}
      </div>
    );
  }
  const order = message.kind === 'order' ? orders?.find((o) => o.id === message.ref) : undefined;
  return (
    <div
      className={`bubble bubble-${message.from}${message.from === 'agent' && message.authorId === null ? ' bubble-by-bot' : ''}`}
      data-testid="bubble"
      data-from={message.from}
    >
      {message.kind === 'image' && message.ref !== null && MEDIA_REF.test(message.ref) && (
        <StoredPicture message={message} />
      )}
      {message.kind === 'image' && !(message.ref !== null && MEDIA_REF.test(message.ref)) && (
        <div className="attachment" data-testid="image-placeholder">
          <PictureOutlined aria-hidden /> {t('thread.image')}
          <div className="attachment-ref" dir="ltr">
            {displayText(message.ref ?? '')}
          </div>
        </div>
      )}
      {message.kind === 'order' && (
        <div className="attachment" data-testid="order-card-message">
          <FileTextOutlined aria-hidden />{' '}
          {order
            ? `${order.title} · ${formatYuan(order.amountFen, i18n.language)}`
            : t('thread.order', { id: message.ref ?? '' })}
        </div>
      )}
      {message.kind === 'product' && <ProductCardMessage message={message} />}
      {message.text !== '' && <span dir="auto">{displayText(message.text)}</span>}
      <div className="bubble-time">
        {message.from === 'agent' && message.authorId !== null && (
          <span className="bubble-author" data-testid="bubble-author">
            {name(message.authorId)} ·{' '}
          </span>
        )}
        {message.from === 'agent' && message.authorId === null && (
          <span className="bubble-author bubble-bot" data-testid="bubble-bot" title={t('thread.botHelp')}>
            <RobotOutlined aria-hidden /> {t('thread.bot')} ·{' '}
          </span>
        )}
        {formatClock(message.at, i18n.language)}
      </div>
      {message.from === 'agent' && <DeliveryMark message={message} />}
    </div>
  );
});

/** Estimated row height; rows are measured as they render. */
const ESTIMATE = 64;

export function MessageList({ conversation }: Readonly<{ conversation: ConversationSummary }>) {
  const thread = useConsole((s) => s.threads.get(conversation.id));
  if (thread === undefined) {
    return (
      <div className="thread-messages centered" role="status">
        <Spin />
      </div>
    );
  }
  return (
    <ThreadRows
      conversation={conversation}
      messages={thread.messages}
      more={thread.more}
      loadingOlder={thread.loadingOlder}
    />
  );
}

/** Mounted once the first page is here, so the first paint already shows the newest messages at the bottom. */
function ThreadRows({
  conversation,
  messages,
  more,
  loadingOlder,
}: Readonly<{
  conversation: ConversationSummary;
  messages: readonly Message[];
  more: boolean;
  loadingOlder: boolean;
}>) {
  const { t } = useTranslation();
  const orders = useConsole((s) => s.buyerOrders.get(conversation.id));
  const agents = useConsole((s) => s.agents);
  const loadOlder = useConsole((s) => s.loadOlder);
  const scrollRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const firstId = useRef<string | null>(messages[0]?.id ?? null);
  const lastId = useRef<string | null>(messages.at(-1)?.id ?? null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual re-renders on scroll by design.
  const virtualizer = useVirtualizer({
    count: messages.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATE,
    overscan: 6,
    getItemKey: (i) => messages[i]!.id,
    initialOffset: messages.length * ESTIMATE,
  });

  // New messages keep the reader at the bottom if they were there; an older page keeps their place.
  useLayoutEffect(() => {
    if (messages.length === 0) return;
    const oldFirst = firstId.current;
    const oldLast = lastId.current;
    firstId.current = messages[0]!.id;
    lastId.current = messages.at(-1)!.id;
    if (oldFirst !== null && oldFirst !== messages[0]!.id) {
      const index = messages.findIndex((m) => m.id === oldFirst);
      if (index > 0) virtualizer.scrollToIndex(index, { align: 'start' });
      return;
    }
    if (oldLast !== messages.at(-1)!.id && atBottom.current)
      virtualizer.scrollToIndex(messages.length - 1, { align: 'end' });
  }, [messages, virtualizer]);

  return (
    <div
      className="thread-messages"
      ref={scrollRef}
      tabIndex={0}
      aria-label={t('inbox.messages')}
      data-testid="thread-messages"
      onScroll={(e) => {
        const el = e.currentTarget;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
    >
      {more && (
        <div className="load-older">
          <Button
            size="small"
            loading={loadingOlder}
            onClick={() => void loadOlder(conversation)}
            data-testid="load-older"
          >
            {t('thread.loadOlder')}
          </Button>
        </div>
      )}
      <ol className="thread-rows" style={{ height: virtualizer.getTotalSize() }} aria-live="polite">
        {virtualizer.getVirtualItems().map((item) => {
          const message = messages[item.index]!;
          return (
            <li
              key={item.key}
              className={`thread-row thread-row-${message.from}`}
              data-index={item.index}
              ref={virtualizer.measureElement}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <MessageItem message={message} orders={orders} agents={agents} />
            </li>
          );
        })}
      </ol>
    </div>
  );
}
