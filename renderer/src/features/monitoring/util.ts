import { notifications } from '@mantine/notifications';

/** The first message for each field path (`risks`, `details.notice.place`). */
export function firstErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    if (!(path in out)) out[path] = issue.message;
  }
  return out;
}

export function notifyDone(message: string, title = '已保存'): void {
  notifications.show({ color: 'green', title, message, autoClose: 4000 });
}

/** Names typed into one box, separated by 、，, ; or spaces. */
export function splitPeople(text: string): string[] {
  return text
    .split(/[、，,;；\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
