import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { idCheckDigit } from '../../shared/domain/idNumber';
import { expect, test, type Host } from './host';
import { fontsBesidesPrintFont } from './paperFonts';
import { createHousehold, firstRunSetup, login } from './steps';

// 月报 (issue 14 item 2): a household entered in November; in December the clerk opens 报表 › 月报,
// which offers November, makes (stores) it, sees it listed, prints it and reads the PDF back.

const paperDir = resolve(__dirname, '..', 'output', 'paper');
const id = (first17: string) => first17 + idCheckDigit(first17);

async function moveClock(page: Page, host: Host, day: string): Promise<void> {
  host.setClock(day);
  await page.reload();
  await expect(page.getByText('已锁定')).toBeVisible();
  await page.getByLabel('密码', { exact: true }).fill('Admin1234');
  await page.getByRole('button', { name: '解锁' }).click();
  await expect(page.getByText('已锁定')).toBeHidden();
}

test('the 月报 of last month is made, listed, printed and read back from the PDF', async ({ page, host }) => {
  test.setTimeout(180_000);
  await host.stop();
  host.setClock('2026-11-20');
  await host.start();
  await firstRunSetup(page, host.url);
  // Setting up writes the whole office; on a busy machine that takes longer than one expect.
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible({ timeout: 60_000 });
  await login(page, 'admin', 'Admin1234');
  await createHousehold(page, {
    code: '3504211010010041',
    village: '坪埠村',
    group: '一组',
    kind: '脱贫户',
    address: '坪埠村一组 41 号',
    people: [
      { name: '陈永福', idNumber: id('35042119850312001'), relation: '户主', education: '初中', labor: '普通劳动力' },
      { name: '李秀兰', idNumber: id('35042119870405002'), relation: '配偶', education: '初中', labor: '普通劳动力' },
    ],
  });
  await moveClock(page, host, '2026-12-06');

  await page.getByRole('link', { name: '月报', exact: true }).click();
  await expect(page.getByRole('heading', { name: '月报' })).toBeVisible();
  await expect(page.getByText('还没有存档的月报')).toBeVisible();
  const preview = page.getByRole('table', { name: '表一　户籍与监测动态' }).last();
  await expect(preview.getByRole('row', { name: /合计/ })).toContainText('1');
  await page.getByRole('button', { name: '生成并存档2026年11月月报' }).click();
  const listed = page.getByRole('table', { name: '已存档的月报' });
  await expect(listed.getByRole('cell', { name: '2026年11月', exact: true })).toBeVisible();
  await expect(listed.getByRole('cell', { name: '林主任', exact: true })).toBeVisible();

  const opened = page.context().waitForEvent('page');
  await listed.getByRole('button', { name: '打印2026年11月月报' }).click();
  const doc = await opened;
  await doc.waitForLoadState();
  mkdirSync(paperDir, { recursive: true });
  const pdfPath = join(paperDir, 'monthly-report.pdf');
  await doc.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
  expect(fontsBesidesPrintFont(pdfPath)).toEqual([]);
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  const flat = text.replace(/\s+/g, '');
  expect(flat).toContain('城关乡2026年11月防止返贫监测月报');
  expect(flat).toContain('统计月份：2026年11月（截至2026年11月30日）');
  expect(flat).toContain('填报人：林主任');
  expect(flat).toContain('审核人（签字）');
  expect(flat).toContain('表一户籍与监测动态');
  expect(flat).toContain('坪埠村');
  expect(flat).toMatch(/核验码[0-9A-F]{5}-[0-9A-F]{5}/);
  // 合计 of 表一: 1 household (脱贫户), 2 people.
  expect(text).toMatch(/合计\s+1\s+1\s+0\s+0\s+2\s/);
  await doc.close();
});
