import { Anchor, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { incomeCategoryLabels, type IncomeCategory } from '../../../../shared/domain/income';
import { formatYuan } from '../../../../shared/lib/money';
import { apiQuery } from '../../api/queries';

/**
 * Under an income group: what the office itself paid the household that year through payment
 * lists, per category, with one click to take it. A suggestion only: the survey may include more
 * (see shared/domain/householdMoney.ts for why it is not added automatically).
 */
export function PaidIncomeHint({
  householdId,
  year,
  categories,
  onUse,
}: {
  householdId: string;
  year: number;
  categories: readonly IncomeCategory[];
  onUse: (category: IncomeCategory, fen: number) => void;
}) {
  const q = useQuery(apiQuery('payments.forHousehold', { householdId }));
  const rows = (q.data?.incomeByYear ?? []).filter((r) => r.year === year && categories.includes(r.category) && r.amountFen > 0);
  if (rows.length === 0) return null;
  return (
    <>
      {rows.map((r) => (
        <Text key={r.category} size="xs" c="blue.7" data-testid="paid-income-hint">
          {year} 年经发放清册发给本户的资金计入{incomeCategoryLabels[r.category]} {formatYuan(r.amountFen)} 元（不应少于此数）{' '}
          <Anchor component="button" type="button" size="xs" onClick={() => onUse(r.category, r.amountFen)}>
            填入
          </Anchor>
        </Text>
      ))}
    </>
  );
}
