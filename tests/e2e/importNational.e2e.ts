import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { idCheckDigit } from '../../shared/domain/idNumber';
import { expect, test } from './host';
import { firstRunSetup, login } from './steps';

// Issue 11: an office starts from the national system's person-level export — one pick brings in
// households, members, the year's 人均纯收入 and the monitoring status; what the file lacks is a
// 待补充 worklist.

const id = (first17: string) => first17 + idCheckDigit(first17);
const headers = [
  '序号', '数据日期', '行政村', '自然村', '户编号', '人编号', '姓名', '证件号码', '人数', '与户主关系', '民族', '文化程度', '健康状况', '劳动技能',
  '户类型', '人均纯收入', '易返贫致贫户(监测对象)类型', '致贫原因1', '风险识别时间', '风险是否消除', '风险消除时间',
];
// 3 households, 6 people: an exited household with a disabled member (no 残疾类别 column), a
// monitored one, an ordinary one; one exact duplicate row and a 合计 line.
const people: (string | number)[][] = [
  ['坪埠村', '一组', '3504211010010001', '01', '张建国', id('35042119750312001'), 3, '户主', '汉族', '初中', '健康', '普通劳动力', '脱贫户', '12,345.60', '', '', '', '', ''],
  ['坪埠村', '一组', '3504211010010001', '02', '李秀英', id('35042119780520002'), 3, '配偶', '汉族', '小学', '残疾', '弱劳动力或半劳动力', '脱贫户', '12,345.60', '', '', '', '', ''],
  ['坪埠村', '一组', '3504211010010001', '03', '张浩然', id('35042120000905049'), 3, '之子', '汉族', '高中', '健康', '普通劳动力', '脱贫户', '12,345.60', '', '', '', '', ''],
  ['坪埠村', '三组', '3504211010010003', '01', '刘明', id('35042119800303005'), 1, '户主', '汉族', '高中', '患有大病', '丧失劳动力', '监测户', '6800', '边缘易致贫户', '因病', '202305', '否', ''],
  ['坪埠村', '二组', '3504211010010002', '01', '王大山', id('35042119650101003'), 2, '户主', '汉族', '小学', '健康', '普通劳动力', '一般农户', '', '', '', '', '', ''],
  ['坪埠村', '二组', '3504211010010002', '02', '陈桂花', id('35042119680202004'), 2, '配偶', '汉族', '文盲或半文盲', '健康', '普通劳动力', '一般农户', '', '', '', '', '', ''],
];

async function writeWorkbook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('已脱贫人口名单');
  ws.addRow(['明溪县城关乡已脱贫人口（含监测对象）名单']);
  ws.mergeCells(1, 1, 1, headers.length);
  ws.addRow(headers);
  people.forEach((p, i) => ws.addRow([String(i + 1), '202609', ...p]));
  ws.addRow(['7', '202609', ...people[1]!]); // the same person again, only 序号 differs
  ws.addRow(['合计', '', '', '', '', '', '', '', 6]);
  await wb.xlsx.writeFile(path);
}

async function chooseFile(page: Page, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择文件…' }).click();
  await (await chooser).setFiles(path);
}

test('onboarding from one national export: one preview with its parts, one import, then the 待补充 list opens the household', async ({ page, host }) => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-national-'));
  const file = join(dir, '已脱贫人口名单.xlsx');
  await writeWorkbook(file);

  await firstRunSetup(page, host.url);
  await login(page, 'admin', 'Admin1234');
  await page.getByRole('link', { name: '数据导入' }).click();
  await expect(page.getByRole('combobox', { name: '导入类型' })).toHaveValue('national');
  await chooseFile(page, file);

  await expect(page.getByText('表头在第 2 行，共读到 6 行数据', { exact: false })).toBeVisible();
  await expect(page.getByText('重复行 1 行', { exact: false })).toBeVisible();
  await expect(page.getByRole('textbox', { name: '收入年度' })).toHaveValue('2026');
  await expect(page.getByText('取自数据日期 202609，请核对')).toBeVisible();
  const parts = page.getByRole('table', { name: '分项预览' });
  await expect(parts.getByRole('row', { name: /户籍与家庭成员/ })).toContainText('3 户');
  await expect(parts.getByRole('row', { name: /年度收入/ })).toContainText('2 户');
  await expect(parts.getByRole('row', { name: /年度收入/ })).toContainText('1 户（无人均纯收入）');
  await expect(parts.getByRole('row', { name: /监测对象/ })).toContainText('1 户');
  await expect(parts.getByRole('row', { name: /监测对象/ })).toContainText('2 户（非监测对象（不适用））');
  await expect(page.getByLabel('预览结果').getByText('有误 0 行', { exact: true })).toBeVisible();
  await page.screenshot({ path: 'tests/output/screens/import-national-preview.png', fullPage: true });

  await page.getByRole('button', { name: '确认导入' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('将新增 6 项');
  await dialog.getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByText('已写入 6 项：新增 6 项', { exact: false })).toBeVisible();
  await expect(page.getByRole('table', { name: '导入结果（分项）' })).toBeVisible();

  // What the export did not carry is a worklist, not a wall of errors.
  await page.getByRole('link', { name: '待补充' }).click();
  const totals = page.getByLabel('待补充合计');
  await expect(totals.getByText('共 6 项')).toBeVisible();
  await expect(totals.getByText('残疾类别/等级 1')).toBeVisible();
  await expect(totals.getByText('帮扶责任人 2')).toBeVisible();
  await expect(totals.getByText('收入分项 2')).toBeVisible();
  await expect(totals.getByText('识别满一个月无帮扶措施 1')).toBeVisible();
  await page.screenshot({ path: 'tests/output/screens/pending-list.png', fullPage: true });
  const row = page.getByRole('table', { name: '待补充清单' }).getByRole('row', { name: /李秀英：残疾类别\/等级未填/ });
  await row.getByRole('button', { name: '去补充' }).click();
  await expect(page.getByRole('heading', { name: /户主 张建国/ })).toBeVisible();

  rmSync(dir, { recursive: true, force: true });
});
