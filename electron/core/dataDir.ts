import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The folder name under the per-user application-data directory, the same for both hosts. */
export const appFolderName = 'township-ledger';

/** Where Electron keeps `userData` on each platform, so the browser host opens the same file. */
export function defaultAppDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
}

export function readFlag(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i >= 0) return argv[i + 1];
  const prefixed = argv.find((a) => a.startsWith(`${name}=`));
  return prefixed?.slice(name.length + 1);
}

/** `--data DIR`, then `LEDGER_DATA_DIR`, then the host's default (Electron's userData). */
export function resolveDataDir(argv: readonly string[], env: NodeJS.ProcessEnv, fallback: string): string {
  const flag = readFlag(argv, '--data');
  if (flag) return resolve(flag);
  if (env.LEDGER_DATA_DIR) return resolve(env.LEDGER_DATA_DIR);
  return fallback;
}
