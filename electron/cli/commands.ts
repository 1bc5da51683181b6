import type { CommandEnv, CommandOutcome } from './commandKit';
import { backupCommand, checkCommand, restoreCommand } from './dataCommands';
import { exportCommand, importCommand, submissionCommand, verifyCommand } from './fileCommands';

// The command line's commands: the data folder's own (backup, restore, check in dataCommands)
// and the files it reads and writes (export, submission, verify, import in fileCommands), over
// the shared kit in commandKit.

export { CommandFailed, cliActor } from './commandKit';
export type { CommandEnv, CommandOutcome } from './commandKit';

export const commands: Record<string, (env: CommandEnv) => Promise<CommandOutcome>> = {
  import: importCommand,
  export: exportCommand,
  submission: submissionCommand,
  verify: verifyCommand,
  backup: backupCommand,
  restore: restoreCommand,
  check: checkCommand,
};
