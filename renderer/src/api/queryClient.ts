import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './client';

/**
 * The core runs on this PC: a failed call is a real answer (not signed in, not allowed, bad input),
 * so answers from the core are never retried; only a transport hiccup gets one more try.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failureCount, error) => !(error instanceof ApiError) && failureCount < 1,
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
      mutations: { retry: false },
    },
  });
}
