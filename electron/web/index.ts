import { join, resolve } from 'node:path';
import { createCore } from '../core/core';
import { appFolderName, defaultAppDataDir, readFlag, resolveDataDir } from '../core/dataDir';
import { registerProgramFolder } from '../core/files/export/paths';
import { createWebHost } from './server';
import { fileClock } from './testClock';

// `npm run web -- --data DIR --port N`: the program in a browser tab, for machines without the
// Electron binary, for development and for the end-to-end tests.
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const dataDir = resolveDataDir(argv, process.env, join(defaultAppDataDir(), appFolderName));
  const port = Number(readFlag(argv, '--port') ?? process.env.LEDGER_PORT ?? 4310);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`端口"${readFlag(argv, '--port')}"无效，请给出 1–65535 之间的数字，例如 --port 4310`);
    process.exit(2);
  }
  const staticDir = process.env.LEDGER_STATIC_DIR ?? resolve(__dirname, '../renderer');
  // Files there are served to anyone who asks: exports and backups may not be written into it.
  registerProgramFolder(staticDir);
  registerProgramFolder(resolve(__dirname, '..'));
  const clockFile = process.env.LEDGER_TEST_CLOCK_FILE;
  const core = await createCore(clockFile ? { dataDir, clock: fileClock(clockFile), autoBackup: true, program: 'web' } : { dataDir, autoBackup: true, program: 'web' });
  if (clockFile) console.log(`测试时钟：${clockFile}`);
  if (core.backupFile) console.log(`升级数据结构前已备份：${core.backupFile}`);
  const server = createWebHost({ core, staticDir });
  server.on('error', (err: NodeJS.ErrnoException) => {
    console.error(err.code === 'EADDRINUSE' ? `端口 ${port} 已被占用，请换一个：--port 4311` : err);
    process.exit(1);
  });
  // Loopback only: the ledger holds ID numbers and must never be reachable from the network.
  server.listen(port, '127.0.0.1', () => {
    const address = server.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    console.log(`乡村振兴台账（浏览器方式）已启动：http://127.0.0.1:${actual}/`);
    console.log(`数据文件夹：${dataDir}`);
  });
  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    server.close();
    server.closeAllConnections();
    void core.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error('启动失败：', err instanceof Error ? err.message : err);
  process.exit(1);
});
