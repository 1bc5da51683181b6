import { useQuery } from '@tanstack/react-query';
import { todayIso } from '../../../shared/lib/dates';
import { statusQuery } from './queries';

/**
 * The office's "today" as the core sees it. Rules (deadlines, days left, due visits) are decided
 * by the core's clock, so forms default to the same day rather than the browser's own clock.
 */
export function useToday(): string {
  const status = useQuery(statusQuery);
  return status.data?.today ?? todayIso(new Date());
}
