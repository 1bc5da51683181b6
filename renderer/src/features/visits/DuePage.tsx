// Placeholder: implemented with its feature (issue 3).
export function DuePage(_props: Record<string, never>) {
  return null;
}
