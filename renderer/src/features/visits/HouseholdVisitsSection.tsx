// Placeholder: implemented with its feature (issue 3).
export function HouseholdVisitsSection(_props: { householdId: string }) {
  return null;
}
