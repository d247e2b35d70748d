// The side panel: who the buyer is, the shop's private note and tags for colleagues, and the buyer's orders, each
// with the one thing that matters in its state: the ship-by countdown while it waits to ship, the tracking number
// once shipped, the receipt, the refund, the closing.
import { App, Button, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationSummary } from '../../../../shared/contract/index.ts';
import { displayText } from '../../../../shared/domain/untrusted-text.ts';
import { formatClock, formatDuration, formatYuan } from '../../format.ts';
import { useNow } from '../../hooks/use-now.ts';
import { useConsole } from '../../store/index.ts';
import { ChatTasks } from './ChatTasks.tsx';

function NoteEditor({ conversation, canEdit }: Readonly<{ conversation: ConversationSummary; canEdit: boolean }>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const setNote = useConsole((s) => s.setNote);
  const [note, setNoteText] = useState(conversation.note);
  const [tags, setTags] = useState<string[]>(conversation.tags);
  const [busy, setBusy] = useState(false);
  const dirty = note !== conversation.note || tags.join('\u0000') !== conversation.tags.join('\u0000');
  const save = async () => {
    setBusy(true);
    const failure = await setNote(conversation, note, tags);
    setBusy(false);
    if (failure) void message.error(t(`errors.${failure.code}`));
    else void message.success(t('settings.saved'));
  };
  return (
    <section aria-labelledby="note-title" className="side-section">
      <h3 id="note-title">{t('side.note')}</h3>
      <Select
        mode="tags"
        size="small"
        value={tags}
        onChange={(v: string[]) =>
          setTags(
            v
              .map((x) => x.trim())
              .filter((x) => x !== '' && x.length <= 20)
              .slice(0, 10),
          )
        }
        aria-label={t('side.tags')}
        placeholder={t('side.tags')}
        disabled={!canEdit}
        style={{ width: '100%', marginBottom: 6 }}
      />
      <Input.TextArea
        value={note}
        onChange={(e) => setNoteText(e.target.value)}
        maxLength={500}
        autoSize={{ minRows: 2, maxRows: 5 }}
        aria-label={t('side.note')}
        placeholder={t('side.notePlaceholder')}
        disabled={!canEdit}
      />
      {canEdit && (
        <Button size="small" style={{ marginTop: 6 }} disabled={!dirty} loading={busy} onClick={() => void save()}>
          {t('common.save')}
        </Button>
      )}
    </section>
  );
}

export function SidePanel({
  conversation,
  canEdit,
}: Readonly<{ conversation: ConversationSummary; canEdit: boolean }>) {
  const { t, i18n } = useTranslation();
  const orders = useConsole((s) => s.buyerOrders.get(conversation.id));
  const now = useNow(1000);
  return (
    <aside className="thread-side" aria-label={t('side.label')}>
      <section className="side-section">
        <h3>{t('side.buyer')}</h3>
        <div dir="auto">{displayText(conversation.buyer.nick)}</div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(`groups.${conversation.group}`, { defaultValue: conversation.group })}
        </Typography.Text>
      </section>
      <NoteEditor key={conversation.id} conversation={conversation} canEdit={canEdit} />
      <section className="side-section" aria-labelledby="buyer-orders-title">
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
                {order.lines.length > 1 && (
                  <div className="order-lines" data-testid="order-lines">
                    {order.lines
                      .filter(
                        (_, i) =>
                          i !==
                          Math.max(
                            0,
                            order.lines.findIndex((l) => !l.gift),
                          ),
                      )
                      .map((line) => `${line.gift ? t('inbox.gift') : ''}${line.title} × ${line.quantity}`)
                      .join('；')}
                  </div>
                )}
                <div>
                  {order.sku} · {formatYuan(order.amountFen, i18n.language)}
                </div>
                <div data-testid="order-state" data-status={order.status}>
                  <span className={`order-status order-status-${order.status}`}>
                    {t(`orderStatus.${order.status}`)}
                  </span>{' '}
                  {order.status === 'awaiting_shipment' ? (
                    <>
                      {t('inbox.shipBy')}: {formatClock(order.shipBy, i18n.language)}{' '}
                      <span className={`deadline deadline-${left < 0 ? 'late' : left < 6 * 3_600_000 ? 'soon' : 'ok'}`}>
                        {left < 0
                          ? t('inbox.overdue', { time: formatDuration(-left, t) })
                          : t('inbox.shipDueIn', { time: formatDuration(left, t) })}
                      </span>
                    </>
                  ) : (
                    <span className="muted">
                      {formatClock(order.statusAt, i18n.language)}
                      {order.trackingNumber && (order.status === 'shipped' || order.status === 'received')
                        ? ` · ${t('inbox.tracking')} ${order.trackingNumber}`
                        : ''}
                    </span>
                  )}
                </div>
              </div>
            );
          })
        )}
      </section>
      <ChatTasks conversation={conversation} orders={orders} canEdit={canEdit} />
    </aside>
  );
}
