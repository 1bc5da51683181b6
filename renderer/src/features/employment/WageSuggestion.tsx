import { Anchor, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { formatYuan } from '../../../../shared/lib/money';
import { apiQuery } from '../../api/queries';

/** Under 工资性收入: what the year's 务工记录 add up to, with one click to take it. A suggestion only. */
export function WageSuggestion({ householdId, year, onUse }: { householdId: string; year: number; onUse: (fen: number) => void }) {
  const valid = Number.isInteger(year) && year >= 2000 && year <= 2100;
  const q = useQuery({ ...apiQuery('employment.wageSuggestion', { householdId, year }), enabled: valid });
  if (!valid || !q.data || q.data.spellCount === 0) return null;
  return (
    <Text size="xs" c="blue.7" data-testid="wage-suggestion">
      按 {q.data.spellCount} 条务工记录估算 {year} 年工资性收入 {formatYuan(q.data.wageFen)} 元{' '}
      <Anchor component="button" type="button" size="xs" onClick={() => onUse(q.data.wageFen)}>
        填入
      </Anchor>
    </Text>
  );
}
