/** Names typed into one box, separated by 、，, ; or spaces. */
export function splitPeople(text: string): string[] {
  return text
    .split(/[、，,;；\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
