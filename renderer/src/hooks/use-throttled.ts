import { useEffect, useRef, useState } from 'react';

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
