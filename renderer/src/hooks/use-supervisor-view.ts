// The supervisor view, polled: for the supervisor page (every 2 s) and the header's stuck-queue banner (every 5 s).
import { useEffect, useState } from 'react';
import type { AppErrorData, SupervisorView } from '../../../shared/contract/index.ts';
import { api } from '../api.ts';

export function useSupervisorView(
  refreshMs: number,
  enabled = true,
): { view: SupervisorView | null; error: AppErrorData | null } {
  const [view, setView] = useState<SupervisorView | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      const result = await api().invoke('inbox.supervisor', {});
      if (stopped) return;
      if (result.ok) {
        setView(result.value);
        setError(null);
      } else setError(result.error);
      timer = setTimeout(() => void load(), refreshMs);
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [refreshMs, enabled]);
  return { view, error };
}
