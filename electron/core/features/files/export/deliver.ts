import { basename, dirname } from 'node:path';
import { mapDiskFull } from '../../../diskFull';
import { checkExportFileName, checkOutsideProgramFolders } from '../../../files/export/paths';
import { copyFileComplete } from '../../../files/export/sink';

/**
 * Hands a produced file (an export in the outbox) over to the place a person chose: refused inside
 * the program's own folders and under a Windows device name, copied so that `target` only ever
 * names the complete file, and a full drive reported as such. The command line's export uses it;
 * the desktop's save dialog should too.
 */
export function deliverFile(source: string, target: string, dataDir: string, sizeBytes: number): void {
  checkOutsideProgramFolders(dirname(target), dataDir);
  checkExportFileName(basename(target));
  try {
    copyFileComplete(source, target);
  } catch (err) {
    throw mapDiskFull(err, dirname(target), sizeBytes);
  }
}
