import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useConsole, type ConsoleState } from '../store/index.ts';

/**
 * `value`, updated at most once per `ms`: for counters that change with every arriving message (unread badges,
 * tab counts), so a busy inbox repaints them a few times a second instead of every frame. The last value always
 * shows, at most `ms` late.
 */
export function useThrottled<T>(value: T, ms = 250): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const wait = last.current + ms - Date.now();
    const timer = setTimeout(
      () => {
        last.current = Date.now();
        setShown(value);
      },
      Math.max(0, wait),
    );
    return () => clearTimeout(timer);
  }, [value, ms]);
  return shown;
}

/**
 * A store selection that re-renders its component at most once per `ms`. Unlike `useThrottled(useConsole(...))`,
 * the component does not render on every store change only to show the old value: it listens outside React and
 * reads the store when the interval is up. The last value always shows, at most `ms` late.
 */
export function useThrottledConsole<T>(selector: (state: ConsoleState) => T, ms = 250): T {
  const [shown, setShown] = useState(() => selector(useConsole.getState()));
  const selectorRef = useRef(selector);
  useLayoutEffect(() => {
    selectorRef.current = selector;
  });
  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const update = () => {
      timer = undefined;
      last = Date.now();
      setShown(selectorRef.current(useConsole.getState()));
    };
    const unsubscribe = useConsole.subscribe(() => {
      timer ??= setTimeout(update, Math.max(0, last + ms - Date.now()));
    });
    update(); // whatever changed between the first render and the subscription
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [ms]);
  return shown;
}
