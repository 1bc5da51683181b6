import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { idCheckDigit } from '../../shared/domain/idNumber';
import { expect, test } from './host';
import { firstRunSetup, login } from './steps';

const id = (first17: string) => first17 + idCheckDigit(first17);
/** A wrong check digit: the row the preview must refuse. */
function badId(first17: string): string {
  const right = idCheckDigit(first17);
  return first17 + (right === '1' ? '2' : '1');
}

const son = id('35042120090905049');
const headers = ['序号', '县(市、区、旗)', '乡(镇)', '行政村', '自然村', '户编号', '人编号', '姓名', '证件号码', '人数', '与户主关系', '民族', '文化程度', '在校生状况', '健康状况', '劳动技能', '户联系电话', '户类型'];
// 3 households, 7 people, as the national system exports them: one row per person.
const people: (string | number)[][] = [
  ['坪埠村', '一组', '3504211010010001', '01', '张建国', id('35042119750312001'), 3, '户主', '汉族', '初中', '非在校生', '健康', '普通劳动力', '13859001234', '脱贫户'],
  ['坪埠村', '一组', '3504211010010001', '02', '李秀英', id('35042119780520002'), 3, '配偶', '汉族', '小学', '非在校生', '长期慢性病', '弱劳动力或半劳动力', '13859001234', '脱贫户'],
  // Full-width digits at the start and a lowercase x at the end: must clean up to the right number.
  ['坪埠村', '1组', '3504211010010001', '03', '张浩然', `３５０${son.slice(3, 17)}x`, 3, '之子', '汉族', '初中', '八年级', '健康', '无劳动力', '13859001234', '脱贫户'],
  ['坪埠村', '二组', '3504211010010002', '01', '王大山', id('35042119650101003'), 2, '户主', '汉族', '小学', '非在校生', '健康', '普通劳动力', '', '一般农户'],
  ['坪埠村', '二组', '3504211010010002', '02', '陈桂花', id('35042119680202004'), 2, '配偶', '汉族', '文盲或半文盲', '非在校生', '健康', '普通劳动力', '', '一般农户'],
  ['坪埠村', '三组', '3504211010010003', '01', '刘明', id('35042119800303005'), 2, '户主', '汉族', '高中', '非在校生', '患有大病', '丧失劳动力', '13859005678', '监测户'],
  ['坪埠村', '三组', '3504211010010003', '02', '刘小红', badId('35042120100404006'), 2, '之女', '汉族', '小学', '小学', '健康', '无劳动力', '13859005678', '监测户'],
];

async function writeWorkbook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('已脱贫人口名单');
  ws.addRow(['明溪县城关乡坪埠村已脱贫人口及监测对象名单']);
  ws.mergeCells(1, 1, 1, headers.length);
  ws.addRow(headers);
  people.forEach((p, i) => ws.addRow([String(i + 1), '明溪县', '城关乡', ...p]));
  await wb.xlsx.writeFile(path);
}

async function chooseFile(page: Page, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择文件…' }).click();
  await (await chooser).setFiles(path);
}

test('import a national-style workbook: preview with counts and the bad row, import the valid rows, re-import changes nothing', async ({ page, host }) => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-import-'));
  const file = join(dir, '坪埠村名单.xlsx');
  await writeWorkbook(file);

  await firstRunSetup(page, host.url);
  await login(page, 'admin', 'Admin1234');
  await page.getByRole('link', { name: '数据导入' }).click();
  // The national export (all parts at once) is the default pick; this file is read as households only.
  await expect(page.getByRole('combobox', { name: '导入类型' })).toHaveValue('national');
  await page.getByRole('combobox', { name: '导入类型' }).selectOption('households');
  await chooseFile(page, file);

  const counts = page.getByLabel('预览结果');
  await expect(counts.getByText('新增 2 户', { exact: true })).toBeVisible();
  await expect(counts.getByText('变更 0 户', { exact: true })).toBeVisible();
  await expect(counts.getByText('无变化 0 户', { exact: true })).toBeVisible();
  await expect(counts.getByText('有误 2 行', { exact: true })).toBeVisible();
  await expect(page.getByText('表头在第 2 行，共读到 7 行数据', { exact: false })).toBeVisible();
  // The column mapping found the national headers.
  await expect(page.getByRole('combobox', { name: '“证件号码”导入为' })).toHaveValue('idNumber');
  await expect(page.getByRole('combobox', { name: '“人编号”导入为' })).toHaveValue('');

  // The bad ID number is on line 9 (title row, header row, then 7 people); its household-mate on line 8.
  const invalid = page.getByRole('table', { name: '有误的行' });
  const badRow = invalid.getByRole('row').filter({ has: page.getByRole('cell', { name: '9', exact: true }) });
  await expect(badRow).toContainText('第 9 行：证件号码：身份证号码最后一位校验码对不上');
  const mateRow = invalid.getByRole('row').filter({ has: page.getByRole('cell', { name: '8', exact: true }) });
  await expect(mateRow).toContainText('同户（户编号 3504211010010003）第 9 行有误，整户未导入');
  await page.screenshot({ path: 'tests/output/screens/import-preview.png', fullPage: true });

  await page.getByLabel('只导入正确的行并生成错误清单').check();
  await page.getByRole('button', { name: '确认导入' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('将新增 2 户，变更 0 户');
  await dialog.getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByText('已写入 2 户：新增 2 户，变更 0 户，无变化 0 户；有误未导入 2 行。')).toBeVisible();
  await expect(page.getByRole('button', { name: '下载错误清单' })).toBeVisible();

  // The imported household is in the register, with the cleaned ID number.
  await page.getByRole('link', { name: '户籍台账', exact: true }).click();
  await expect(page.getByText('共 2 户')).toBeVisible();
  await page.getByLabel('姓名/身份证号/户编号').fill('张建');
  await expect(page.getByText('共 1 户')).toBeVisible();
  await page.getByText('张建国').first().click();
  await expect(page.getByRole('heading', { name: /户主 张建国/ })).toBeVisible();
  await expect(page.getByText('家庭成员（在册 3 人）')).toBeVisible();
  expect(son.endsWith('X')).toBe(true);
  await expect(page.getByRole('cell', { name: son, exact: true })).toBeVisible();

  // The same file again: nothing new, nothing changed.
  await page.getByRole('link', { name: '数据导入' }).click();
  await page.getByRole('combobox', { name: '导入类型' }).selectOption('households');
  await chooseFile(page, file);
  await expect(counts.getByText('新增 0 户', { exact: true })).toBeVisible();
  await expect(counts.getByText('变更 0 户', { exact: true })).toBeVisible();
  await expect(counts.getByText('无变化 2 户', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: '确认导入' })).toBeDisabled();

  // The mapping kept as a preset is offered next time.
  await page.getByLabel('预设名称').fill('国家系统名单');
  await page.getByRole('button', { name: '保存为预设' }).click();
  await expect(page.getByText('已保存预设“国家系统名单”')).toBeVisible();
  await expect(page.getByRole('combobox', { name: '列对应预设' }).locator('option', { hasText: '国家系统名单' })).toHaveCount(1);

  rmSync(dir, { recursive: true, force: true });
});
