// Search results across the shops in scope: messages, buyers by nickname, orders by order or tracking number. Each
// hit names its shop and buyer, shows what matched with the match marked (as text: it is untrusted), and opens
// the buyer's conversation.
import { Alert, Button, Empty, Select, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationStatus, SearchHit } from '../../../../shared/contract/index.ts';
import { displayText } from '../../../../shared/domain/untrusted-text.ts';
import { formatClock } from '../../format.ts';
import { useConsole } from '../../store/index.ts';

const STATUSES: readonly ConversationStatus[] = ['waiting', 'active', 'snoozed', 'closed'];
const DAY = 86_400_000;

function Highlighted({ text, query }: Readonly<{ text: string; query: string }>) {
  const shown = displayText(text);
  const at = shown.toLowerCase().indexOf(query.toLowerCase());
  if (at < 0) return <>{shown}</>;
  const start = Math.max(0, at - 20);
  return (
    <>
      {start > 0 && '…'}
      {shown.slice(start, at)}
      <mark>{shown.slice(at, at + query.length)}</mark>
      {shown.slice(at + query.length)}
    </>
  );
}

export function SearchResults() {
  const { t, i18n } = useTranslation();
  const search = useConsole((s) => s.search)!;
  const shops = useConsole((s) => s.shops);
  const agents = useConsole((s) => s.agents);
  const runSearch = useConsole((s) => s.runSearch);
  const clearSearch = useConsole((s) => s.clearSearch);
  const open = useConsole((s) => s.openConversation);
  const filters = search.filters;
  const [range, setRange] = useState('any');
  const refine = (changes: Partial<typeof filters>) => void runSearch(search.query, { ...filters, ...changes });
  const openHit = (hit: SearchHit) => {
    useConsole.setState((state) => ({
      conversations: new Map(state.conversations).set(
        hit.conversation.id,
        state.conversations.get(hit.conversation.id) ?? hit.conversation,
      ),
    }));
    void open(hit.conversation);
  };
  return (
    <div className="search-panel" data-testid="search-results">
      <div className="search-filters">
        <Select
          size="small"
          allowClear
          aria-label={t('search.shop')}
          placeholder={t('search.shop')}
          value={filters.shopId ?? undefined}
          onChange={(shopId) => refine({ shopId: shopId ?? null })}
          options={shops.map((s) => ({ value: s.id, label: s.name }))}
          style={{ width: 130 }}
        />
        <Select
          size="small"
          allowClear
          aria-label={t('search.status')}
          placeholder={t('search.status')}
          value={filters.status ?? undefined}
          onChange={(status) => refine({ status: status ?? null })}
          options={STATUSES.map((s) => ({ value: s, label: t(`inbox.status.${s}`) }))}
          style={{ width: 90 }}
        />
        <Select
          size="small"
          allowClear
          aria-label={t('search.assignee')}
          placeholder={t('search.assignee')}
          value={filters.assigneeId ?? undefined}
          onChange={(assigneeId) => refine({ assigneeId: assigneeId ?? null })}
          options={agents.map((a) => ({ value: a.id, label: a.displayName }))}
          style={{ width: 90 }}
        />
        <Select
          size="small"
          aria-label={t('search.date')}
          value={range}
          onChange={(days) => {
            setRange(days);
            refine({ from: days === 'any' ? null : Date.now() - Number(days) * DAY });
          }}
          options={[
            { value: 'any', label: t('search.anyTime') },
            { value: '1', label: t('search.lastDays', { count: 1 }) },
            { value: '7', label: t('search.lastDays', { count: 7 }) },
            { value: '30', label: t('search.lastDays', { count: 30 }) },
          ]}
          style={{ width: 90 }}
        />
        <Button size="small" type="link" onClick={clearSearch}>
          {t('search.close')}
        </Button>
      </div>
      {search.error && <Alert type="error" showIcon title={t(`errors.${search.error.code}`)} />}
      {search.hits === null ? (
        <div className="centered" role="status">
          <Spin description={t('search.searching')} />
        </div>
      ) : search.hits.length === 0 ? (
        <div className="centered">
          <Empty description={t('search.none', { query: search.query })} />
        </div>
      ) : (
        <ul className="search-hits" aria-label={t('search.results', { count: search.hits.length })}>
          {search.hits.map((hit) => {
            const shop = shops.find((s) => s.id === hit.conversation.shopId);
            return (
              <li key={`${hit.match}:${hit.message?.id ?? hit.order?.id ?? hit.conversation.id}`}>
                <button type="button" className="search-hit" onClick={() => openHit(hit)} data-testid="search-hit">
                  <span className="conversation-top">
                    <span className="conversation-nick" dir="auto">
                      {displayText(hit.conversation.buyer.nick)}
                    </span>
                    {shop && <span className="shop-chip">{shop.name}</span>}
                  </span>
                  <span className="search-hit-text" dir="auto" data-match={hit.match}>
                    {hit.match === 'message' && hit.message && (
                      <Highlighted text={hit.message.text} query={search.query} />
                    )}
                    {hit.match === 'buyer' && <span className="muted">{t('search.buyerMatch')}</span>}
                    {hit.match === 'order' && hit.order && (
                      <>
                        {t('search.orderMatch')} <Highlighted text={hit.order.id} query={search.query} />
                        {hit.order.trackingNumber && (
                          <>
                            {' · '}
                            {t('inbox.tracking')} <Highlighted text={hit.order.trackingNumber} query={search.query} />
                          </>
                        )}{' '}
                        · {t(`orderStatus.${hit.order.status}`)}
                      </>
                    )}
                  </span>
                  <span className="bubble-time">
                    {formatClock(hit.message?.at ?? hit.order?.paidAt ?? hit.conversation.updatedAt, i18n.language)}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
