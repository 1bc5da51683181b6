const pad = (n: number): string => String(n).padStart(2, '0');

/** An ISO-8601 instant shown in the PC's local time as 'YYYY-MM-DD HH:mm:ss'. */
export function formatDateTime(iso: string | null | undefined, empty = '—'): string {
  if (!iso) return empty;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** "明溪县城关乡" from the office's county and township names. */
export function officeName(office: { countyName: string; townshipName: string } | null | undefined): string {
  return office ? `${office.countyName}${office.townshipName}` : '';
}
