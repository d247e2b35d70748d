// The audit page's data: which logs this person may read, pages of entries (fetched by the window the list shows),
// verify and export. Errors arrive as the core's Result codes.
import { keepPreviousData, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AuditFilter, AuditPage } from '../../../../shared/contract/index.ts';
import { api } from '../../api.ts';
import { CoreError } from '../../query/core-call.ts';

export const PAGE_SIZE = 200;

export { CoreError };

async function unwrap<T>(
  result: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>,
): Promise<T> {
  const r = await result;
  if (!r.ok) throw new CoreError(r.error.code, r.error.message);
  return r.value;
}

export const auditKeys = {
  all: ['audit'] as const,
  logs: () => [...auditKeys.all, 'logs'] as const,
  page: (filter: AuditFilter, page: number) => [...auditKeys.all, 'page', filter, page] as const,
};

/** People whose entries the owner may filter by: colleagues in the shops of this session. */
export function useAuditPeople(enabled: boolean) {
  return useQuery({
    queryKey: [...auditKeys.all, 'people'],
    queryFn: () => unwrap(api().invoke('inbox.agents', {})),
    enabled,
  });
}

export function useAuditLogs() {
  return useQuery({ queryKey: auditKeys.logs(), queryFn: () => unwrap(api().invoke('audit.logs', {})) });
}

/** The pages covering rows [first, last] of the list, fetched as the list scrolls; page 0 also gives the total. */
export function useAuditPages(filter: AuditFilter, first: number, last: number) {
  const pages: number[] = [];
  for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(Math.max(first, last) / PAGE_SIZE); p += 1) pages.push(p);
  if (!pages.includes(0)) pages.unshift(0);
  const results = useQueries({
    queries: pages.map((page) => ({
      queryKey: auditKeys.page(filter, page),
      queryFn: () => unwrap(api().invoke('audit.list', { ...filter, offset: page * PAGE_SIZE, limit: PAGE_SIZE })),
      placeholderData: keepPreviousData,
    })),
  });
  const byPage = new Map<number, AuditPage>();
  results.forEach((r, i) => r.data && byPage.set(pages[i]!, r.data));
  return {
    total: results[0]?.data?.total ?? null,
    loading: results[0]?.isPending ?? true,
    error: (results.find((r) => r.error)?.error as CoreError | undefined) ?? null,
    entryAt: (index: number) => byPage.get(Math.floor(index / PAGE_SIZE))?.entries[index % PAGE_SIZE] ?? null,
  };
}

export function useRefreshAudit() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: auditKeys.all });
}

export const verifyAudit = () => unwrap(api().invoke('audit.verify', {}));
export const exportAudit = (filter: AuditFilter) => unwrap(api().invoke('audit.export', filter));
