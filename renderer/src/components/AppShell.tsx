// The window once logged in: shop rail, module navigation, a header naming the active shop, and the module.
import { DownOutlined, LockOutlined, LogoutOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, Button, Dropdown, Layout, Menu, Spin, Tag } from 'antd';
import { Suspense, useEffect, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useIdleLock } from '../hooks/use-idle-lock.ts';
import { useOverruledNotice } from '../hooks/use-overruled-notice.ts';
import { useShopShortcuts } from '../hooks/use-shop-shortcuts.ts';
import { allowedViews, MODULES } from '../app/modules.tsx';
import { grants } from '../../../shared/contract/index.ts';
import { StatusSelect } from './StatusSelect.tsx';
import { useConsole } from '../store/index.ts';
import type { View } from '../store/ui-slice.ts';
import { DemoTag } from './DemoTag.tsx';
import { LanguageSelect } from './LanguageSelect.tsx';
import { QuickSwitcher } from './QuickSwitcher.tsx';
import { ShopRail } from './ShopRail.tsx';
import { StorageNotices } from './StorageNotices.tsx';
import { StuckQueueAlert } from './inbox/StuckQueueAlert.tsx';
import { useSupervisorView } from '../hooks/use-supervisor-view.ts';

function ModuleView({ view }: Readonly<{ view: View }>) {
  const module = MODULES.find((m) => m.view === view);
  if (!module) return null;
  return (
    <Suspense fallback={<Spin style={{ margin: 48 }} />}>
      <module.Page />
    </Suspense>
  );
}

function ActiveShopTitle() {
  const { t } = useTranslation();
  const shop = useConsole((s) => s.shops.find((x) => x.id === s.activeShopId) ?? null);
  const appInfo = useConsole((s) => s.appInfo);
  if (shop === null) {
    return (
      <div className="app-header-shop">
        <h1 data-testid="active-shop-title">{t('rail.allShops')}</h1>
        {appInfo?.demo && <DemoTag />}
      </div>
    );
  }
  return (
    <div className="app-header-shop">
      <span className="colour-dot" style={{ background: shop.colour }} aria-hidden />
      <h1 data-testid="active-shop-title">{shop.name}</h1>
      <Tag>{t(`platform.${shop.platform}`)}</Tag>
      {shop.demo && <DemoTag />}
    </div>
  );
}

/** While the socket is lost, what is on screen is not live: it is dimmed, frozen for input and marked busy. */
function StaleContent({ children }: Readonly<{ children: ReactNode }>) {
  const stale = useConsole((s) => s.connection === 'closed');
  return (
    <Layout.Content
      id="main"
      tabIndex={-1}
      className={stale ? 'stale-content' : undefined}
      aria-busy={stale}
      inert={stale}
      style={{ minHeight: 0, overflow: 'hidden' }}
    >
      {children}
    </Layout.Content>
  );
}

/** For the owner and supervisors, on every page: chats wait in a shop where nobody can receive them. */
function StuckQueueBanner() {
  const supervises = useConsole((s) => grants(s.session?.grants ?? [], 'inbox.supervise'));
  const onSupervisorPage = useConsole((s) => s.view === 'supervisor');
  const { view } = useSupervisorView(5_000, supervises && !onSupervisorPage);
  if (!supervises || onSupervisorPage) return null;
  return <StuckQueueAlert view={view} compact />;
}

/** Browser mode can lose its socket (the host stopped, the laptop slept): say so while it reconnects. */
function ConnectionBanner() {
  const { t } = useTranslation();
  const connection = useConsole((s) => s.connection);
  if (connection !== 'closed') return null;
  return <Alert type="error" banner showIcon role="alert" title={t('app.offline')} data-testid="connection-banner" />;
}

export function AppShell() {
  const { t } = useTranslation();
  const view = useConsole((s) => s.view);
  const setView = useConsole((s) => s.setView);
  const session = useConsole((s) => s.session);
  const logout = useConsole((s) => s.logout);
  const lock = useConsole((s) => s.lock);
  useShopShortcuts();
  useOverruledNotice();
  useIdleLock(useConsole((s) => s.settings?.idleLockMinutes));
  const allowed = useMemo(() => allowedViews(session?.grants ?? []), [session?.grants]);
  // Someone without the inbox (a warehouse keeper) lands on the first module he may use, not on a refusal.
  useEffect(() => {
    if (allowed.length > 0 && !allowed.includes(view)) setView(allowed[0]!);
  }, [allowed, view, setView]);

  return (
    <Layout style={{ height: '100%', flexDirection: 'row' }}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <ShopRail />
      <QuickSwitcher />
      <Layout.Sider width={168} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
        <div className="brand">{t('app.title')}</div>
        <nav aria-label={t('nav.label')}>
          <Menu
            mode="inline"
            selectedKeys={[view]}
            onClick={({ key }) => setView(key as View)}
            items={MODULES.filter(({ view: key }) => allowed.includes(key)).map(({ view: key, icon }) => ({
              key,
              icon,
              label: t(`nav.${key}`),
            }))}
            style={{ borderInlineEnd: 0 }}
          />
        </nav>
      </Layout.Sider>
      <Layout style={{ minWidth: 0 }}>
        <header className="app-header">
          <ActiveShopTitle />
          <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
            <StatusSelect />
            <LanguageSelect />
            <Dropdown
              menu={{
                items: [
                  {
                    key: 'lock',
                    icon: <LockOutlined aria-hidden />,
                    label: t('header.lock'),
                    onClick: () => void lock(),
                  },
                  {
                    key: 'switch',
                    icon: <SwapOutlined aria-hidden />,
                    label: t('header.switchUser'),
                    onClick: () => void logout(),
                  },
                  {
                    key: 'logout',
                    icon: <LogoutOutlined aria-hidden />,
                    label: t('header.logout'),
                    onClick: () => void logout(),
                  },
                ],
              }}
              trigger={['click']}
            >
              <Button size="small" data-testid="user-menu">
                {session?.displayName} · {session?.roleLabel}
                <span className="sr-only">{t('header.userMenu')}</span> <DownOutlined aria-hidden />
              </Button>
            </Dropdown>
          </div>
        </header>
        <ConnectionBanner />
        <StuckQueueBanner />
        <StorageNotices />
        <StaleContent>
          <ModuleView view={view} />
        </StaleContent>
      </Layout>
    </Layout>
  );
}
