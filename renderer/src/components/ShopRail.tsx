// The shop switcher: "All shops" and each shop with its colour, short name, platform and unread count, grouped by
// platform; it scrolls, and turns compact past nine shops. Ctrl+1..9 and Ctrl+0 do the same from the keyboard
// (see use-shop-shortcuts.ts), Ctrl+K finds any shop by name. Each button's accessible name starts with its
// visible label and goes on with what sighted users get from colour and badge (WCAG 2.5.3).
import { Tooltip } from 'antd';
import { memo, useCallback, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Shop } from '../../../shared/contract/index.ts';
import { useConsole } from '../store/index.ts';
import { useThrottledConsole } from '../hooks/use-throttled.ts';
import { UnreadCount } from './UnreadCount.tsx';
import { railOrder } from '../store/rail-order.ts';

const MOD = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';

type RailButtonProps = Readonly<{
  shopId: string | null;
  active: boolean;
  label: string;
  description: string;
  tooltip: string;
  colour: string;
  glyph: string;
  count: number;
  onSelect(shopId: string | null): void;
  testId: string;
}>;

// Memoized: a switch changes two buttons (the old and the new active one), not all of them.
const RailButton = memo(function RailButton(props: RailButtonProps) {
  return (
    <Tooltip title={props.tooltip} placement="right">
      <button
        type="button"
        className="shop-rail-button"
        aria-pressed={props.active}
        onClick={() => props.onSelect(props.shopId)}
        data-testid={props.testId}
      >
        <span className="shop-rail-avatar" style={{ background: props.colour }} aria-hidden>
          {props.glyph}
          <UnreadCount count={props.count} />
        </span>
        <span className="shop-rail-label">{props.label}</span>
        <span className="sr-only">{props.description}</span>
      </button>
    </Tooltip>
  );
});

/** A thin line where the rail passes from one platform's shops to the next. */
function RailGroupItem({ startsGroup, children }: Readonly<{ startsGroup: boolean; children: ReactNode }>) {
  return (
    <>
      {startsGroup && <span className="shop-rail-group" aria-hidden />}
      {children}
    </>
  );
}

export function ShopRail() {
  const { t } = useTranslation();
  const shops = useConsole((s) => s.shops);
  // Counts change with every message: the rail repaints them a few times a second, not every frame.
  const counts = useThrottledConsole((s) => s.counts);
  const activeShopId = useConsole((s) => s.activeShopId);
  const selectShop = useConsole((s) => s.selectShop);
  const onSelect = useCallback((shopId: string | null) => selectShop(shopId), [selectShop]);
  const unread = (shop: Shop) => counts[shop.id]?.unread ?? 0;
  const total = shops.reduce((sum, shop) => sum + unread(shop), 0);
  const ordered = railOrder(shops);

  return (
    <nav className={ordered.length > 9 ? 'shop-rail shop-rail-compact' : 'shop-rail'} aria-label={t('rail.label')}>
      <RailButton
        active={activeShopId === null}
        label={t('rail.allShopsShort')}
        description={t('rail.allDescription', { count: total })}
        tooltip={`${t('rail.allShops')} · ${t('rail.shortcut', { keys: `${MOD}0` })}`}
        colour="#434a54"
        glyph={[...t('rail.allShopsShort')][0] ?? '*'}
        count={total}
        shopId={null}
        onSelect={onSelect}
        testId="rail-all"
      />
      <span className="shop-rail-divider" aria-hidden />
      {ordered.map((shop, index) => (
        <RailGroupItem key={shop.id} startsGroup={index > 0 && ordered[index - 1]!.platform !== shop.platform}>
          <RailButton
            active={activeShopId === shop.id}
            label={t(`platform.${shop.platform}`)}
            description={t('rail.shopDescription', { name: shop.name, count: unread(shop) })}
            tooltip={
              index < 9
                ? `${shop.name} · ${t('rail.shortcut', { keys: `${MOD}${index + 1}` })}`
                : `${shop.name} · ${t('rail.findShortcut', { keys: `${MOD}K` })}`
            }
            colour={shop.colour}
            glyph={shop.shortName}
            count={unread(shop)}
            shopId={shop.id}
            onSelect={onSelect}
            testId={`rail-shop-${shop.id}`}
          />
        </RailGroupItem>
      ))}
    </nav>
  );
}
