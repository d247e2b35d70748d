import { useEffect } from 'react';
import { DEFAULT_IDLE_LOCK_MINUTES } from '../../../shared/domain/app-settings.ts';
import { useConsole } from '../store/index.ts';

const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/** Locks the session after a stretch without keyboard, mouse or touch input (a shared desk stays private), or at once on Ctrl+Shift+L. */
export function useIdleLock(minutes: number = DEFAULT_IDLE_LOCK_MINUTES): void {
  const lock = useConsole((s) => s.lock);
  useEffect(() => {
    let last = Date.now();
    const touch = () => void (last = Date.now());
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.code === 'KeyL') {
        event.preventDefault();
        void lock();
      }
    };
    for (const name of ACTIVITY) window.addEventListener(name, touch, { passive: true });
    window.addEventListener('keydown', onKeyDown);
    const timer = setInterval(() => {
      if (Date.now() - last >= minutes * 60_000) void lock();
    }, 5_000);
    return () => {
      clearInterval(timer);
      window.removeEventListener('keydown', onKeyDown);
      for (const name of ACTIVITY) window.removeEventListener(name, touch);
    };
  }, [lock, minutes]);
}
