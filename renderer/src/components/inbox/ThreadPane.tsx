// The open conversation: a header with who holds it, its countdown and the actions (take, transfer, take over,
// snooze, close), the transfer note for whoever received it, the messages, and the reply box — or, when a
// colleague holds the chat, who does and how to take it over.
import { Alert, App, Button, Empty, Space, Tag, Tooltip } from 'antd';
import { useDeferredValue } from 'react';
import { useTranslation } from 'react-i18next';
import { grants, type AppErrorData, type ConversationSummary, type Order } from '../../../../shared/contract/index.ts';
import { displayText } from '../../../../shared/domain/untrusted-text.ts';
import { useNow } from '../../hooks/use-now.ts';
import { useConsole } from '../../store/index.ts';
import { activeView } from '../../store/inbox-slice.ts';
import { Composer } from '../Composer.tsx';
import { Countdown } from './Countdown.tsx';
import { MessageList } from './MessageList.tsx';
import { SidePanel } from './SidePanel.tsx';
import { TransferDialog } from './TransferDialog.tsx';

const STATUS_COLOUR = { waiting: 'red', active: 'blue', snoozed: 'gold', closed: 'default' } as const;

function useAction() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return async (run: () => Promise<AppErrorData | null>, done?: string) => {
    const failure = await run();
    if (failure) void message.error(t(`errors.${failure.code}`));
    else if (done) void message.success(done);
  };
}

function ThreadHeader({ conversation }: Readonly<{ conversation: ConversationSummary }>) {
  const { t } = useTranslation();
  const act = useAction();
  const shop = useConsole((s) => s.shops.find((x) => x.id === conversation.shopId));
  const me = useConsole((s) => s.session?.userId ?? null);
  const sessionGrants = useConsole((s) => s.session?.grants ?? []);
  const holder = useConsole((s) => s.agents.find((a) => a.id === conversation.assigneeId)?.displayName ?? null);
  const { claim, takeOver, setAside, setDialog } = useConsole.getState();
  const now = useNow(1000);
  const canReply = grants(sessionGrants, 'inbox.reply');
  const supervisor = grants(sessionGrants, 'inbox.supervise');
  const mine = conversation.assigneeId === me;
  const free = conversation.assigneeId === null;
  const mayAct = canReply && (mine || free || supervisor);
  return (
    <div className="thread-header">
      <span className="colour-dot" style={{ background: shop?.colour }} aria-hidden />
      <h2 id="thread-title" dir="auto">
        {t('inbox.thread', { buyer: displayText(conversation.buyer.nick) })}
      </h2>
      {shop && <span className="shop-chip">{shop.name}</span>}
      <Tag color={STATUS_COLOUR[conversation.status]} data-testid="thread-status">
        {t(`inbox.status.${conversation.status}`)}
      </Tag>
      {conversation.dueAt !== null && conversation.waitingSince !== null && (
        <Countdown
          dueAt={conversation.dueAt}
          waitingSince={conversation.waitingSince}
          warnAfterSeconds={shop?.inbox.warnAfterSeconds ?? 100}
          now={now}
        />
      )}
      <span className="thread-holder" data-testid="thread-holder">
        {free
          ? t('inbox.unassigned')
          : mine
            ? t('thread.heldByMe')
            : t('thread.heldBy', { name: holder ?? t('inbox.colleague') })}
      </span>
      <Space size={4} className="thread-actions" wrap>
        {canReply && free && conversation.status === 'waiting' && (
          <Button size="small" type="primary" onClick={() => void act(() => claim(conversation))} data-testid="claim">
            {t('thread.claim')}
          </Button>
        )}
        {supervisor && !mine && !free && (
          <Button
            size="small"
            onClick={() => void act(() => takeOver(conversation), t('thread.tookOver'))}
            data-testid="take-over"
          >
            {t('thread.takeOver')}
          </Button>
        )}
        {mayAct && (
          <Tooltip title="Ctrl+T">
            <Button size="small" onClick={() => setDialog('transfer')} data-testid="transfer">
              {t('thread.transfer')}
            </Button>
          </Tooltip>
        )}
        {mayAct && conversation.status !== 'snoozed' && conversation.status !== 'closed' && (
          <Button
            size="small"
            onClick={() => void act(() => setAside(conversation, 'snoozed'), t('thread.snoozed'))}
            data-testid="snooze"
          >
            {t('thread.snooze')}
          </Button>
        )}
        {mayAct && conversation.status !== 'closed' && (
          <Button
            size="small"
            onClick={() => void act(() => setAside(conversation, 'closed'), t('thread.closed'))}
            data-testid="close-chat"
          >
            {t('thread.close')}
          </Button>
        )}
      </Space>
    </div>
  );
}

function TransferBanner({ conversation }: Readonly<{ conversation: ConversationSummary }>) {
  const { t } = useTranslation();
  const me = useConsole((s) => s.session?.userId ?? null);
  const from = useConsole((s) => s.agents.find((a) => a.id === conversation.transfer?.fromId)?.displayName ?? null);
  const transfer = conversation.transfer;
  if (!transfer || conversation.status === 'closed') return null;
  if (transfer.toId !== me && !(transfer.group !== null && conversation.assigneeId === me)) return null;
  return (
    <Alert
      type="info"
      showIcon
      banner
      data-testid="transfer-banner"
      title={t('thread.transferredToYou', { from: from ?? t('inbox.colleague'), reason: displayText(transfer.reason) })}
    />
  );
}

/**
 * The side panel renders after the thread — also the first time the pane mounts (the empty panel keeps its
 * place): opening a chat paints the messages first.
 */
function DeferredSidePanel({
  conversation,
  canEdit,
}: Readonly<{ conversation: ConversationSummary; canEdit: boolean }>) {
  const deferred = useDeferredValue<ConversationSummary | null>(conversation, null);
  if (deferred === null) return <aside className="thread-side" aria-busy="true" />;
  return <SidePanel key={deferred.id} conversation={deferred} canEdit={canEdit} />;
}

/** The reply box mounts right after the messages paint (its place kept), like the side panel. */
function DeferredComposer({
  conversation,
  orders,
}: Readonly<{ conversation: ConversationSummary; orders: readonly Order[] | undefined }>) {
  const deferred = useDeferredValue<string | null>(conversation.id, null);
  if (deferred !== conversation.id) return <div className="composer composer-placeholder" aria-busy="true" />;
  return <Composer key={`composer-${conversation.id}`} conversation={conversation} orders={orders} />;
}

export function ThreadPane() {
  const { t } = useTranslation();
  const selectedId = useConsole((s) => activeView(s).selectedConversationId);
  const conversation = useConsole((s) => (selectedId ? s.conversations.get(selectedId) : undefined));
  const orders = useConsole((s) => (selectedId ? s.buyerOrders.get(selectedId) : undefined));
  const me = useConsole((s) => s.session?.userId ?? null);
  const sessionGrants = useConsole((s) => s.session?.grants ?? []);
  const holder = useConsole((s) => s.agents.find((a) => a.id === conversation?.assigneeId)?.displayName ?? null);
  const dialog = useConsole((s) => s.dialog);
  const setDialog = useConsole((s) => s.setDialog);
  const act = useAction();
  if (!selectedId || !conversation) {
    return (
      <div className="thread centered">
        <Empty description={t('inbox.selectConversation')} />
      </div>
    );
  }
  const canReply = grants(sessionGrants, 'inbox.reply');
  const supervisor = grants(sessionGrants, 'inbox.supervise');
  const heldByOther = conversation.assigneeId !== null && conversation.assigneeId !== me;
  return (
    <div className="thread">
      <section className="thread-main" aria-labelledby="thread-title">
        <ThreadHeader conversation={conversation} />
        <TransferBanner conversation={conversation} />
        <MessageList key={`messages-${conversation.id}`} conversation={conversation} />
        {!canReply ? (
          <div className="thread-footer">{t('inbox.noReplyPermission')}</div>
        ) : heldByOther ? (
          <div className="thread-footer" data-testid="held-by-other">
            {t('thread.heldByOther', { name: holder ?? t('inbox.colleague') })}{' '}
            {supervisor && (
              <Button
                size="small"
                type="link"
                onClick={() => void act(() => useConsole.getState().takeOver(conversation))}
              >
                {t('thread.takeOver')}
              </Button>
            )}
          </div>
        ) : (
          <DeferredComposer conversation={conversation} orders={orders} />
        )}
      </section>
      <DeferredSidePanel conversation={conversation} canEdit={canReply && (!heldByOther || supervisor)} />
      {dialog === 'transfer' && <TransferDialog conversation={conversation} open onClose={() => setDialog(null)} />}
    </div>
  );
}
