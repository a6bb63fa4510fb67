import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';

import { isApiError } from './api-client.js';

/** Query keys of the two sessions; every other key of a face starts with the same first word. */
export const adminSessionKey = ['admin', 'session'] as const;
export const accountSessionKey = ['account', 'session'] as const;

const sessionPaths = new Set(['/api/admin/v1/session', '/api/v1/session', '/api/v1/me']);

/** Client errors will not change on retry; only network and server failures are retried. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  // A 401 from any other call means the session ended (expired, or signed out in another tab):
  // re-check it so the face falls back to its sign-in page.
  const recheckSession = (error: unknown) => {
    if (!isApiError(error, 401) || sessionPaths.has(error.path)) return;
    const queryKey = error.path.startsWith('/api/admin/') ? adminSessionKey : accountSessionKey;
    void client.invalidateQueries({ queryKey });
  };

  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: recheckSession }),
    mutationCache: new MutationCache({ onError: recheckSession }),
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: false, staleTime: 10_000 },
      mutations: { retry: false },
    },
  });
  return client;
}
