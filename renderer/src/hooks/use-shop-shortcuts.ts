import { useEffect } from 'react';
import { useConsole } from '../store/index.ts';

/** Ctrl+1..9 (⌘ on macOS) switch to the n-th shop of the rail; Ctrl+0 shows all shops. */
export function useShopShortcuts(): void {
  const selectShopByIndex = useConsole((s) => s.selectShopByIndex);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      const match = /^(?:Digit|Numpad)([0-9])$/.exec(event.code);
      if (!match) return;
      event.preventDefault();
      selectShopByIndex(Number(match[1]));
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [selectShopByIndex]);
}
