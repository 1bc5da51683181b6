import { Anchor, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { declineCauseLabels } from '../../../../shared/domain/monitoring';
import { apiQuery } from '../../api/queries';

/** Beside 减收原因: a job that ended in the year suggests lostJob (未实现务工或工资降低). A suggestion only. */
export function DeclineCauseHint({ householdId, year, onUse }: { householdId: string; year: number; onUse: () => void }) {
  const valid = Number.isInteger(year) && year >= 2000 && year <= 2100;
  const q = useQuery({ ...apiQuery('employment.wageSuggestion', { householdId, year }), enabled: valid });
  if (!valid || !q.data || q.data.endedInYear === 0) return null;
  return (
    <Text size="xs" c="blue.7" data-testid="decline-cause-hint">
      该户 {year} 年有 {q.data.endedInYear} 条务工记录结束，减收原因可能是“{declineCauseLabels.lostJob}”{' '}
      <Anchor component="button" type="button" size="xs" onClick={onUse}>
        选择此原因
      </Anchor>
    </Text>
  );
}
