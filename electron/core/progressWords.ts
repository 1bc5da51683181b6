// A progress line the clerk reads under the bar: while working it says what is being done; at
// the last step it says what was done (issue 15 item 9: `已生成 3 份`, never `正在生成第 3 / 3 份`).

export function progressWords(done: number, total: number, working: string, finished: string): string {
  return total > 0 && done >= total ? finished : working;
}
