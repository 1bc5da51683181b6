import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { ChannelName, InputOf } from '../../../shared/contract';
import { invoke } from './client';

/**
 * Query options for a read channel. The key starts with the channel name, so after a change
 * `queryClient.invalidateQueries({ queryKey: ['users.list'] })` refreshes every view of it.
 */
export function apiQuery<C extends ChannelName>(channel: C, input: InputOf<C>) {
  return queryOptions({
    queryKey: [channel, input] as const,
    queryFn: () => invoke(channel, input),
  });
}

export const statusQuery = apiQuery('settings.status', {});
export const meQuery = apiQuery('users.me', {});
/** The office with its villages: every ledger's village filter and every form's header. */
export const officeQuery = apiQuery('settings.office', {});
/** One household with its members: the household page (户籍) and its sections from other features (走访). */
export function householdQuery(id: string) {
  return apiQuery('households.get', { id });
}

/** Drops every cached answer except the session's own, so a new user never sees the last user's data. */
export function forgetUserData(queryClient: QueryClient): void {
  queryClient.removeQueries({
    predicate: (q) => q.queryKey[0] !== 'settings.status' && q.queryKey[0] !== 'users.me',
  });
}

export function invalidateChannels(queryClient: QueryClient, ...channels: ChannelName[]): Promise<void> {
  return Promise.all(channels.map((c) => queryClient.invalidateQueries({ queryKey: [c] }))).then(() => undefined);
}
