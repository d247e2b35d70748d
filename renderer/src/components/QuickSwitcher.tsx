// Ctrl+K (⌘K): find any shop by typing part of its name, short name, platform or main account — for the shops past
// the ninth, which have no Ctrl+number. ↑/↓ move, Enter switches, Esc closes.
import { Input, Modal } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsole } from '../store/index.ts';
import { matchShops, railOrder } from '../store/rail-order.ts';

export function QuickSwitcher() {
  const { t } = useTranslation();
  const shops = useConsole((s) => s.shops);
  const selectShop = useConsole((s) => s.selectShop);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [cursor, setCursor] = useState(0);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.code !== 'KeyK') return;
      event.preventDefault();
      setText('');
      setCursor(0);
      setOpen(true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  const matches = useMemo(
    () => matchShops(railOrder(shops), text, (platform) => t(`platform.${platform}`)),
    [shops, text, t],
  );
  const choose = (shopId: string | undefined) => {
    if (shopId === undefined) return;
    selectShop(shopId);
    setOpen(false);
  };
  return (
    <Modal
      open={open}
      title={t('switcher.title')}
      footer={null}
      onCancel={() => setOpen(false)}
      destroyOnHidden
      width={420}
    >
      <Input
        autoFocus
        value={text}
        aria-label={t('switcher.label')}
        placeholder={t('switcher.placeholder')}
        data-testid="switcher-input"
        onChange={(e) => {
          setText(e.target.value);
          setCursor(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setCursor((c) => Math.min(matches.length - 1, c + 1));
          else if (e.key === 'ArrowUp') setCursor((c) => Math.max(0, c - 1));
          else if (e.key === 'Enter') choose(matches[cursor]?.id);
          else return;
          e.preventDefault();
        }}
      />
      <ul className="switcher-list" role="listbox" aria-label={t('switcher.results', { count: matches.length })}>
        {matches.length === 0 && <li className="muted">{t('switcher.none')}</li>}
        {matches.map((shop, index) => (
          <li key={shop.id} role="option" aria-selected={index === cursor}>
            <button
              type="button"
              className={index === cursor ? 'switcher-item switcher-item-active' : 'switcher-item'}
              onClick={() => choose(shop.id)}
              data-testid="switcher-item"
              data-shop={shop.id}
            >
              <span className="switcher-avatar" style={{ background: shop.colour }} aria-hidden>
                {shop.shortName}
              </span>
              <span>{shop.name}</span>
              <span className="muted">{t(`platform.${shop.platform}`)}</span>
            </button>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
