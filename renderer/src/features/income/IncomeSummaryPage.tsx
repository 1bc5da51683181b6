// Placeholder: implemented with its feature (issue 3).
export function IncomeSummaryPage(_props: Record<string, never>) {
  return null;
}
