// The conversation list: tabs Mine / Waiting / All, a search box, and a virtualized list whose rows show the
// shop's colour, the buyer, the last words, who holds the chat, and the countdown to the platform's response rule.
// J/K move between rows, Enter opens one.
import { SearchOutlined } from '@ant-design/icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Empty, Input, Segmented, Spin, Typography } from 'antd';
import { memo, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationSummary, Shop } from '../../../../shared/contract/index.ts';
import { displayText } from '../../../../shared/domain/untrusted-text.ts';
import { formatClock } from '../../format.ts';
import { useNow } from '../../hooks/use-now.ts';
import { useThrottled } from '../../hooks/use-throttled.ts';
import { useConsole } from '../../store/index.ts';
import { activeView, viewKey, type InboxTab } from '../../store/inbox-slice.ts';
import { UnreadCount } from '../UnreadCount.tsx';
import { Countdown } from './Countdown.tsx';
import { SearchResults } from './SearchResults.tsx';
import { tabRows } from './tab-rows.ts';

// Scroll positions per shop view and tab: UI-only state, kept outside the store so scrolling re-renders nothing.
const scrollPositions = new Map<string, number>();

/** Rows have one fixed height, so the virtual list needs no measuring. */
const ROW_HEIGHT = 84;

/** Typing in a field must not move the list. */
export function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

type RowProps = Readonly<{
  conversation: ConversationSummary;
  shop: Shop | undefined;
  showShop: boolean;
  selected: boolean;
  holder: string | null;
  now: number;
  index: number;
  total: number;
  top: number;
}>;

const ConversationRow = memo(function ConversationRow(props: RowProps) {
  const { t, i18n } = useTranslation();
  const openConversation = useConsole((s) => s.openConversation);
  const { conversation, shop } = props;
  return (
    <li className="conversation-item" style={{ transform: `translateY(${props.top}px)`, height: ROW_HEIGHT }} aria-setsize={props.total} aria-posinset={props.index + 1}>
      <button
        type="button"
        className="conversation-row"
        aria-current={props.selected}
        onClick={() => void openConversation(conversation)}
        data-testid="conversation-row"
        data-id={conversation.id}
        data-shop={conversation.shopId}
        data-status={conversation.status}
        data-last-at={conversation.lastMessage.at}
      >
        <span className="conversation-shop-bar" style={{ background: shop?.colour ?? '#d9d9d9' }} aria-hidden />
        <span className="conversation-main">
          <span className="conversation-top">
            <span className="conversation-nick" dir="auto">
              {displayText(conversation.buyer.nick)}
            </span>
            {props.showShop && shop && <span className="shop-chip">{shop.name}</span>}
          </span>
          <span className="conversation-text" style={{ display: 'block' }} dir="auto">
            {conversation.lastMessage.at > 0 && displayText(conversation.lastMessage.text)}
          </span>
          <span className="conversation-meta">
            {conversation.dueAt !== null && conversation.waitingSince !== null ? (
              <Countdown dueAt={conversation.dueAt} waitingSince={conversation.waitingSince} warnAfterSeconds={shop?.inbox.warnAfterSeconds ?? 100} now={props.now} />
            ) : (
              <span>{t(`inbox.status.${conversation.status}`)} · {formatClock(conversation.updatedAt, i18n.language)}</span>
            )}
            <span className="conversation-meta-right">
              {props.holder !== null && <span className="holder-chip" data-testid="holder">{props.holder}</span>}
              <UnreadCount count={conversation.unread} label={t('inbox.unread', { count: conversation.unread })} />
            </span>
          </span>
        </span>
      </button>
    </li>
  );
});

export function ConversationList() {
  const { t } = useTranslation();
  const conversations = useConsole((s) => s.conversations);
  const loaded = useConsole((s) => s.conversationsLoaded);
  const activeShopId = useConsole((s) => s.activeShopId);
  const selectedId = useConsole((s) => activeView(s).selectedConversationId);
  const tab = useConsole((s) => activeView(s).tab);
  const setTab = useConsole((s) => s.setTab);
  const shops = useConsole((s) => s.shops);
  const me = useConsole((s) => s.session?.userId ?? null);
  const agents = useConsole((s) => s.agents);
  const search = useConsole((s) => s.search);
  const trimmed = useConsole((s) => s.conversationsTrimmed);
  // A trimmed window knows only part of the history: its counts are lower bounds.
  const shown = (n: number) => (trimmed ? `${n}+` : n);
  const runSearch = useConsole((s) => s.runSearch);
  const clearSearch = useConsole((s) => s.clearSearch);
  const now = useNow(1000);
  const listRef = useRef<HTMLDivElement>(null);
  const key = `${viewKey(activeShopId)}:${tab}`;
  const shopById = useMemo(() => new Map(shops.map((shop) => [shop.id, shop])), [shops]);
  const nameById = useMemo(() => new Map(agents.map((a) => [a.id, a.displayName])), [agents]);
  const { rows, counts: liveCounts } = useMemo(() => tabRows(conversations, { activeShopId, shopIds: shopById, me, tab }), [conversations, activeShopId, shopById, me, tab]);
  const counts = useThrottled(liveCounts);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual re-renders on scroll by design.
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => listRef.current, estimateSize: () => ROW_HEIGHT, overscan: 3, getItemKey: (i) => rows[i]!.id });

  // Each shop view and tab returns to where it was scrolled.
  useLayoutEffect(() => {
    if (listRef.current) listRef.current.scrollTop = scrollPositions.get(key) ?? 0;
  }, [key, loaded]);

  // J/K move the focus between rows (scrolling the virtual list), Enter opens the focused row.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (event.key !== 'j' && event.key !== 'k') return;
      if (document.querySelector('.ant-modal-wrap')) return;
      event.preventDefault();
      const focusedId = document.activeElement instanceof HTMLElement ? document.activeElement.dataset['id'] : undefined;
      const current = rows.findIndex((c) => c.id === (focusedId ?? selectedId));
      const next = Math.min(rows.length - 1, Math.max(0, current + (event.key === 'j' ? 1 : -1)));
      const target = rows[next];
      if (!target) return;
      virtualizer.scrollToIndex(next, { align: 'auto' });
      requestAnimationFrame(() => listRef.current?.querySelector<HTMLButtonElement>(`[data-id="${CSS.escape(target.id)}"]`)?.focus());
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [rows, selectedId, virtualizer]);

  const holderOf = (c: ConversationSummary): string | null => {
    if (c.assigneeId === null) return c.status === 'waiting' ? t('inbox.unassigned') : null;
    if (c.assigneeId === me) return t('inbox.me');
    return nameById.get(c.assigneeId) ?? t('inbox.colleague');
  };

  return (
    <section className="inbox-list" aria-labelledby="conversation-list-title">
      <div className="inbox-list-header">
        <h2 id="conversation-list-title">{t('inbox.conversations')}</h2>
        <Input.Search
          size="small"
          allowClear
          placeholder={t('search.placeholder')}
          aria-label={t('search.label')}
          enterButton={<SearchOutlined aria-label={t('search.submit')} />}
          onSearch={(value) => (value.trim() === '' ? clearSearch() : void runSearch(value.trim(), { shopId: null, status: null, assigneeId: null, from: null, to: null }))}
          data-testid="search-input"
          style={{ width: 170 }}
        />
      </div>
      {search ? (
        <SearchResults />
      ) : (
        <>
          <div className="inbox-tabs">
            <Segmented<InboxTab>
              size="small"
              block
              value={tab}
              onChange={setTab}
              aria-label={t('inbox.filter')}
              data-testid="inbox-tabs"
              options={[
                { value: 'mine', label: <span data-testid="tab-mine">{t('inbox.tabs.mine', { n: counts.mine })}</span> },
                { value: 'waiting', label: <span data-testid="tab-waiting">{t('inbox.tabs.waiting', { n: shown(counts.waiting) })}</span> },
                { value: 'all', label: <span data-testid="tab-all">{t('inbox.tabs.all', { n: shown(counts.all) })}</span> },
              ]}
            />
          </div>
          {!loaded ? (
            <div className="centered" role="status">
              <Spin description={t('inbox.loading')} />
            </div>
          ) : rows.length === 0 ? (
            <div className="centered">
              <Empty
                description={
                  <>
                    <div>{t(`inbox.empty.${tab}`)}</div>
                    <Typography.Text type="secondary">{t('inbox.emptyHint')}</Typography.Text>
                  </>
                }
              />
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
                      holder={holderOf(conversation)}
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
        </>
      )}
    </section>
  );
}
