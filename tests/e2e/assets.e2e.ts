import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { intoLibraryDays, projectInput, stepInput, throughAcceptanceDays } from '../fixtures/fundsInputs';
import { expect, test } from './host';
import { fontsBesidesPrintFont } from './paperFonts';
import { firstRunSetup, login, typeDate } from './steps';

// 项目资产 end to end (issue 13 item 5): a project finished (entered through the API with the
// page's cookie: funds.e2e clicks the library through already), then from the UI the asset is
// registered from it on 资产台账, a year's income is recorded on the asset's page, and the
// 资产公示 is printed to PDF and read back with pdftotext.

const paperDir = resolve(__dirname, '..', 'output', 'paper');

async function api<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const res = await page.request.post(`${new URL(page.url()).origin}/api/${channel}`, { data: input });
  const body = (await res.json()) as { ok: boolean; data?: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message ?? 'failed'}`);
  return body.data as T;
}

/** A project taken from 村申报 to 验收 (notices of the default minimum, 10 days). */
async function finishedProject(page: Page): Promise<void> {
  const office = await api<{ villages: { id: string }[] }>(page, 'settings.office', {});
  const p = await api<{ id: string }>(page, 'funds.createProject', projectInput(office.villages[0]!.id));
  for (const [step, date, noticeEnd] of [...intoLibraryDays, ...throughAcceptanceDays]) {
    await api(page, 'funds.recordStep', stepInput(p.id, step, date, noticeEnd));
  }
}

test('an asset registered from a finished project, its yearly income, and the printed 资产公示', async ({ page, host }) => {
  test.setTimeout(180_000);
  await host.stop();
  host.setClock('2026-12-20');
  await host.start();
  await firstRunSetup(page, host.url);
  await login(page, 'admin', 'Admin1234');
  await expect(page.getByRole('link', { name: '户籍台账', exact: true })).toBeVisible();
  await finishedProject(page);

  await page.getByRole('link', { name: '项目资产' }).click();
  await page.getByRole('button', { name: '登记资产' }).click();
  const dialog = page.getByRole('dialog', { name: '登记项目资产' });
  await dialog.getByLabel('形成项目（须已完工）').selectOption({ label: 'XM2026-0001 坪埠村食用菌大棚' });
  await dialog.getByLabel('资产名称').fill('食用菌大棚 20 个');
  await dialog.getByLabel('资产类别').selectOption({ label: '经营性' });
  await typeDate(dialog.getByLabel('形成日期'), '2026-07-05');
  await dialog.getByLabel('所在村').selectOption({ label: '坪埠村' });
  await dialog.getByLabel('数量').fill('20 个');
  await dialog.getByLabel('资产原值（元）').fill('600000');
  await dialog.getByLabel('金额（元）').fill('600000');
  await dialog.getByLabel('所有权人').fill('坪埠村股份经济合作社');
  await dialog.getByLabel('经营主体').fill('绿源食用菌专业合作社');
  await dialog.getByLabel('管护主体').fill('坪埠村村民委员会');
  await dialog.getByLabel('管护责任人').fill('王村长');
  await dialog.getByRole('button', { name: '登记资产' }).click();
  await expect(page.getByRole('heading', { name: /ZC2026-0001 食用菌大棚 20 个/ })).toBeVisible();

  await page.getByRole('button', { name: '登记事项' }).click();
  const event = page.getByRole('dialog', { name: '登记资产事项' });
  await event.getByLabel('事项').selectOption({ label: '年度收益' });
  await typeDate(event.getByLabel('日期'), '2026-12-15');
  await event.getByLabel('金额（元）').fill('36000');
  await event.getByLabel('说明').fill('合作社租金');
  await event.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.getByRole('table', { name: '资产事项' }).getByRole('cell', { name: '36,000.00 元' })).toBeVisible();
  await expect(page.getByText('36,000.00 / 0.00 / 0.00 元')).toBeVisible();

  const opened = page.context().waitForEvent('page');
  await page.getByRole('button', { name: '打印资产公示' }).click();
  const doc = await opened;
  await doc.waitForLoadState();
  mkdirSync(paperDir, { recursive: true });
  const pdfPath = join(paperDir, 'asset-notice.pdf');
  await doc.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
  expect(fontsBesidesPrintFont(pdfPath)).toEqual([]);
  const flat = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  expect(flat).toContain('城关乡扶贫（衔接）项目资产公示');
  expect(flat).toContain('资产编号ZC2026-0001');
  expect(flat).toContain('食用菌大棚20个');
  expect(flat).toContain('XM2026-0001坪埠村食用菌大棚');
  expect(flat).toContain('600,000.00元');
  expect(flat).toContain('村级坪埠村股份经济合作社');
  expect(flat).toContain('绿源食用菌专业合作社');
  expect(flat).toContain('36,000.00元');
  expect(flat).toContain('12317');
  expect(flat).toContain('0598-2812345');
  expect(flat).toMatch(/核验码[0-9A-F]{5}-[0-9A-F]{5}/);
  await doc.close();

  // The ledger shows the asset with its income.
  await page.getByRole('link', { name: '项目资产' }).click();
  await expect(page.getByText('绿源食用菌专业合作社')).toBeVisible();
  await expect(page.getByText('36,000.00').first()).toBeVisible();
});
