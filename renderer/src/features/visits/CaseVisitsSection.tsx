// Placeholder: implemented with its feature (issue 3).
export function CaseVisitsSection(_props: { caseId: string }) {
  return null;
}
