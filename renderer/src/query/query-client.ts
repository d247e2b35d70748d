// Request/response data of the module pages (the audit log now; roster, stock and reports next) lives in TanStack
// Query; the live inbox stays in the zustand store, which follows core events frame by frame.
import { QueryClient } from '@tanstack/react-query';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 10_000, retry: false, refetchOnWindowFocus: true },
  },
});
