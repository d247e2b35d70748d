// The conversation list: tabs Mine / Waiting / All, a search box, and a virtualized list whose rows show the
// shop's colour, the buyer, the last words, who holds the chat, and the countdown to the platform's response rule.
// J/K move between rows, Enter opens one. While the pointer is over the rows, or for a moment after a key press,
// the order holds: a click or Enter always opens the chat that was shown, and arrivals collect behind a marker.
import { SearchOutlined } from '@ant-design/icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Empty, Input, Segmented, Spin, Typography } from 'antd';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ConversationSummary, Shop } from '../../../../shared/contract/index.ts';
import { displayText } from '../../../../shared/domain/untrusted-text.ts';
import { formatClock, rememberedText } from '../../format.ts';
import { useNow } from '../../hooks/use-now.ts';
import { useThrottled } from '../../hooks/use-throttled.ts';
import { useConsole } from '../../store/index.ts';
import { activeView, viewKey, type InboxTab } from '../../store/inbox-slice.ts';
import { UnreadCount } from '../UnreadCount.tsx';
import { Countdown } from './Countdown.tsx';
import { SearchResults } from './SearchResults.tsx';
import { heldRows } from './held-rows.ts';
import { tabRows } from './tab-rows.ts';

// Scroll positions per shop view and tab: UI-only state, kept outside the store so scrolling re-renders nothing.
const scrollPositions = new Map<string, number>();

/** Rows have one fixed height, so the virtual list needs no measuring. */
const ROW_HEIGHT = 84;
/** How long the order holds after the last key press in the list (when the pointer is not over it). */
const HOLD_AFTER_KEY_MS = 1500;

/** Typing in a field must not move the list. */
export function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

const statusText = (status: ConversationSummary['status'], t: TFunction, language: string) =>
  rememberedText(language, `inbox.status.${status}`, 0, () => t(`inbox.status.${status}`));

type RowProps = Readonly<{
  conversation: ConversationSummary;
  shop: Shop | undefined;
  showShop: boolean;
  selected: boolean;
  holder: string | null;
  now: number;
}>;

/**
 * A row's content, memoized apart from its `<li>`: rows are slots of the visible window (see ConversationList), and a
 * slot renders again only when the chat it shows, or something shown about it, changed.
 */
const ConversationRow = memo(function ConversationRow(props: RowProps) {
  const { t, i18n } = useTranslation();
  const openConversation = useConsole((s) => s.openConversation);
  const { conversation, shop } = props;
  return (
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
            <Countdown
              dueAt={conversation.dueAt}
              waitingSince={conversation.waitingSince}
              warnAfterSeconds={shop?.inbox.warnAfterSeconds ?? 100}
              now={props.now}
            />
          ) : (
            <span>
              {statusText(conversation.status, t, i18n.language)} · {formatClock(conversation.updatedAt, i18n.language)}
            </span>
          )}
          <span className="conversation-meta-right">
            {props.holder !== null && (
              <span className="holder-chip" data-testid="holder">
                {props.holder}
              </span>
            )}
            <UnreadCount
              count={conversation.unread}
              label={rememberedText(i18n.language, 'inbox.unread', conversation.unread, () =>
                t('inbox.unread', { count: conversation.unread }),
              )}
            />
          </span>
        </span>
      </span>
    </button>
  );
});

// The search box and the tabs are their own memoized components: the list renders every frame under load, they
// do not.
const SearchBox = memo(function SearchBox() {
  const { t } = useTranslation();
  const runSearch = useConsole((s) => s.runSearch);
  const clearSearch = useConsole((s) => s.clearSearch);
  return (
    <Input.Search
      size="small"
      allowClear
      placeholder={t('search.placeholder')}
      aria-label={t('search.label')}
      enterButton={<SearchOutlined aria-label={t('search.submit')} />}
      onSearch={(value) =>
        value.trim() === ''
          ? clearSearch()
          : void runSearch(value.trim(), { shopId: null, status: null, assigneeId: null, from: null, to: null })
      }
      data-testid="search-input"
      style={{ width: 170 }}
    />
  );
});

const TabBar = memo(function TabBar({
  tab,
  counts,
  trimmed,
}: Readonly<{ tab: InboxTab; counts: Record<InboxTab, number>; trimmed: boolean }>) {
  const { t } = useTranslation();
  const setTab = useConsole((s) => s.setTab);
  // A trimmed window knows only part of the history: its counts are lower bounds.
  const shown = (n: number) => (trimmed ? `${n}+` : n);
  return (
    <Segmented<InboxTab>
      size="small"
      block
      value={tab}
      onChange={setTab}
      aria-label={t('inbox.filter')}
      data-testid="inbox-tabs"
      options={[
        { value: 'mine', label: <span data-testid="tab-mine">{t('inbox.tabs.mine', { n: counts.mine })}</span> },
        {
          value: 'waiting',
          label: <span data-testid="tab-waiting">{t('inbox.tabs.waiting', { n: shown(counts.waiting) })}</span>,
        },
        { value: 'all', label: <span data-testid="tab-all">{t('inbox.tabs.all', { n: shown(counts.all) })}</span> },
      ]}
    />
  );
});

export function ConversationList() {
  const { t } = useTranslation();
  const conversations = useConsole((s) => s.conversations);
  const loaded = useConsole((s) => s.conversationsLoaded);
  const activeShopId = useConsole((s) => s.activeShopId);
  const selectedId = useConsole((s) => activeView(s).selectedConversationId);
  const tab = useConsole((s) => activeView(s).tab);
  const shops = useConsole((s) => s.shops);
  const me = useConsole((s) => s.session?.userId ?? null);
  const agents = useConsole((s) => s.agents);
  const search = useConsole((s) => s.search);
  const trimmed = useConsole((s) => s.conversationsTrimmed);
  const now = useNow(1000);
  const listRef = useRef<HTMLDivElement>(null);
  /** The conversation whose row has the keyboard focus (rows are slots: see below). */
  const focusedIdRef = useRef<string | null>(null);
  const key = `${viewKey(activeShopId)}:${tab}`;
  const shopById = useMemo(() => new Map(shops.map((shop) => [shop.id, shop])), [shops]);
  const nameById = useMemo(() => new Map(agents.map((a) => [a.id, a.displayName])), [agents]);
  const { rows: liveRows, counts: liveCounts } = useMemo(
    () => tabRows(conversations, { activeShopId, shopIds: shopById, me, tab }),
    [conversations, activeShopId, shopById, me, tab],
  );
  const counts = useThrottled(liveCounts);
  // The ids in the order they were shown when the list began to hold still; null while it follows live.
  const [frozen, setFrozen] = useState<{ key: string; ids: string[] } | null>(null);
  const pointerInside = useRef(false);
  const releaseTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const shownRows = useRef<readonly ConversationSummary[]>([]);
  const hold = useCallback(() => {
    setFrozen((current) =>
      current && current.key === key ? current : { key, ids: shownRows.current.map((c) => c.id) },
    );
  }, [key]);
  const release = useCallback(() => {
    if (releaseTimer.current) clearTimeout(releaseTimer.current);
    releaseTimer.current = null;
    setFrozen(null);
  }, []);
  const holdAfterKey = useCallback(() => {
    hold();
    if (releaseTimer.current) clearTimeout(releaseTimer.current);
    releaseTimer.current = setTimeout(() => {
      releaseTimer.current = null;
      if (!pointerInside.current) setFrozen(null);
    }, HOLD_AFTER_KEY_MS);
  }, [hold]);
  useEffect(() => () => void (releaseTimer.current && clearTimeout(releaseTimer.current)), []);
  const { rows, fresh } = useMemo(
    () => (frozen && frozen.key === key ? heldRows(frozen.ids, liveRows, conversations) : { rows: liveRows, fresh: 0 }),
    [frozen, key, liveRows, conversations],
  );
  // The ids are taken only when the list begins to hold (not on every render: it renders every frame under load).
  shownRows.current = rows;
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual re-renders on scroll by design.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 3,
  });

  // Each shop view and tab returns to where it was scrolled.
  useLayoutEffect(() => {
    if (listRef.current) listRef.current.scrollTop = scrollPositions.get(key) ?? 0;
  }, [key, loaded]);

  // Rows are keyed by their slot in the visible window, not by conversation: when chats arrive at the top, each
  // slot's DOM is updated in place instead of every row being moved, created and removed (in the `arrival` bench
  // at 5,000 msgs/s: 23 → 31 frames a second). Keyboard focus follows its conversation, not its slot: after each
  // render it moves to the row now showing the focused conversation or, if that scrolled out of the window, to
  // the list itself, so Enter never opens a chat other than the one that was focused.
  useLayoutEffect(() => {
    const list = listRef.current;
    const id = focusedIdRef.current;
    const active = document.activeElement;
    if (
      !list ||
      id === null ||
      !(active instanceof HTMLElement) ||
      !list.contains(active) ||
      active.dataset['id'] === id
    )
      return;
    const row = list.querySelector<HTMLButtonElement>(`[data-id="${CSS.escape(id)}"]`);
    if (row) row.focus({ preventScroll: true });
    else if (active !== list) list.focus({ preventScroll: true });
  });

  // J/K move the focus between rows (scrolling the virtual list), Enter opens the focused row.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (event.key !== 'j' && event.key !== 'k') return;
      if (document.querySelector('.ant-modal-wrap')) return;
      event.preventDefault();
      holdAfterKey();
      const current = rows.findIndex((c) => c.id === (focusedIdRef.current ?? selectedId));
      const next = Math.min(rows.length - 1, Math.max(0, current + (event.key === 'j' ? 1 : -1)));
      const target = rows[next];
      if (!target) return;
      virtualizer.scrollToIndex(next, { align: 'auto' });
      requestAnimationFrame(() =>
        listRef.current?.querySelector<HTMLButtonElement>(`[data-id="${CSS.escape(target.id)}"]`)?.focus(),
      );
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [rows, selectedId, virtualizer, holdAfterKey]);

  const labels = useMemo(
    () => ({ unassigned: t('inbox.unassigned'), me: t('inbox.me'), colleague: t('inbox.colleague') }),
    [t],
  );
  const holderOf = (c: ConversationSummary): string | null => {
    if (c.assigneeId === null) return c.status === 'waiting' ? labels.unassigned : null;
    if (c.assigneeId === me) return labels.me;
    return nameById.get(c.assigneeId) ?? labels.colleague;
  };

  return (
    <section className="inbox-list" aria-labelledby="conversation-list-title">
      <div className="inbox-list-header">
        <h2 id="conversation-list-title">{t('inbox.conversations')}</h2>
        <SearchBox />
      </div>
      {search ? (
        <SearchResults />
      ) : (
        <>
          <div className="inbox-tabs">
            <TabBar tab={tab} counts={counts} trimmed={trimmed} />
          </div>
          {fresh > 0 && (
            <button
              type="button"
              className="new-arrivals"
              data-testid="new-arrivals"
              onClick={() => {
                release();
                if (listRef.current) listRef.current.scrollTop = 0;
              }}
            >
              {t('inbox.newArrivals', { count: fresh })}
            </button>
          )}
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
            <div
              className="inbox-rows"
              ref={listRef}
              tabIndex={-1}
              onPointerEnter={() => {
                pointerInside.current = true;
                hold();
              }}
              onPointerLeave={() => {
                pointerInside.current = false;
                if (!releaseTimer.current) release();
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') holdAfterKey();
              }}
              onScroll={(e) => scrollPositions.set(key, e.currentTarget.scrollTop)}
              onFocus={(e) => {
                const id = e.target.dataset['id'];
                if (id !== undefined) focusedIdRef.current = id;
              }}
              onBlur={(e) => {
                if (!e.currentTarget.contains(e.relatedTarget)) focusedIdRef.current = null;
              }}
              data-testid="conversation-list"
            >
              <ul
                className="inbox-rows-inner"
                style={{ height: virtualizer.getTotalSize() }}
                aria-label={t('inbox.conversations')}
              >
                {virtualizer.getVirtualItems().map((item) => {
                  const conversation = rows[item.index]!;
                  return (
                    <li
                      key={item.index}
                      className="conversation-item"
                      style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                      aria-setsize={rows.length}
                      aria-posinset={item.index + 1}
                    >
                      <ConversationRow
                        conversation={conversation}
                        shop={shopById.get(conversation.shopId)}
                        showShop={activeShopId === null}
                        selected={conversation.id === selectedId}
                        holder={holderOf(conversation)}
                        now={now}
                      />
                    </li>
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
