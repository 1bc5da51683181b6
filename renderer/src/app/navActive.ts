/**
 * The one nav entry the page belongs to: the longest entry path that is the page's path or a
 * folder of it. Without "longest", 公益岗考勤与补贴 (/posts/attendance) also lit 公益性岗位 (/posts)
 * and 资金项目参数 (/funds/settings) lit 资金台账 (/funds), so two entries looked current at once.
 */
export function activeNavPath(pathname: string, paths: readonly string[]): string | null {
  let best: string | null = null;
  for (const p of paths) {
    if ((pathname === p || pathname.startsWith(`${p}/`)) && (best === null || p.length > best.length)) best = p;
  }
  return best;
}
