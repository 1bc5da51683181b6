import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve, win32 } from 'node:path';
import { AppError } from '../../../../shared/lib/result';

// Where files leave the program, and under which names (issue 16, item 13). A ledger export
// written into the browser host's static folder could be downloaded by anyone on the machine
// without signing in; one written into the data folder mixes with the program's own files. And a
// name Windows reserves for a device (NUL.csv) writes nowhere, or to a printer port.

/** Windows device names, refused with or without an extension (NUL, nul.csv, COM1.xlsx …). */
const deviceName = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³]|conin\$|conout\$)(\.[^.]*)*$/i;

export function isWindowsDeviceName(name: string): boolean {
  // Windows ignores trailing dots and spaces: "NUL .csv" and "CON." are the devices too.
  const base = name.replace(/[. ]+$/, '');
  const stem = base.split('.')[0]!.trim();
  return deviceName.test(base) || deviceName.test(stem);
}

/** Refuses a file name an export may not carry. */
export function checkExportFileName(name: string): void {
  if (isWindowsDeviceName(name)) {
    throw new AppError('INVALID_INPUT', `“${name}”是 Windows 保留的设备名，不能用作文件名。请换一个文件名，例如 户籍台账.xlsx`, { out: '不能使用设备名' });
  }
}

/** A manifest's file name is one plain name inside the submission folder, nothing more. */
export function isPlainFileName(name: string): boolean {
  if (name === '' || name === '.' || name === '..') return false;
  // eslint-disable-next-line no-control-regex -- a NUL ends the name for the operating system
  if (/[\\/:\u0000]/.test(name)) return false;
  if (isAbsolute(name) || win32.isAbsolute(name)) return false;
  return basename(name) === name && !isWindowsDeviceName(name);
}

/** Folders of the program itself (the browser host's static files, the installed app), set by the hosts. */
const programFolders = new Set<string>();

export function registerProgramFolder(dir: string): void {
  programFolders.add(resolve(dir));
}

function real(path: string): string {
  // The nearest existing ancestor's real path (symlinks resolved) plus the rest.
  let existing = resolve(path);
  const rest: string[] = [];
  while (!existsSync(existing) && dirname(existing) !== existing) {
    rest.unshift(basename(existing));
    existing = dirname(existing);
  }
  try {
    existing = realpathSync(existing);
  } catch {
    // keep the resolved path
  }
  return resolve(existing, ...rest);
}

function inside(child: string, parent: string): boolean {
  const norm = (p: string) => (process.platform === 'win32' ? p.toLowerCase() : p);
  const rel = relative(norm(real(parent)), norm(real(child)));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Refuses a target folder inside the program's own folders: the data folder (except, for backups,
 * its backups folder) and the folders the hosts registered. `dir` is an absolute path.
 */
export function checkOutsideProgramFolders(dir: string, dataDir: string, allowed: readonly string[] = []): void {
  if (allowed.some((a) => inside(dir, a))) return;
  if (inside(dir, dataDir)) {
    throw new AppError('RULE', `“${dir}”在程序的数据文件夹内，不能把文件导出到这里。请选择数据文件夹以外的文件夹，例如 U 盘或“文档”中的文件夹`, {
      targetDir: '不能选择程序自己的文件夹',
    });
  }
  for (const folder of programFolders) {
    if (inside(dir, folder)) {
      throw new AppError('RULE', `“${dir}”是程序自己的文件夹，放在这里的文件可能被他人不登录就取走。请选择程序以外的文件夹，例如 U 盘或“文档”中的文件夹`, {
        targetDir: '不能选择程序自己的文件夹',
      });
    }
  }
}
