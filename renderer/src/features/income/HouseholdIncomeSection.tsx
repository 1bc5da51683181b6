// Placeholder: implemented with its feature (issue 3).
export function HouseholdIncomeSection(_props: { householdId: string }) {
  return null;
}
