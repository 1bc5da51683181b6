// The printed file on screen is laid out only where it is in view (print/layout.ts: Chromium's PDF
// step lays the file out for the screen again after each print pass, so screen layout is most of
// the cost of a long print — issues 12 and 15), while the paper carries everything as before.
// Checked in Chromium: what the screen has laid out (checkVisibility with contentVisibilityAuto),
// what page.pdf() prints (pdftotext), and that the 花名册's columns stay in line across its row groups.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml, html } from '../../electron/core/features/print/html';
import { layoutDocuments, rowGroups, type LaidOutDocument } from '../../electron/core/features/print/layout';
import { payrollTable } from '../../electron/core/features/payments/documents';
import { printViewScript } from '../../electron/core/features/print/previewScript';
import { chromiumLaunchOptions } from '../e2e/browser';
import { fontsBesidesPrintFont } from '../e2e/paperFonts';

const meta = { fileTitle: '花名册', printedBy: '林主任', printedAt: '2026-05-31 10:30' };
const lines = 120;
const rows = Array.from({ length: lines }, (_, i) => ({
  code: `3504211010010${String(i + 1).padStart(3, '0')}`,
  name: i % 2 === 0 ? '王小军' : '李芳',
  id: '350421********1234',
  basis: '出勤 20 天',
  amountFen: 50_000,
  bank: '农村信用社（农商银行） 尾号0001',
}));
const roster: LaidOutDocument = {
  kind: 'paper.payroll',
  title: '坪埠村 2026-05 公益性岗位补贴发放花名册',
  recordCode: '350421101001',
  contentCode: 'AAAAA-11111',
  body: payrollTable(rows, lines * 50_000),
};
const forms: LaidOutDocument[] = Array.from({ length: 5 }, (_, i) => ({
  kind: 'form.approval',
  title: `识别审批表 ${i + 1}`,
  recordCode: `H${i + 1}`,
  contentCode: `BBBBB-2222${i}`,
  body: html`<p class="para">第 ${i + 1} 份表的正文</p>`,
}));

let browser: Browser;
let page: Page;
let tmp: string;

beforeAll(async () => {
  browser = await chromium.launch(chromiumLaunchOptions());
  tmp = mkdtempSync(join(tmpdir(), 'ledger-paper-screen-'));
}, 60_000);
afterAll(async () => {
  await browser?.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function open(docs: readonly LaidOutDocument[]): Promise<void> {
  page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.setContent(layoutDocuments(docs, meta));
}

let printedPages = 0;

async function printedText(name: string): Promise<string> {
  const path = join(tmp, `${name}.pdf`);
  await page.pdf({ path, preferCSSPageSize: true, printBackground: true });
  await page.close();
  expect(fontsBesidesPrintFont(path)).toEqual([]);
  printedPages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1]);
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

describe('the printed file on screen and on paper', () => {
  it('lays out on screen only the documents and the roster’s row groups in view, and prints them all', async () => {
    await open([roster, ...forms]);
    const shown = await page.evaluate(() => {
      const seen = (el: Element | undefined) => el?.checkVisibility({ contentVisibilityAuto: true }) ?? null;
      const groups = [...document.querySelectorAll('section.doc table.payroll > tbody')];
      const sections = [...document.querySelectorAll('section.doc')];
      return { groups: groups.length, firstGroup: seen(groups[0]?.querySelector('td') ?? undefined), lastGroup: seen(groups.at(-1)?.querySelector('td') ?? undefined), lastForm: seen(sections.at(-1)?.querySelector('p') ?? undefined) };
    });
    expect(shown).toEqual({ groups: 3, firstGroup: true, lastGroup: false, lastForm: false });

    const text = await printedText('all');
    expect(text).toContain('3504211010010120');
    expect(text).toMatch(/合计\s+60,000\.00/);
    for (let i = 1; i <= 5; i++) expect(text).toContain(`第 ${i} 份表的正文`);
  });

  it('keeps the roster’s columns in line across its row groups, on screen and on paper', async () => {
    await open([roster]);
    const offsets = await page.evaluate(() => {
      const lefts = (row: Element | null) => [...(row?.children ?? [])].map((c) => Math.round(c.getBoundingClientRect().left));
      return { head: lefts(document.querySelector('section.doc table.payroll thead tr')), row: lefts(document.querySelector('section.doc table.payroll tbody tr')) };
    });
    expect(offsets.row).toEqual(offsets.head);

    // Each group's last row (50, 100) prints its cells where the other rows do (the total row's
    // alignment is by class, not by being a last row).
    const text = await printedText('roster');
    const columns = (n: number) => {
      const line = text.split('\n').find((l) => new RegExp(`^\\s*${n}\\s+3504211010010`).test(l)) ?? '';
      return ['3504211010010', rows[n - 1]!.name, '350421*'].map((t) => line.indexOf(t));
    };
    for (const n of [50, 100]) expect(columns(n)).toEqual(columns(n - 2));
  });

  it('shows the roster in the print view on as many sheets as it prints on (the sheets keep its column widths)', async () => {
    await open([roster]);
    await page.addScriptTag({ content: printViewScript });
    const sheets = await page.evaluate(() => document.querySelectorAll('.preview .sheet').length);
    await printedText('roster-view');
    expect(printedPages).toBeGreaterThan(1);
    expect(sheets).toBe(printedPages);
  });

  it('shows a notice’s long list the same way: groups out of view not laid out, every row printed, columns in line', async () => {
    const list = rowGroups(rows.map((r, i) => `<tr><td class="center">${i + 1}</td><td>${escapeHtml(r.name)}</td><td>${escapeHtml(r.code)}</td><td>因病</td></tr>`));
    const notice: LaidOutDocument = {
      kind: 'notice.identification',
      title: '坪埠村防止返贫监测对象识别公示',
      recordCode: '350421101001',
      contentCode: 'CCCCC-33333',
      body: html`<table class="grid long"><thead><tr><th style="width:3em">序号</th><th>户主</th><th>户编号</th><th>主要风险</th></tr></thead>${list}</table>`,
    };
    await open([notice]);
    const shown = await page.evaluate(() => {
      const groups = [...document.querySelectorAll('section.doc table.long > tbody')];
      const lefts = (row: Element | null) => [...(row?.children ?? [])].map((c) => Math.round(c.getBoundingClientRect().left));
      return {
        groups: groups.length,
        last: groups.at(-1)?.querySelector('td')?.checkVisibility({ contentVisibilityAuto: true }),
        aligned: JSON.stringify(lefts(document.querySelector('section.doc thead tr'))) === JSON.stringify(lefts(document.querySelector('section.doc tbody tr'))),
      };
    });
    expect(shown).toEqual({ groups: 3, last: false, aligned: true });
    const text = await printedText('notice');
    for (const n of [1, 50, 51, 120]) expect(text).toContain(rows[n - 1]!.code);
  });
});
