// The reply box: `/` opens the quick phrases (the shop's, then the person's; variables filled from the buyer and
// their orders), Ctrl+Enter sends, a draft is kept per conversation, a reply the language guard refuses is
// highlighted with a polite alternative, and a buyer waiting past the shop's warning time (100 s) is flagged.
// Emoji are inserted where the cursor is; one of the buyer's orders can go with the reply as a card; a picture can
// be pasted, dropped or picked (shown before it goes; a large photo is scaled down to fit the platform's limit).
import { CloseOutlined, FileTextOutlined, PictureOutlined, ShoppingOutlined, SmileOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Popover, Select, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData, ConversationSummary, Order } from '../../../shared/contract/index.ts';
import { fillPhrase, matchQuickPhrases, type BannedMatch } from '../../../shared/domain/reply-rules.ts';
import { displayText } from '../../../shared/domain/untrusted-text.ts';
import { useProductCards } from '../features/inventory/queries.ts';
import { formatClock, formatDuration, formatYuan } from '../format.ts';
import { useNow } from '../hooks/use-now.ts';
import { useConsole } from '../store/index.ts';
import {
  firstImage,
  ImageAttachmentError,
  prepareImage,
  type ImageProblem,
  type PreparedImage,
} from './inbox/image-attachment.ts';

// Drafts live as long as the window: switching conversations or shops keeps what was typed.
const drafts = new Map<string, string>();
const draftListeners = new Set<(conversationId: string, text: string) => void>();

/** Puts a text into a conversation's reply box (a reply drafted from a task); the agent reviews and sends it. */
export function fillDraft(conversationId: string, text: string): void {
  drafts.set(conversationId, text);
  for (const listener of draftListeners) listener(conversationId, text);
}

/** The emoji a seller's replies use most (thanks, apologies, parcels, gifts). */
const EMOJI = [
  '😊',
  '😄',
  '🙏',
  '👍',
  '❤️',
  '🌹',
  '🎁',
  '📦',
  '🚚',
  '✅',
  '⏰',
  '💰',
  '🎉',
  '😅',
  '😢',
  '🤝',
  '👌',
  '🙂',
  '😘',
  '💪',
  '⭐',
  '🔥',
  '💯',
  '🙇',
];

/** The banned phrase as typed, spaces and all, so it can be highlighted and replaced. */
function bannedPattern(phrase: string): RegExp {
  return new RegExp([...phrase].map((ch) => ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*'), 'iu');
}

/** Mount with `key={conversation.id}`: each conversation starts from its own draft. */
export function Composer({
  conversation,
  orders,
}: Readonly<{ conversation: ConversationSummary; orders: readonly Order[] | undefined }>) {
  const { t, i18n } = useTranslation();
  const reply = useConsole((s) => s.reply);
  const shop = useConsole((s) => s.shops.find((x) => x.id === conversation.shopId));
  const now = useNow(1000);
  const [text, setText] = useState(() => drafts.get(conversation.id) ?? '');
  const [refusal, setRefusal] = useState<AppErrorData | null>(null);
  const [sending, setSending] = useState(false);
  const [cardOrderId, setCardOrderId] = useState<string | null>(null);
  const [productCode, setProductCode] = useState<string | null>(null);
  const [emojiOpen, setEmojiOpen] = useState(false);
  const [image, setImage] = useState<PreparedImage | null>(null);
  const [imageProblem, setImageProblem] = useState<ImageProblem | null>(null);
  const [preparing, setPreparing] = useState(false);
  const filePicker = useRef<HTMLInputElement>(null);
  useEffect(() => () => void (image && URL.revokeObjectURL(image.previewUrl)), [image]);
  useEffect(() => {
    const listener = (id: string, value: string) => {
      if (id === conversation.id) setText(value);
    };
    draftListeners.add(listener);
    return () => void draftListeners.delete(listener);
  }, [conversation.id]);
  const box = useRef<{ resizableTextArea?: { textArea: HTMLTextAreaElement } } | null>(null);
  // The emoji and card tools mount after the thread has painted: opening a chat shows its messages first.
  const [toolsReady, setToolsReady] = useState(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => setToolsReady(true));
    return () => cancelAnimationFrame(frame);
  }, []);

  const update = (value: string) => {
    setText(value);
    drafts.set(conversation.id, value);
    setRefusal(null);
  };

  const firstOrder = orders?.[0];
  const variables = {
    买家: displayText(conversation.buyer.nick),
    ...(firstOrder ? { 订单号: firstOrder.id, 发货时间: formatClock(firstOrder.shipBy, i18n.language) } : {}),
  };
  const myPhrases = useConsole((s) => s.myPhrases);
  const suggestions = text.startsWith('/')
    ? matchQuickPhrases(text, [...(shop?.inbox.quickPhrases ?? []), ...myPhrases])
    : [];
  const waited = conversation.waitingSince === null ? null : now - conversation.waitingSince;
  const slow = waited !== null && waited >= (shop?.inbox.warnAfterSeconds ?? 100) * 1000;
  const banned = refusal?.code === 'banned_phrase' ? (refusal.details as BannedMatch) : null;

  const card = cardOrderId === null ? undefined : orders?.find((o) => o.id === cardOrderId);
  const products = useProductCards(conversation.shopId, toolsReady);
  const product = productCode === null ? undefined : products.data?.find((p) => p.code === productCode);
  const canSend = (text.trim() !== '' || card !== undefined || product !== undefined || image !== null) && !preparing;
  const send = async () => {
    if (!canSend || sending) return;
    setSending(true);
    const failure = await reply(
      conversation,
      text,
      image
        ? { image: { data: image.data } }
        : card
          ? { card: { kind: 'order', orderId: card.id } }
          : product
            ? { card: { kind: 'product', sku: product.code } }
            : undefined,
    );
    setSending(false);
    if (failure) return setRefusal(failure);
    update('');
    setCardOrderId(null);
    setProductCode(null);
    setImage(null);
  };
  /** One attachment per reply: choosing one replaces the other. */
  const chooseOrder = (id: string | null) => {
    setCardOrderId(id);
    if (id !== null) setProductCode(null);
  };
  const chooseProduct = (code: string | null) => {
    setProductCode(code);
    if (code !== null) setCardOrderId(null);
  };
  /** A pasted, dropped or picked picture: checked, scaled down if it is a large photo, shown before it is sent. */
  const attach = async (file: File | null) => {
    if (!file) return;
    setImageProblem(null);
    setPreparing(true);
    try {
      setImage(await prepareImage(file));
      setCardOrderId(null);
      setProductCode(null);
    } catch (error) {
      setImageProblem(error instanceof ImageAttachmentError ? error.problem : 'unreadable');
    } finally {
      setPreparing(false);
    }
  };
  const insertEmoji = (emoji: string) => {
    const area = box.current?.resizableTextArea?.textArea;
    const at = area?.selectionStart ?? text.length;
    const end = area?.selectionEnd ?? at;
    update(`${text.slice(0, at)}${emoji}${text.slice(end)}`);
    setEmojiOpen(false);
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(at + emoji.length, at + emoji.length);
    });
  };

  return (
    <div
      className="composer"
      data-testid="composer"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) e.preventDefault();
      }}
      onDrop={(e) => {
        const file = firstImage(e.dataTransfer.files);
        if (!file) return;
        e.preventDefault();
        void attach(file);
      }}
    >
      {slow && (
        <Alert
          type="warning"
          showIcon
          banner
          role="status"
          data-testid="slow-warning"
          title={t('composer.slow', { time: formatDuration(waited!, t) })}
          style={{ marginBottom: 8 }}
        />
      )}
      {suggestions.length > 0 && (
        <ul className="quick-phrases" aria-label={t('composer.quickPhrases')}>
          {suggestions.map((phrase) => (
            <li key={`${phrase.group}/${phrase.code}`}>
              <button type="button" className="quick-phrase" onClick={() => update(fillPhrase(phrase.text, variables))}>
                <span className="quick-phrase-code">/{phrase.code}</span>{' '}
                <span className="quick-phrase-group">{phrase.group}</span> {fillPhrase(phrase.text, variables)}
              </button>
            </li>
          ))}
        </ul>
      )}
      {banned && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('composer.banned', { phrase: banned.phrase })}
          description={t('composer.suggestion', { suggestion: banned.suggestion })}
          action={
            <Button size="small" onClick={() => update(text.replace(bannedPattern(banned.phrase), banned.suggestion))}>
              {t('composer.useSuggestion')}
            </Button>
          }
          style={{ marginBottom: 8 }}
        />
      )}
      {imageProblem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="image-problem"
          title={t(`composer.imageProblem.${imageProblem}`)}
          closable={{ onClose: () => setImageProblem(null), 'aria-label': t('common.close') }}
          style={{ marginBottom: 8 }}
        />
      )}
      {refusal && !banned && (
        <Alert type="error" showIcon role="alert" title={t(`errors.${refusal.code}`)} style={{ marginBottom: 8 }} />
      )}
      <div className="composer-tools">
        {toolsReady && (
          <>
            <Popover
              open={emojiOpen}
              onOpenChange={setEmojiOpen}
              trigger="click"
              content={
                <div className="emoji-grid" role="group" aria-label={t('composer.emoji')}>
                  {EMOJI.map((emoji) => (
                    <button
                      key={emoji}
                      type="button"
                      className="emoji-button"
                      onClick={() => insertEmoji(emoji)}
                      aria-label={emoji}
                      data-testid="emoji"
                    >
                      {emoji}
                    </button>
                  ))}
                </div>
              }
            >
              <Button
                size="small"
                type="text"
                icon={<SmileOutlined aria-hidden />}
                aria-label={t('composer.emoji')}
                data-testid="emoji-open"
              />
            </Popover>
            <Button
              size="small"
              type="text"
              icon={<PictureOutlined aria-hidden />}
              aria-label={t('composer.image')}
              title={t('composer.imageHint')}
              loading={preparing}
              onClick={() => filePicker.current?.click()}
              data-testid="image-open"
            />
            <input
              ref={filePicker}
              type="file"
              accept="image/png,image/jpeg,image/gif,image/webp"
              hidden
              data-testid="image-file"
              onChange={(e) => {
                void attach(firstImage(e.currentTarget.files));
                e.currentTarget.value = '';
              }}
            />
            {orders && orders.length > 0 && (
              <Select
                size="small"
                allowClear
                value={cardOrderId ?? undefined}
                onChange={(value?: string) => chooseOrder(value ?? null)}
                disabled={image !== null}
                placeholder={
                  <span>
                    <FileTextOutlined aria-hidden /> {t('composer.orderCard')}
                  </span>
                }
                aria-label={t('composer.orderCard')}
                data-testid="order-card-select"
                style={{ minWidth: 160 }}
                options={orders.map((o) => ({ value: o.id, label: `${o.title} · ${t(`orderStatus.${o.status}`)}` }))}
              />
            )}
            {products.data && products.data.length > 0 && (
              <Select
                size="small"
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                value={productCode ?? undefined}
                onChange={(value?: string) => chooseProduct(value ?? null)}
                disabled={image !== null}
                placeholder={
                  <span>
                    <ShoppingOutlined aria-hidden /> {t('composer.productCard')}
                  </span>
                }
                aria-label={t('composer.productCard')}
                data-testid="product-card-select"
                style={{ minWidth: 160 }}
                popupMatchSelectWidth={false}
                options={products.data.map((p) => ({
                  value: p.code,
                  label: `${p.title} · ${formatYuan(p.priceFen, i18n.language)} · ${p.code}`,
                }))}
              />
            )}
            {card && (
              <Tag closable onClose={() => setCardOrderId(null)} data-testid="order-card-attached">
                <FileTextOutlined aria-hidden /> {card.title} · {card.id}
              </Tag>
            )}
            {product && (
              <Tag closable onClose={() => setProductCode(null)} data-testid="product-card-attached">
                <ShoppingOutlined aria-hidden /> {product.title} · {formatYuan(product.priceFen, i18n.language)}
              </Tag>
            )}
          </>
        )}
      </div>
      {image && (
        <div className="composer-image" data-testid="image-attached">
          <img src={image.previewUrl} alt={t('composer.imagePreview')} />
          <span className="composer-image-size">
            {t(image.scaled ? 'composer.imageScaled' : 'composer.imageSize', { size: Math.ceil(image.bytes / 1024) })}
          </span>
          <Button
            size="small"
            type="text"
            icon={<CloseOutlined aria-hidden />}
            aria-label={t('composer.imageRemove')}
            onClick={() => setImage(null)}
            data-testid="image-remove"
          />
        </div>
      )}
      <div className="composer-row">
        <Input.TextArea
          ref={box as never}
          aria-label={t('composer.label')}
          placeholder={t('composer.placeholder')}
          value={text}
          status={banned ? 'error' : undefined}
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={2000}
          onChange={(e) => update(e.target.value)}
          onPaste={(e) => {
            const file = firstImage(e.clipboardData.files);
            if (!file) return;
            e.preventDefault();
            void attach(file);
          }}
          onKeyDown={(e) => {
            if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
              e.preventDefault();
              void send();
            }
          }}
        />
        <Button type="primary" onClick={() => void send()} loading={sending} disabled={!canSend} data-testid="send">
          {t('composer.send')}
        </Button>
      </div>
    </div>
  );
}
