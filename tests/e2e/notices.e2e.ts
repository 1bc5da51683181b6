import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { idCheckDigit } from '../../shared/domain/idNumber';
import { expect, test } from './host';
import { fontsBesidesPrintFont } from './paperFonts';
import { firstRunSetup, login } from './steps';

// A village's identification notice, printed from the 公示名单 page: the print view opens in a new
// tab, Chromium prints it to PDF, pdftotext reads it back (title, period, content code, no full
// ID number), page 1 is kept as a PNG; then the code typed into 纸质件核验 matches the record.

const paperDir = resolve(__dirname, '..', 'output', 'paper');
const id = (first17: string) => first17 + idCheckDigit(first17);

let baseUrl = '';

async function api<T>(request: APIRequestContext, channel: string, input: unknown): Promise<T> {
  const res = await request.post(new URL(`api/${channel}`, baseUrl).href, { data: input });
  const body = (await res.json()) as { ok: boolean; data?: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message ?? 'failed'}`);
  return body.data as T;
}

/** Preconditions through the API with the page's cookie: a household and its case at the notice step. */
async function caseAtNotice(page: Page, n: number, head: string, villageId: string, groupId: string): Promise<void> {
  const r = page.request;
  const member = (name: string, first17: string, relation: string) => ({ name, idNumber: id(first17), relation, education: 'juniorHigh', labor: 'normal' });
  const { id: householdId } = await api<{ id: string }>(r, 'households.create', {
    householdCode: `350421101001000${n}`,
    villageId,
    groupId,
    address: `坪埠村一组 ${n} 号`,
    phone: '13905981234',
    kind: 'povertyExited',
    members: [member(head, `35042119700815${String(10 + n).padStart(3, '0')}`, 'head'), member('刘小梅', `35042119720406${String(20 + n).padStart(3, '0')}`, 'spouse')],
  });
  const opened = await api<{ case: { id: string } }>(r, 'monitoring.open', { householdId, clueSource: 'cadreVisit', clueDate: '2026-04-20', risks: ['illness'] });
  const caseId = opened.case.id;
  const step = (s: string, date: string, extra: Record<string, unknown> = {}) =>
    api(r, 'monitoring.recordStep', { id: caseId, step: s, date, people: ['王干部'], outcome: 'passed', ...extra });
  await step('apply', '2026-04-21');
  const negativeList = Object.fromEntries(
    ['publicSalary', 'company', 'assets', 'wellOffSupporters', 'illegal', 'unwillingToWork', 'refusedAssetCheck', 'absentOverYear', 'villageLeader', 'privateSchooling'].map((k) => [k, false]),
  );
  await step('homeCheck', '2026-04-22', { people: ['王干部', '刘会计'], details: { negativeList } });
  await step('villageReview', '2026-04-23');
  await step('notice', '2026-04-24', { details: { notice: { startDate: '2026-04-24', endDate: '2026-04-28', place: '村务公开栏' } } });
}

test('a village notice is printed to PDF with its period and code, and the code verifies against the record', async ({ page, host }) => {
  test.setTimeout(120_000);
  await host.stop();
  host.setClock('2026-04-25');
  baseUrl = await host.start();
  await firstRunSetup(page, host.url);
  await login(page, 'admin', 'Admin1234');
  await expect(page.getByRole('link', { name: '公示名单' })).toBeVisible();

  const office = await api<{ villages: { id: string; groups: { id: string }[] }[] }>(page.request, 'settings.office', {});
  const village = office.villages[0]!;
  await caseAtNotice(page, 1, '王大山', village.id, village.groups[0]!.id);
  await caseAtNotice(page, 2, '陈二水', village.id, village.groups[0]!.id);

  await page.getByRole('link', { name: '公示名单' }).click();
  await page.getByLabel('公示类型').selectOption({ label: '识别公示（拟纳入监测对象）' });
  await page.getByLabel('村', { exact: true }).selectOption({ label: '坪埠村（2 户待公示）' });
  const list = page.getByRole('table', { name: '公示名单' });
  await expect(list.getByRole('cell', { name: '王大山' })).toBeVisible();
  await expect(list.getByRole('cell', { name: '陈二水' })).toBeVisible();

  const opened = page.context().waitForEvent('page');
  await page.getByRole('button', { name: '打印公示' }).click();
  const doc = await opened;
  await doc.waitForLoadState();
  await expect(doc.getByRole('button', { name: '打印 / 另存为 PDF' })).toBeVisible();
  await expect(page.getByText('已生成 1 份公示，已记入打印记录')).toBeVisible();
  const shownCode = (await page.getByText(/，核验码/).textContent())?.match(/[0-9A-F]{5}-[0-9A-F]{5}/)?.[0];
  expect(shownCode).toBeTruthy();

  mkdirSync(paperDir, { recursive: true });
  const pdfPath = join(paperDir, 'notice.pdf');
  await doc.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
  expect(fontsBesidesPrintFont(pdfPath)).toEqual([]);
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  const flat = text.replace(/\s+/g, '');
  expect(flat).toContain('坪埠村防止返贫监测对象识别公示');
  expect(flat).toContain('2026年4月24日至2026年4月28日');
  expect(flat).toContain(`核验码${shownCode}`);
  expect(flat).toContain('王大山');
  expect(flat).toContain('第1页/共1页');
  expect(flat).toContain('打印林主任');
  expect(flat).not.toMatch(/\d{17}[\dX]/);
  expect(flat).not.toContain('另存为PDF');
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdfPath, join(paperDir, 'notice')]);
  expect(readFileSync(join(paperDir, 'notice.png')).subarray(1, 4).toString()).toBe('PNG');
  await doc.close();

  await page.getByRole('link', { name: '纸质件核验' }).click();
  await page.getByLabel('核验码').fill(shownCode!.toLowerCase().replace('-', ''));
  await page.getByRole('button', { name: '核验', exact: true }).click();
  const card = page.getByLabel('核验结果');
  await expect(card.getByText('与当前记录一致')).toBeVisible();
  await expect(card.getByText('坪埠村防止返贫监测对象识别公示（识别公示）')).toBeVisible();
  await expect(card.getByRole('link', { name: /王大山/ })).toBeVisible();

  await page.getByLabel('核验码').fill('00000-00000');
  await page.getByRole('button', { name: '核验', exact: true }).click();
  await expect(page.getByText('未找到这个核验码')).toBeVisible();
});
