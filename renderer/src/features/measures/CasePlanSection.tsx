// Placeholder: implemented with its feature (issue 3).
export function CasePlanSection(_props: { caseId: string }) {
  return null;
}
