import { useEffect, useState } from 'react';

/** The current time, refreshed every `intervalMs`: for countdowns, without re-rendering the whole app. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
