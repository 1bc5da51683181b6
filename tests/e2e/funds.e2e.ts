import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { openDatabase } from '../../electron/core/db/open';
import { writeFunds } from '../../electron/cli/seed/funds';
import { writeFundPayments } from '../../electron/cli/seed/fundsPayments';
import { generateTownship } from '../../electron/cli/seed/generator';
import { writeSeed } from '../../electron/cli/seed/write';
import { expect, test } from './host';
import { fontsBesidesPrintFont } from './paperFonts';
import { firstRunSetup, login } from './steps';

// Funds end to end (issue 13): a batch is entered, a project is entered and taken through the
// library by its steps (notices of the minimum length), money is allocated and disbursed, and the
// project's 入库公示 is printed to PDF and read back with pdftotext. Then, on an office with money
// paid to households, a project's 资金流向 page shows each household's line with the bank's result,
// and its printed 资金流向表 says the same totals.

const paperDir = resolve(__dirname, '..', 'output', 'paper');

async function step(page: Page, name: string, date: string, noticeEnd?: string): Promise<void> {
  const form = page.getByRole('form', { name: '办理步骤' });
  await form.getByLabel('步骤').selectOption({ label: name });
  await form.getByLabel(noticeEnd ? '公示开始日期' : '办理日期').fill(date);
  if (noticeEnd) await form.getByLabel('公示截止日期').fill(noticeEnd);
  await form.getByLabel('经办人 / 参加人员').fill('林主任、张会计');
  await form.getByRole('button', { name: '办理' }).click();
  await expect(page.getByRole('table', { name: '办理流程' }).getByRole('cell', { name, exact: true })).toBeVisible();
}

test('a batch, a project through the library, an allocation, a disbursement and the printed 入库公示', async ({ page, host }) => {
  test.setTimeout(180_000);
  await host.stop();
  host.setClock('2026-05-10');
  await host.start();
  await firstRunSetup(page, host.url);
  await login(page, 'admin', 'Admin1234');

  await page.getByRole('link', { name: '资金台账' }).click();
  await page.getByRole('button', { name: '新增资金批次' }).click();
  const batch = page.getByRole('dialog', { name: '新增资金批次' });
  await batch.getByLabel('文号').fill('明财农〔2026〕3号');
  await batch.getByLabel('下达日期').fill('2026-02-20');
  await batch.getByLabel('资金来源').selectOption({ label: '县级衔接推进乡村振兴补助资金' });
  await batch.getByLabel('下达金额（元）').fill('1000000');
  await batch.getByLabel('资金用途').fill('产业发展');
  await batch.getByRole('button', { name: '录入批次' }).click();
  await expect(page.getByRole('table', { name: '资金批次' }).getByRole('cell', { name: '明财农〔2026〕3号' })).toBeVisible();

  await page.getByRole('link', { name: '项目库台账' }).click();
  await page.getByRole('button', { name: '新建项目' }).click();
  const dialog = page.getByRole('dialog', { name: '新建项目（村申报）' });
  await dialog.getByLabel('项目名称').fill('坪埠村食用菌大棚');
  await dialog.getByLabel('实施村').click();
  await page.getByRole('listbox', { name: '实施村' }).getByRole('option', { name: '坪埠村' }).click();
  await dialog.getByLabel('建设内容').fill('新建标准化大棚 20 个');
  await dialog.getByLabel('实施单位').fill('坪埠村股份经济合作社');
  await dialog.getByLabel('批复预算（元）').fill('600000');
  await dialog.getByLabel('绩效目标').fill('带动 40 户户均增收 2000 元');
  await dialog.getByLabel('联农带农机制').fill('务工带动、入股分红');
  await dialog.getByRole('button', { name: '建立项目' }).click();
  await expect(page.getByRole('heading', { name: /XM2026-0001 坪埠村食用菌大棚/ })).toBeVisible();

  await step(page, '村申报', '2026-03-02');
  // A notice one day short is refused with the minimum from the settings.
  const form = page.getByRole('form', { name: '办理步骤' });
  await form.getByLabel('步骤').selectOption({ label: '村公示' });
  await form.getByLabel('公示开始日期').fill('2026-03-03');
  await form.getByLabel('公示截止日期').fill('2026-03-11');
  await form.getByLabel('经办人 / 参加人员').fill('村两委');
  await form.getByRole('button', { name: '办理' }).click();
  await expect(page.getByText(/村公示期不少于 10 天/).first()).toBeVisible();
  await step(page, '村公示', '2026-03-03', '2026-03-12');
  await step(page, '乡镇审核', '2026-03-13');
  await step(page, '乡公示', '2026-03-14', '2026-03-23');
  await step(page, '县审定', '2026-03-24');
  await step(page, '入库公告', '2026-03-25', '2026-04-03');
  await expect(page.getByTestId('project-status')).toHaveText('在库');
  await step(page, '列入年度计划', '2026-04-04');

  const allocate = page.getByRole('form', { name: '分配资金' });
  await allocate.getByLabel('资金批次').selectOption({ index: 1 });
  await allocate.getByLabel('分配日期').fill('2026-04-05');
  await allocate.getByLabel('分配金额（元）').fill('600000.01');
  await allocate.getByRole('button', { name: '分配' }).click();
  await expect(page.getByText(/最多还能分配 600,000.00 元/).first()).toBeVisible();
  await allocate.getByLabel('分配金额（元）').fill('600000');
  await allocate.getByRole('button', { name: '分配' }).click();
  await expect(page.getByRole('table', { name: '分配记录' }).getByRole('cell', { name: '600,000.00' })).toBeVisible();

  const disburse = page.getByRole('form', { name: '拨付资金' });
  await disburse.getByLabel('资金批次').selectOption({ index: 1 });
  await disburse.getByLabel('拨付日期').fill('2026-04-06');
  await disburse.getByLabel('拨付金额（元）').fill('180000');
  await disburse.getByLabel('凭证号').fill('记-0412');
  await disburse.getByRole('button', { name: '拨付' }).click();
  await expect(page.getByRole('table', { name: '拨付记录' }).getByRole('cell', { name: '记-0412' })).toBeVisible();
  await expect(page.getByRole('table', { name: '资金流向' }).getByRole('cell', { name: '420,000.00' })).toBeVisible();

  // The trail on screen, down to the households (none paid through a list yet), without a print.
  await page.getByRole('link', { name: '查看到户明细（发放清册每户银行结果）' }).click();
  await expect(page.getByRole('heading', { name: 'XM2026-0001 坪埠村食用菌大棚 资金流向' })).toBeVisible();
  const trail = page.getByRole('table', { name: '资金流向明细' });
  await expect(trail.getByRole('cell', { name: /^资金批次 明财农〔2026〕3号（县级衔接推进乡村振兴补助资金，2026 年度，2026-02-20 下达 1,000,000.00 元）$/ })).toBeVisible();
  await expect(trail.getByRole('row', { name: /拨付 凭证 记-0412（.+）/ })).toContainText('180,000.00');
  await expect(trail.getByRole('cell', { name: '合计：分配 600,000.00，拨付 180,000.00，到户 0.00' })).toBeVisible();
  await page.getByRole('link', { name: '返回项目' }).click();

  const opened = page.context().waitForEvent('page');
  await page.getByRole('button', { name: '打印项目公示' }).click();
  const doc = await opened;
  await doc.waitForLoadState();
  mkdirSync(paperDir, { recursive: true });
  const pdfPath = join(paperDir, 'funds-notice.pdf');
  await doc.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
  expect(fontsBesidesPrintFont(pdfPath)).toEqual([]);
  const flat = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  expect(flat).toContain('城关乡2026年度巩固衔接项目入库公示');
  expect(flat).toContain('2026年3月25日至2026年4月3日（共10天）');
  expect(flat).toContain('坪埠村食用菌大棚');
  expect(flat).toContain('12317');
  expect(flat).toContain('0598-2812345');
  expect(flat).toMatch(/核验码[0-9A-F]{5}-[0-9A-F]{5}/);
  await doc.close();

  await page.getByRole('link', { name: '资金台账' }).click();
  const county = page.getByRole('table', { name: '资金台账' }).locator('tr[data-source="county"]');
  await expect(county).toContainText('1,000,000.00');
  await expect(county).toContainText('600,000.00');
  await expect(county).toContainText('180,000.00');
});

test('a project’s money trail on screen down to each household’s bank result, and on paper', async ({ page, host }) => {
  test.setTimeout(180_000);
  await host.stop();
  const asOf = '2026-11-23';
  const township = generateTownship({ seed: 7, households: 120, countyCode: '350421', townshipCode: '350421101', asOf });
  const opened = await openDatabase({ dataDir: host.dataDir });
  await writeSeed(opened.db, township, { countyName: '明溪县', countyCode: '350421', townshipName: '城关乡', townshipCode: '350421101', adminUsername: 'admin', adminPassword: 'Admin1234' }, new Date(`${asOf}T01:00:00Z`));
  await writeFunds(opened.db, { seed: 7, asOf, years: 2, batchesPerYear: 3, projects: 8, disbursements: 40 });
  await writeFundPayments(opened.db, { seed: 7, lines: 240, perList: 60 });
  // The first project paid through lists, and what its lines say: what the page must show.
  const lines = await opened.db
    .selectFrom('payment_lines as p')
    .innerJoin('payment_lists as l', 'l.id', 'p.list_id')
    .innerJoin('fund_projects as f', 'f.id', 'l.project_id')
    .select(['f.project_code', 'f.name', 'p.amount_fen', 'p.result', 'p.household_id'])
    .orderBy('f.project_code')
    .execute();
  await opened.db.destroy();
  const code = lines[0]!.project_code;
  const mine = lines.filter((x) => x.project_code === code);
  const paidFen = mine.filter((x) => x.result === 'success').reduce((n, x) => n + x.amount_fen, 0);
  const failed = mine.filter((x) => x.result === 'failed');
  const households = new Set(mine.filter((x) => x.result === 'success').map((x) => x.household_id)).size;
  const yuan = (fen: number) => (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
  expect(failed.length).toBeGreaterThan(0);
  host.setClock(asOf);
  await host.start();

  await page.goto(host.url);
  await login(page, 'admin', 'Admin1234');
  await page.getByRole('link', { name: '项目库台账' }).click();
  await page.getByLabel('搜索').fill(code);
  await page.getByRole('row', { name: new RegExp(code) }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`^${code} `) })).toBeVisible();
  await page.getByRole('link', { name: '查看到户明细（发放清册每户银行结果）' }).click();
  await expect(page.getByRole('heading', { name: `${code} ${mine[0]!.name} 资金流向` })).toBeVisible();
  await expect(page.getByText(`${yuan(paidFen)} 元，${households} 户`)).toBeVisible();

  // Each list of 60 lines opens folded; opened, it lists every household line with the bank's result.
  const trail = page.getByRole('table', { name: '资金流向明细' });
  const lineRows = trail.getByRole('row', { name: /^\d{16} / });
  await expect(lineRows).toHaveCount(0);
  await trail.getByRole('button', { name: '展开 60 行' }).first().click();
  await expect(lineRows).toHaveCount(60);
  await expect(trail.getByRole('button', { name: '收起' })).toHaveAttribute('aria-expanded', 'true');
  // Only what the bank returned: the project's failed lines, each saying it did not count.
  await page.getByLabel('只看银行退回失败的行').check();
  await expect(lineRows).toHaveCount(failed.length);
  for (const row of await lineRows.all()) await expect(row).toContainText('失败；账户已销户；未计入到户');

  const printed = page.context().waitForEvent('page');
  await page.getByRole('button', { name: '打印资金流向表' }).click();
  const doc = await printed;
  await doc.waitForLoadState();
  mkdirSync(paperDir, { recursive: true });
  const pdfPath = join(paperDir, 'funds-trail.pdf');
  await doc.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
  expect(fontsBesidesPrintFont(pdfPath)).toEqual([]);
  const flat = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  expect(flat).toContain(`经发放清册到户${yuan(paidFen)}元（${households}户，只计银行发放成功的行）`);
  expect(flat).toMatch(/核验码[0-9A-F]{5}-[0-9A-F]{5}/);
  await doc.close();
});
