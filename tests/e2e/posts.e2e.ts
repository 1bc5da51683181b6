import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { idCheckDigit } from '../../shared/domain/idNumber';
import { expect, test } from './host';
import { fontsBesidesPrintFont } from './paperFonts';
import { firstRunSetup, login } from './steps';

// A clerk hires two post holders through every step on the 公益性岗位 page, types June's
// attendance in the grid (Enter moves down a column), turns it into a payment list in one click
// and prints the 花名册; Chromium prints it to PDF and pdftotext finds the names, the total in
// capitals and the content code.

const paperDir = resolve(__dirname, '..', 'output', 'paper');
const id = (first17: string) => first17 + idCheckDigit(first17);

async function api<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const res = await page.request.post(`${new URL(page.url()).origin}/api/${channel}`, { data: input });
  const body = (await res.json()) as { ok: boolean; data?: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message ?? 'failed'}`);
  return body.data as T;
}

async function dialogStep(page: Page, button: RegExp | string, title: RegExp, fill: Record<string, string>, submit: string) {
  await page.getByRole('button', { name: button }).first().click();
  const dialog = page.getByRole('dialog', { name: title });
  await expect(dialog).toBeVisible();
  for (const [label, value] of Object.entries(fill)) await dialog.getByLabel(label, { exact: true }).fill(value);
  await dialog.getByRole('button', { name: submit, exact: true }).click();
  await expect(dialog).toBeHidden();
}

test('hires post holders, enters a month of attendance, makes the payment list and prints the 花名册', async ({ page, host }) => {
  test.setTimeout(300_000);
  await host.stop();
  host.setClock('2026-06-20');
  await host.start();
  await firstRunSetup(page, host.url);
  await login(page, 'admin', 'Admin1234');
  await expect(page.getByRole('link', { name: '户籍台账', exact: true })).toBeVisible();

  const office = await api<{ villages: { id: string; groups: { id: string }[] }[] }>(page, 'settings.office', {});
  const village = office.villages[0]!;
  const member = (name: string, first17: string, relation: string) => ({ name, idNumber: id(first17), relation, education: 'juniorHigh', labor: 'normal' });
  await api(page, 'households.create', {
    householdCode: '3504211010010031',
    villageId: village.id,
    groupId: village.groups[0]!.id,
    address: '坪埠村一组 31 号',
    kind: 'povertyExited',
    members: [member('赵春生', '35042119800815011', 'head'), member('钱秋菊', '35042119820406022', 'spouse')],
  });

  // 新设岗位 through the form.
  await page.getByRole('link', { name: '公益性岗位', exact: true }).click();
  await expect(page.getByRole('heading', { name: '公益性岗位' })).toBeVisible();
  await page.getByRole('button', { name: '新设岗位' }).click();
  const postDialog = page.getByRole('dialog', { name: '新设公益性岗位' });
  await postDialog.getByLabel('岗位名称').fill('坪埠村保洁员');
  await postDialog.getByRole('combobox', { name: '岗位类型' }).click();
  await page.getByRole('option', { name: '保洁员', exact: true }).click();
  await postDialog.getByRole('combobox', { name: '资金渠道' }).click();
  await page.getByRole('option', { name: '衔接资金' }).click();
  await postDialog.getByLabel('补贴标准（元/月）').fill('500');
  await postDialog.getByLabel('岗位数（名额）').fill('2');
  await postDialog.getByRole('button', { name: '保存', exact: true }).click();
  await expect(postDialog).toBeHidden();
  await expect(page.getByRole('cell', { name: '坪埠村保洁员' })).toBeVisible();

  await dialogStep(page, '公告', /发布招聘公告/, { 公告日期: '2026-06-01' }, '登记公告');

  for (const name of ['赵春生', '钱秋菊']) {
    await page.getByRole('button', { name: '受理申报' }).click();
    const apply = page.getByRole('dialog', { name: /受理申报/ });
    await apply.getByLabel('查找本村人员').fill(name);
    await apply.getByRole('combobox', { name: '申报人' }).click();
    await page.getByRole('option', { name: new RegExp(name) }).click();
    await apply.getByLabel('申报日期').fill('2026-06-02');
    await apply.getByRole('button', { name: '受理申报', exact: true }).click();
    await expect(apply).toBeHidden();
    const row = () => page.getByRole('row', { name: new RegExp(name) });
    const step = async (label: string, fill: Record<string, string>) => {
      await row().getByRole('button', { name: `办理${label}` }).click();
      const dialog = page.getByRole('dialog', { name: new RegExp(`办理「${label}」`) });
      await dialog.getByLabel('经办人 / 参加人员').fill('村支书、村主任');
      for (const [l, v] of Object.entries(fill)) await dialog.getByLabel(l, { exact: true }).fill(v);
      await dialog.getByRole('button', { name: '办理', exact: true }).click();
      await expect(dialog).toBeHidden();
    };
    await step('村评议', { 办理日期: '2026-06-03' });
    await step('乡审核', { 办理日期: '2026-06-04' });
    await step('公示', { 办理日期: '2026-06-05', 公示开始日期: '2026-06-05', '公示结束日期（至少 3 天）': '2026-06-07' });
    await step('签协议', { 办理日期: '2026-06-08', 协议开始日期: '2026-06-08', '协议结束日期（每次最长一年）': '2027-06-07' });
    await step('在岗', { 办理日期: '2026-06-08' });
    await expect(row().getByText('在岗', { exact: true })).toBeVisible();
  }

  // June's attendance: the days column typed top to bottom with Enter.
  await page.getByRole('link', { name: '公益岗考勤与补贴' }).click();
  await page.getByLabel('月份').fill('2026-06');
  const first = page.getByLabel('赵春生 出勤天数');
  await first.fill('20');
  await first.press('Enter');
  await expect(page.getByLabel('钱秋菊 出勤天数')).toBeFocused();
  await page.getByLabel('钱秋菊 出勤天数').fill('18');
  await page.getByLabel('钱秋菊 扣发或奖励').fill('-50');
  await page.getByLabel('钱秋菊 原因').fill('缺勤两次');
  await expect(page.getByRole('row', { name: /合计/ })).toContainText('950.00');
  await page.getByRole('button', { name: '生成发放清册' }).click();
  await expect(page.getByRole('heading', { name: '坪埠村 2026-06 公益性岗位补贴' })).toBeVisible();

  // 打印花名册: the print view opens in a new tab; Chromium prints it to PDF.
  const opened = page.context().waitForEvent('page');
  await page.getByRole('button', { name: '打印花名册' }).click();
  const doc = await opened;
  await doc.waitForLoadState();
  await expect(doc.getByRole('button', { name: '打印 / 另存为 PDF' })).toBeVisible();
  mkdirSync(paperDir, { recursive: true });
  const pdfPath = join(paperDir, 'payroll.pdf');
  await doc.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
  expect(fontsBesidesPrintFont(pdfPath)).toEqual([]);
  const flat = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  expect(flat).toContain('坪埠村2026-06公益性岗位补贴发放花名册');
  expect(flat).toContain('赵春生');
  expect(flat).toContain('钱秋菊');
  expect(flat).toContain('缺勤两次');
  expect(flat).toContain('950.00');
  expect(flat).toContain('人民币玖佰伍拾元整');
  expect(flat).toContain('乡镇审核');
  expect(flat).toMatch(/核验码[0-9A-F]{5}-[0-9A-F]{5}/);
  expect(flat).not.toContain('350421198008150');
  await doc.close();
});
