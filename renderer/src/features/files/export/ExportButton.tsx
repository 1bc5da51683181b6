// Stub: 导出 for a ledger page with its current filters, replaced by the export slice.
export function ExportButton({ ledger, filters }: { ledger: string; filters: unknown }) {
  void ledger;
  void filters;
  return null;
}
