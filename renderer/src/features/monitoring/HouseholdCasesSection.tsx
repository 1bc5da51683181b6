// Placeholder: implemented with its feature (issue 3).
export function HouseholdCasesSection(_props: { householdId: string }) {
  return null;
}
