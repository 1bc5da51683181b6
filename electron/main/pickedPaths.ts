// Folders reach the core from the desktop only through the main process's own dialog: the dialog's
// result is remembered per window, and a channel's folder field is accepted only when it is exactly
// a folder that window picked. A path the page typed (or a script in it made up) is refused. Plain
// code, no electron import, so it is tested without Electron.

/** The folder fields of the channels that write to or read from a folder outside the data folder. */
export const folderFields: Readonly<Record<string, string>> = {
  'files.submit': 'targetDir',
  'files.verifySubmission': 'dir',
  'backups.run': 'targetDir',
};

export const typedFolderRefused = '请点“选择文件夹…”按钮选择文件夹（桌面版不接受手工输入的路径）';

export class PickedPaths {
  private readonly byOwner = new Map<string, Set<string>>();

  /** Remembers a folder the owner's dialog returned; the same text is what the page sends back. */
  remember(owner: string, path: string): string {
    const set = this.byOwner.get(owner) ?? new Set<string>();
    set.add(path);
    this.byOwner.set(owner, set);
    return path;
  }

  has(owner: string, path: string): boolean {
    return this.byOwner.get(owner)?.has(path) ?? false;
  }

  /** A window closed: its picks go with it. */
  forget(owner: string): void {
    this.byOwner.delete(owner);
  }

  /**
   * null when `input` for `channel` carries no folder or only one the owner picked; otherwise the
   * refusal message. An empty or missing folder is left to the channel's own schema.
   */
  check(owner: string, channel: string, input: unknown): string | null {
    const field = folderFields[channel];
    if (!field || typeof input !== 'object' || input === null) return null;
    const value = (input as Record<string, unknown>)[field];
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return null;
    return typeof value === 'string' && this.has(owner, value) ? null : typedFolderRefused;
  }
}
