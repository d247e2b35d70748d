// The board's rows: a light virtualized list (TanStack Virtual, as the inbox's), each row memoized, so a filter or a
// re-sort costs the rows on screen and nothing else — a component table re-rendering its cells cost ~100 ms a click.
import { useVirtualizer } from '@tanstack/react-virtual';
import { Button, Empty, Spin } from 'antd';
import type { TFunction } from 'i18next';
import { memo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardRow } from '../../../../shared/contract/index.ts';
import { formatClock, formatCountdown, formatYuan } from '../../format.ts';

const ROW_HEIGHT = 88;

const STATE_COLOR: Record<BoardRow['state'], string | undefined> = {
  ok: undefined,
  at_risk: 'orange',
  overdue: 'red',
  blocked: 'magenta',
  unsent: 'blue',
  refused: 'volcano',
};

export const keyOfRow = (row: Pick<BoardRow, 'shopId' | 'id'>) => `${row.shopId}/${row.id}`;
export const shippable = (row: BoardRow) =>
  row.state === 'ok' || row.state === 'at_risk' || row.state === 'overdue' || row.state === 'refused';

type RowProps = Readonly<{
  row: BoardRow;
  /** The clock, to the second (countdowns). */
  now: number;
  selected: boolean;
  mayShip: boolean;
  shopName: string;
  language: string;
  t: TFunction;
  onToggle(row: BoardRow, selected: boolean): void;
  onPack(row: BoardRow): void;
  onShip(row: BoardRow): void;
}>;

const RowView = memo(function RowView({
  row,
  now,
  selected,
  mayShip,
  shopName,
  language,
  t,
  onToggle,
  onPack,
  onShip,
}: RowProps) {
  // Plain elements with antd's classes: a row is drawn on every filter and sort, so it stays cheap to render.
  const left = row.shipBy - now;
  const countdown =
    row.state === 'unsent' || row.state === 'refused' || row.state === 'blocked' ? null : left < 0 ? (
      <span className="board-danger">{t('shipping.board.lateBy', { time: formatCountdown(-left, t) })}</span>
    ) : (
      <span className={row.state === 'at_risk' ? 'board-warning' : undefined}>
        {t('shipping.board.left', { time: formatCountdown(left, t) })}
      </span>
    );
  const actionable = mayShip && row.state !== 'blocked' && row.state !== 'unsent';
  const tagColor = STATE_COLOR[row.state];
  return (
    <div className={`board-row${selected ? ' board-row-selected' : ''}`} data-testid="board-row" role="row">
      <div role="cell">
        <input
          type="checkbox"
          checked={selected}
          disabled={!mayShip || !shippable(row)}
          onChange={(e) => onToggle(row, e.target.checked)}
          aria-label={t('shipping.board.select', { id: row.id })}
        />
      </div>
      <div role="cell" className="board-stack">
        <span
          className={`board-tag${tagColor ? ` board-tag-${tagColor}` : ''}`}
          title={row.state === 'unsent' ? t('shipping.board.unsentWhy') : undefined}
        >
          {t(`shipping.board.states.${row.state}`)}
        </span>
        {countdown}
      </div>
      <div role="cell" className="board-stack">
        <span>
          <span className="board-tag">{shopName}</span>
          <code>{row.id}</code>
        </span>
        <span className="board-muted">{formatClock(row.paidAt, language)}</span>
      </div>
      <div role="cell" className="board-stack">
        <span className="board-ellipsis" title={row.lines.map((l) => `${l.title} × ${l.quantity}`).join('\n')}>
          {row.title} × {row.quantity}
        </span>
        <span>
          <code>{row.sku}</code>
          {row.lines.length > 1 && (
            <span className="board-muted" data-testid="board-lines">
              {' '}
              {t('shipping.board.lines', {
                count: row.lines.length,
                gifts: row.lines.filter((l) => l.gift).length,
              })}
            </span>
          )}
        </span>
      </div>
      <div role="cell" className="board-stack">
        {row.consigneeName === null ? (
          <span className="board-muted">{t('shipping.board.noAddress')}</span>
        ) : (
          <>
            <span>
              {row.consigneeName} {row.consigneePhone ?? ''}
            </span>
            <span className="board-muted board-ellipsis" title={row.address ?? ''}>
              {row.address}
            </span>
          </>
        )}
      </div>
      <div role="cell" className="board-stack board-amount">
        <span>{formatYuan(row.amountFen, language)}</span>
        {(row.state === 'overdue' || row.state === 'at_risk') && (
          <span
            className={row.state === 'overdue' ? 'board-danger' : 'board-warning'}
            title={t('shipping.board.penaltyHelp')}
          >
            {t('shipping.board.penalty', { amount: formatYuan(row.penaltyFen, language) })}
          </span>
        )}
      </div>
      <div role="cell" className="board-stack">
        {row.state === 'blocked' && <span className="board-danger">{t('shipping.board.blockedWhy')}</span>}
        {row.trackingNumber && (
          <span>
            {row.courier} <code>{row.trackingNumber}</code>
          </span>
        )}
        {row.state === 'refused' && (
          <span className="board-danger">{t('shipping.board.refusedWhy', { reason: row.shipmentNote })}</span>
        )}
        {row.buyerNote && (
          <span className="board-ellipsis">{t('shipping.board.buyerNote', { note: row.buyerNote })}</span>
        )}
        {row.sellerMemo && (
          <span className="board-ellipsis">{t('shipping.board.sellerMemo', { note: row.sellerMemo })}</span>
        )}
      </div>
      <div role="cell" className="board-actions">
        {actionable && row.state !== 'refused' && (
          <Button size="small" onClick={() => onPack(row)} aria-label={t('shipping.pack.buttonFor', { id: row.id })}>
            {t('shipping.pack.button')}
          </Button>
        )}
        {actionable && (
          <Button size="small" onClick={() => onShip(row)} aria-label={t('shipping.board.shipOne', { id: row.id })}>
            {row.state === 'refused' ? t('shipping.board.reship') : t('shipping.board.ship')}
          </Button>
        )}
      </div>
    </div>
  );
});

export function BoardList({
  rows,
  loading,
  emptyText,
  now,
  selectedKeys,
  allSelected,
  mayShip,
  shopName,
  onToggle,
  onToggleAll,
  onPack,
  onShip,
}: Readonly<{
  rows: readonly BoardRow[];
  loading: boolean;
  emptyText: string;
  now: number;
  selectedKeys: ReadonlySet<string>;
  allSelected: boolean;
  mayShip(shopId: string): boolean;
  shopName(shopId: string): string;
  onToggle(row: BoardRow, selected: boolean): void;
  onToggleAll(selected: boolean): void;
  onPack(row: BoardRow): void;
  onShip(row: BoardRow): void;
}>) {
  const { t, i18n } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual re-renders on scroll by design.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 3,
  });
  const columns = t('shipping.board.columns', { returnObjects: true }) as Record<string, string>;
  return (
    <div className="board" data-testid="shipping-board" role="table" aria-label={t('shipping.title')}>
      <div className="board-row board-head" role="row">
        <div role="columnheader">
          <input
            type="checkbox"
            checked={allSelected}
            onChange={(e) => onToggleAll(e.target.checked)}
            aria-label={t('shipping.board.selectAll')}
          />
        </div>
        {(['deadline', 'order', 'item', 'consignee', 'amount', 'notes', 'actions'] as const).map((key) => (
          <div role="columnheader" key={key} className={key === 'amount' ? 'board-amount' : undefined}>
            {columns[key]}
          </div>
        ))}
      </div>
      <div className="board-body" ref={scroller}>
        {loading && rows.length === 0 ? (
          <Spin style={{ margin: 24 }} />
        ) : rows.length === 0 ? (
          <Empty description={emptyText} style={{ margin: 24 }} />
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index]!;
              return (
                <div
                  key={keyOfRow(row)}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
                >
                  <RowView
                    row={row}
                    now={now}
                    selected={selectedKeys.has(keyOfRow(row))}
                    mayShip={mayShip(row.shopId)}
                    shopName={shopName(row.shopId)}
                    language={i18n.language}
                    t={t}
                    onToggle={onToggle}
                    onPack={onPack}
                    onShip={onShip}
                  />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
