// Placeholder: implemented with its feature (issue 3).
export function MonitoringLedgerPage(_props: Record<string, never>) {
  return null;
}
