import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from './host';
import { firstRunSetup, login } from './steps';

const root = join(__dirname, '..', '..');

// Issue 16: while the browser host holds the data folder, the command line's restore is refused
// with the holder named (it used to rename a file under the host's connection and lose its saves);
// and the admin turns on encryption of the automatic backups on the backups page.
test('the browser host holds its data folder: cli restore is refused naming it; the admin encrypts the automatic backups', async ({ page, host }) => {
  await firstRunSetup(page, host.url);
  await login(page, 'admin', 'Admin1234');
  await expect(page.getByRole('link', { name: '户籍台账', exact: true })).toBeVisible();

  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.LEDGER_DATA_DIR;
  delete env.LEDGER_CLI_LANG;
  const restore = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'electron/cli/index.ts'), 'restore', join(host.dataDir, 'nothing.sqlite'), '--data', host.dataDir], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(restore.status).toBe(1);
  expect(restore.stderr).toMatch(/数据文件夹正被“浏览器服务”（进程 \d+，主机 .+，自 \d\d:\d\d 起）使用/);

  await page.goto(`${host.url}#/backups`);
  const section = page.getByRole('heading', { name: '自动备份加密' }).locator('xpath=ancestor::div[contains(@class, "Paper")][1]');
  await expect(page.getByRole('heading', { name: '自动备份加密' })).toBeVisible();
  await expect(section.getByText('未开启')).toBeVisible();
  await section.getByRole('button', { name: '开启加密…' }).click();
  await section.getByLabel('口令', { exact: true }).fill('村里的备份口令2026');
  await section.getByLabel('再次输入口令').fill('村里的备份口令2026');
  await section.getByRole('button', { name: '开启加密' }).click();
  await expect(page.getByText('自动备份已加密')).toBeVisible();
  await expect(section.getByText('已开启')).toBeVisible();
  await expect(section.getByRole('button', { name: '关闭加密' })).toBeVisible();
});
