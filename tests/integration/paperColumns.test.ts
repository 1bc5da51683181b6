// Columns of the payment papers that a clerk reads across (issue 12): a masked ID number ending in
// X stayed on one line only when it ended in a digit (the 花名册's ID column let it break
// anywhere, so every such row took two lines), and the public list's 序号 heading broke into 序/号.
// Checked in Chromium with the print font the file embeds, on paper and in the print tab's layout:
// the text of each cell on one line box.
import { chromium, type Browser, type Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutDocuments, type LaidOutDocument } from '../../electron/core/features/print/layout';
import { paymentNoticeTable, payrollTable } from '../../electron/core/features/payments/documents';
import { chromiumLaunchOptions } from '../e2e/browser';

const meta = { fileTitle: '花名册', printedBy: '林主任', printedAt: '2026-05-31 10:30' };
const ids = ['350421********847X', '350421********5994', '350421********019X', '350421********8888'];
const rows = Array.from({ length: 120 }, (_, i) => ({
  code: `3504211010010${String(i + 1).padStart(3, '0')}`,
  name: i % 3 === 0 ? '欧阳建国' : '李芳',
  id: ids[i % ids.length]!,
  basis: '产业奖补',
  amountFen: 130_000,
  bank: i % 2 === 0 ? '未登记' : '农村信用社（农商银行） 尾号0001',
}));

let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch(chromiumLaunchOptions());
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

async function open(doc: LaidOutDocument, media: 'print' | 'screen'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.emulateMedia({ media });
  await page.setContent(layoutDocuments([doc], meta));
  await page.evaluate(() => document.fonts.ready);
  return page;
}

/** How many line boxes the text of each matching cell takes. */
function lineCounts(page: Page, selector: string): Promise<number[]> {
  return page.$$eval(selector, (cells) =>
    cells.map((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    }),
  );
}

describe('the payment papers’ columns', () => {
  it.each(['print', 'screen'] as const)('keeps every masked ID number of the 花名册 on one line, those ending in X too (%s)', async (media) => {
    const page = await open({ kind: 'paper.payroll', title: '2026年5月产业奖补发放花名册', recordCode: '350421101', contentCode: 'AAAAA-11111', body: payrollTable(rows, rows.length * 130_000) }, media);
    const idLines = await lineCounts(page, 'table.payroll tbody tr:not(.total) td:nth-child(4)');
    expect(idLines).toHaveLength(rows.length);
    expect(idLines.filter((n) => n !== 1)).toEqual([]);
    await page.close();
  });

  it('heads the public list’s columns on one line each, 序号 included, and numbers the rows of a long list', async () => {
    const page = await open({ kind: 'paper.paymentNotice', title: '2026年5月产业奖补发放公示', recordCode: '350421101', contentCode: 'BBBBB-22222', body: paymentNoticeTable(rows) }, 'print');
    expect(await lineCounts(page, 'table.grid thead th')).toEqual([1, 1, 1, 1, 1]);
    expect(await page.$$eval('table.grid tbody tr', (trs) => trs.length)).toBe(rows.length);
    expect(await page.locator('table.grid tbody tr').last().locator('td').first().textContent()).toBe('120');
    await page.close();
  });
});
