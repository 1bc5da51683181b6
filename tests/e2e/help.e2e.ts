import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { templateColumns } from '../../shared/domain/importTemplate';
import { suggestedThresholds } from '../../shared/domain/thresholds';
import { expect, test } from './host';
import { firstRunSetup, login } from './steps';

test('F1 opens 帮助 from every page; its time limits are the settings in force; a template downloads from 帮助 and from the import page', async ({ page, host }) => {
  test.setTimeout(240_000); // slow when the shared test machine is busy
  const dir = mkdtempSync(join(tmpdir(), 'ledger-help-'));
  await firstRunSetup(page, host.url);
  await login(page, 'admin', 'Admin1234');

  // From a page with the focus in a text field, F1 still opens help.
  await page.getByRole('link', { name: '户籍台账' }).click();
  await page.getByRole('textbox').first().focus();
  await page.keyboard.press('F1');
  await expect(page.getByRole('heading', { name: '帮助', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: '状态说明' })).toBeVisible();
  await expect(page.getByText('未纳入（驳回）', { exact: true })).toBeVisible();
  // The time limits are those of 监测标准与时限: an admin saves 7 days of 公示 and the page says so.
  const saved = await page.evaluate(async (input) => {
    const r = await fetch('/api/thresholds.save', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
    return ((await r.json()) as { ok: boolean }).ok;
  }, { ...suggestedThresholds(2020), noticeDays: 7, version: null });
  expect(saved).toBe(true);
  await page.reload();
  await expect(page.getByTestId('workflow-help')).toContainText('村内公示不少于 7 天');
  await expect(page.getByTestId('workflow-help')).toContainText('2020 年起执行');
  await expect(page.getByText(/^数据文件夹：/)).toBeVisible();
  await expect(page.getByTestId('about-data-dir')).not.toBeEmpty();

  // The households template: the header row the import recognises.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载“户籍与家庭成员”模板' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('导入模板-户籍与家庭成员.xlsx');
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0]!;
  const headers = templateColumns('households').map((_c, i) => String(ws.getRow(1).getCell(i + 1).value));
  expect(headers).toEqual(templateColumns('households').map((c) => c.header));
  await page.screenshot({ path: 'tests/output/screens/help.png', fullPage: false });

  // The import page links to the chosen kind's template and lists the columns it recognises.
  await page.getByRole('navigation', { name: '台账导航' }).getByRole('link', { name: '数据导入' }).click();
  await page.getByRole('combobox', { name: '导入类型' }).selectOption('cases');
  await page.getByRole('button', { name: '查看可识别的列名' }).click();
  await expect(page.getByTestId('import-columns-cases')).toContainText('风险识别时间');
  const again = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载“监测对象”模板' }).click();
  expect((await again).suggestedFilename()).toBe('导入模板-监测对象.xlsx');
  rmSync(dir, { recursive: true, force: true });
});
