// Placeholder: implemented with its feature (issue 3).
export function MeasureCatalogPage(_props: Record<string, never>) {
  return null;
}
