// The idle pause a shop may ask for: after the strictest of the person's shops' idle minutes without input, a
// countdown is shown for 30 s (any input, or the button, cancels it), then the person is paused (挂起) and told.
// Runs while the desk is locked too, since locking alone no longer changes routing.
import { App, Button } from 'antd';
import { createElement, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { idlePauseAfterMs, idlePauseStage } from '../../../shared/domain/idle-pause.ts';
import { useConsole } from '../store/index.ts';

const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;
const KEY = 'idle-pause';

export function useIdlePause(): void {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const userId = useConsole((s) => s.session?.userId ?? null);
  const shops = useConsole((s) => s.shops);
  const myStatus = useConsole((s) => s.myStatus);
  const setStatus = useConsole((s) => s.setStatus);
  const pauseAfterMs = useMemo(() => idlePauseAfterMs(shops), [shops]);

  useEffect(() => {
    if (userId === null || pauseAfterMs === null || myStatus !== 'online') return;
    let last = Date.now();
    let warning = false;
    const touch = () => {
      last = Date.now();
      if (warning) notification.destroy(KEY);
      warning = false;
    };
    for (const name of ACTIVITY) window.addEventListener(name, touch, { passive: true });
    const timer = setInterval(() => {
      const stage = idlePauseStage(Date.now() - last, pauseAfterMs);
      if (stage.stage === 'warning') {
        warning = true;
        notification.warning({
          key: KEY,
          title: t('idlePause.title'),
          description: t('idlePause.countdown', { seconds: stage.secondsLeft }),
          duration: 0,
          actions: createElement(
            Button,
            { type: 'primary', size: 'small', onClick: touch, 'data-testid': 'idle-pause-stay' },
            t('idlePause.stay'),
          ),
        });
      } else if (stage.stage === 'pause') {
        clearInterval(timer);
        notification.destroy(KEY);
        void setStatus('paused').then((failure) => {
          if (!failure) notification.info({ key: KEY, title: t('idlePause.paused'), duration: 0 });
        });
      }
    }, 1000);
    return () => {
      clearInterval(timer);
      for (const name of ACTIVITY) window.removeEventListener(name, touch);
    };
  }, [userId, pauseAfterMs, myStatus, setStatus, notification, t]);
}
