import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { idCheckDigit } from '../../shared/domain/idNumber';
import { expect, test } from './host';
import { fontsBesidesPrintFont } from './paperFonts';
import { caseTab, firstRunSetup, login } from './steps';

// The township leader signs the 识别审批表 on screen: the signature is drawn on the canvas with the
// mouse, the form is printed from the case page (the print view opens in a new tab), Chromium
// prints it to PDF, pdftotext finds the signer, the notice period and the content code the page
// shows; page 1 is kept as a PNG. Then a risk is added to the case and the signature is 已失效.

const paperDir = resolve(__dirname, '..', 'output', 'paper');
const id = (first17: string) => first17 + idCheckDigit(first17);

async function api<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const res = await page.request.post(`${new URL(page.url()).origin}/api/${channel}`, { data: input });
  const body = (await res.json()) as { ok: boolean; data?: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message ?? 'failed'}`);
  return body.data as T;
}

/** Preconditions through the API with the page's cookie: a case whose next step is 乡镇审核. */
async function caseAtTownship(page: Page): Promise<string> {
  const r = page;
  const office = await api<{ villages: { id: string; groups: { id: string }[] }[] }>(r, 'settings.office', {});
  const village = office.villages[0]!;
  const member = (name: string, first17: string, relation: string) => ({ name, idNumber: id(first17), relation, education: 'juniorHigh', labor: 'normal' });
  const { id: householdId } = await api<{ id: string }>(r, 'households.create', {
    householdCode: '3504211010010021',
    villageId: village.id,
    groupId: village.groups[0]!.id,
    address: '坪埠村一组 21 号',
    phone: '13905981234',
    kind: 'povertyExited',
    members: [member('王大山', '35042119700815011', 'head'), member('刘小梅', '35042119720406022', 'spouse')],
  });
  await api(r, 'income.save', { householdId, year: 2025, wageFen: 1_200_000 });
  const opened = await api<{ case: { id: string } }>(r, 'monitoring.open', {
    householdId,
    clueSource: 'cadreVisit',
    clueDate: '2026-04-20',
    clueNote: '户主住院，医疗支出大',
    risks: ['illness'],
  });
  const caseId = opened.case.id;
  const step = (s: string, date: string, extra: Record<string, unknown> = {}) =>
    api(r, 'monitoring.recordStep', { id: caseId, step: s, date, people: ['王干部'], outcome: 'passed', ...extra });
  await step('apply', '2026-04-21', { people: ['王大山'] });
  const negativeList = Object.fromEntries(
    ['publicSalary', 'company', 'assets', 'wellOffSupporters', 'illegal', 'unwillingToWork', 'refusedAssetCheck', 'absentOverYear', 'villageLeader', 'privateSchooling'].map((k) => [k, false]),
  );
  await step('homeCheck', '2026-04-22', { people: ['王干部', '刘会计'], details: { negativeList } });
  await step('villageReview', '2026-04-23', { people: ['村支书', '村主任'] });
  await step('notice', '2026-04-24', { details: { notice: { startDate: '2026-04-24', endDate: '2026-04-28', place: '村务公开栏' } } });
  await api(r, 'monitoring.update', { id: caseId, category: 'unstableExited' });
  return caseId;
}

test('the township leader signs the approval form on screen; the printed PDF carries the signer, the period and the code', async ({ page, host }) => {
  test.setTimeout(150_000);
  await host.stop();
  host.setClock('2026-04-30');
  await host.start();
  await firstRunSetup(page, host.url);
  await login(page, 'admin', 'Admin1234');
  await expect(page.getByRole('link', { name: '户籍台账', exact: true })).toBeVisible();

  const caseId = await caseAtTownship(page);
  await page.goto(`${host.url}#/monitoring/${caseId}`);
  await expect(page.getByRole('heading', { name: /监测对象 JC2026-/ })).toBeVisible();

  // 表单与签字 is one click away, and the tab stays in the URL across a reload.
  await caseTab(page, '表单与签字');
  await page.reload();
  await expect(page.getByRole('tab', { name: '表单与签字' })).toHaveAttribute('aria-selected', 'true');
  const section = page.getByRole('region', { name: '表单与签字' });
  const approval = section.getByRole('article', { name: '防止返贫监测对象识别审批表' });
  await expect(approval).toBeVisible();
  const townshipRow = approval.getByRole('row', { name: /乡镇审核人/ });
  await expect(townshipRow.getByText('待签')).toBeVisible();

  // 屏幕签字: the dialog, the name, a stroke drawn with the mouse, 确认签字.
  await townshipRow.getByRole('button', { name: '屏幕签字' }).click();
  const dialog = page.getByRole('dialog', { name: /屏幕签字/ });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('签字人姓名').fill('陈乡长');
  // An empty pad is refused before anything is sent.
  await dialog.getByRole('button', { name: '确认签字' }).click();
  await expect(dialog.getByText('请在签字框内签字')).toBeVisible();
  const pad = dialog.getByLabel('签字板');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 40, box.y + 120);
  await page.mouse.down();
  for (let i = 1; i <= 24; i++) {
    await page.mouse.move(box.x + 40 + i * 18, box.y + 120 - Math.round(45 * Math.sin(i / 3)), { steps: 2 });
  }
  await page.mouse.up();
  await page.mouse.move(box.x + 120, box.y + 60);
  await page.mouse.down();
  await page.mouse.move(box.x + 200, box.y + 150, { steps: 8 });
  await page.mouse.move(box.x + 300, box.y + 70, { steps: 8 });
  await page.mouse.up();
  await dialog.getByRole('button', { name: '确认签字' }).click();
  await expect(dialog).toBeHidden();
  await expect(townshipRow.getByText('有效')).toBeVisible();
  await expect(townshipRow.getByText(/陈乡长，屏幕签字/)).toBeVisible();
  const shownCode = (await approval.getByLabel('核验码').textContent())?.trim();
  expect(shownCode).toMatch(/^[0-9A-F]{5}-[0-9A-F]{5}$/);

  // 打印: the print view opens in a new tab; Chromium prints it to PDF.
  const opened = page.context().waitForEvent('page');
  await approval.getByRole('button', { name: '打印', exact: true }).click();
  const doc = await opened;
  await doc.waitForLoadState();
  await expect(doc.getByRole('button', { name: '打印 / 另存为 PDF' })).toBeVisible();
  // The print view shows the form on the A4 sheets it prints on (the originals are print-only).
  const sheets = doc.getByLabel('打印预览').locator('.sheet');
  await expect(sheets).toHaveCount(1);
  await expect(sheets.first().getByText('第 1 页 / 共 1 页')).toBeVisible();
  await expect(sheets.first().locator('img[alt="陈乡长的签名"]')).toBeVisible();

  mkdirSync(paperDir, { recursive: true });
  const pdfPath = join(paperDir, 'form.pdf');
  await doc.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
  expect(fontsBesidesPrintFont(pdfPath)).toEqual([]);
  const flat = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  expect(flat).toContain('防止返贫监测对象识别审批表');
  expect(flat).toContain('陈乡长');
  expect(flat).toContain('2026-04-24至2026-04-28');
  expect(flat).toContain(`核验码${shownCode}`);
  expect(flat).toContain('王大山');
  expect(flat).toContain('人民币');
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdfPath, join(paperDir, 'form')]);
  expect(readFileSync(join(paperDir, 'form.png')).subarray(1, 4).toString()).toBe('PNG');
  await doc.close();

  // The record changes: a risk is added on the case page → the signature no longer stands.
  await caseTab(page, '概况');
  await page.getByRole('region', { name: '风险类型' }).getByRole('button', { name: '增加风险' }).click();
  const add = page.getByRole('dialog', { name: '增加风险类型' });
  await add.getByLabel('风险类型').selectOption({ label: '因自然灾害' });
  await add.getByRole('button', { name: '增加', exact: true }).click();
  await expect(add).toBeHidden();
  // 后退 returns to the tab before.
  await page.goBack();
  await expect(page.getByRole('tab', { name: '表单与签字' })).toHaveAttribute('aria-selected', 'true');
  await expect(townshipRow.getByText('已失效')).toBeVisible();
  await expect(townshipRow.getByRole('button', { name: '重新签字' })).toBeVisible();
  await expect(approval.getByLabel('核验码')).not.toHaveText(shownCode!);

  // 重新签字 asks for a reason.
  await townshipRow.getByRole('button', { name: '重新签字' }).click();
  const again = page.getByRole('dialog', { name: /屏幕签字/ });
  await expect(again.getByLabel('签字人姓名')).toHaveValue('陈乡长');
  await expect(again.getByLabel('重新签字原因')).toBeVisible();
  await again.getByRole('button', { name: '取消' }).click();
});
