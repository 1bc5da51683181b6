// Placeholder: implemented with its feature (issue 3).
export function ThresholdsPage(_props: Record<string, never>) {
  return null;
}
