// Placeholder: implemented with its feature (issue 3).
export function CasePage(_props: Record<string, never>) {
  return null;
}
