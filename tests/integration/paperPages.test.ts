// Forms fit their page (issue 15): an ordinary case's five forms print on one A4 page each; a long
// case breaks between sections and rows, never inside a signature block, and a table that runs on
// repeats its header row. Printed by Chromium as the desktop and the browser do; counted by pdfinfo,
// read back by pdftotext. The case through 县级审定 is kept as reviewed artifacts in
// tests/output/paper (form3-approved.pdf, form5-eliminated.pdf).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormKind } from '../../shared/domain/paper';
import { findStored } from '../../electron/core/files/store';
import { chromiumLaunchOptions } from '../e2e/browser';
import { fontsBesidesPrintFont } from '../e2e/paperFonts';
import { printViewScript } from '../../electron/core/features/print/previewScript';
import { openTestOffice, type TestOffice } from './harness';
import { caseThroughElimination, type PaperCase } from './paperCase';

const paperDir = resolve(__dirname, '..', 'output', 'paper');
const caseForms = ['form.application', 'form.collection', 'form.approval', 'form.measures', 'form.elimination'] as const satisfies readonly FormKind[];

let office: TestOffice;
let browser: Browser;
let tmp: string;

beforeAll(async () => {
  office = await openTestOffice();
  browser = await chromium.launch(chromiumLaunchOptions());
  tmp = mkdtempSync(join(tmpdir(), 'ledger-paper-'));
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await office?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Prints a form through its channel and hands the printed HTML, loaded in Chromium, to `use`. */
async function withPrinted<T>(kind: FormKind, recordId: string, use: (page: Page) => Promise<T>): Promise<T> {
  const result = await office.call('forms.print', { kind, recordId });
  const file = findStored(office.dataDir, 'outbox', result.file.fileId);
  if (!file) throw new Error('printed file missing');
  const page = await browser.newPage();
  try {
    await page.setContent(readFileSync(file.path, 'utf8'));
    return await use(page);
  } finally {
    await page.close();
  }
}

/** The print view as the screen shows it: its paged preview's sheets, each sheet's text. */
function previewSheets(kind: FormKind, recordId: string): Promise<{ texts: string[]; overflowing: number }> {
  return withPrinted(kind, recordId, async (page) => {
    await page.addScriptTag({ content: printViewScript });
    return page.evaluate(() => {
      const sheets = [...document.querySelectorAll<HTMLElement>('.preview .sheet')];
      return {
        texts: sheets.map((s) => s.innerText),
        // Too tall for its sheet, or wider than the page (Chromium would shrink the whole page to print it).
        overflowing: sheets.filter((s) => {
          const body = s.querySelector<HTMLElement>('.sheet-body')!;
          return body.offsetHeight > s.clientHeight || body.scrollWidth > body.clientWidth;
        }).length,
      };
    });
  });
}

function printPdf(kind: FormKind, recordId: string, name: string): Promise<string> {
  return withPrinted(kind, recordId, async (page) => {
    const path = join(tmp, `${name}.pdf`);
    await page.pdf({ path, preferCSSPageSize: true, printBackground: true });
    return path;
  });
}

const pagesOf = (pdf: string): number => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
const textOf = (pdf: string, page?: number): string =>
  execFileSync('pdftotext', ['-layout', ...(page ? ['-f', String(page), '-l', String(page)] : []), pdf, '-'], { encoding: 'utf8' });
const flat = (s: string): string => s.replace(/\s+/g, '');

describe('an ordinary case through 县级审定, identification and elimination', () => {
  let typical: PaperCase;
  beforeAll(async () => {
    typical = await caseThroughElimination(office);
  }, 120_000);

  it.each(caseForms)('%s prints on one page, and the print view shows one sheet', async (kind) => {
    const pdf = await printPdf(kind, typical.caseId, `typical-${kind}`);
    expect(pagesOf(pdf)).toBe(1);
    const preview = await previewSheets(kind, typical.caseId);
    expect(preview.texts).toHaveLength(1);
    expect(preview.overflowing).toBe(0);
    const text = flat(textOf(pdf));
    expect(text).toContain('第1页/共1页');
    expect(text).toContain('张大山');
  });

  it('the approval and elimination forms carry every opinion block on their one page, and are kept as artifacts', async () => {
    const approval = await printPdf('form.approval', typical.caseId, 'form3-approved');
    const elimination = await printPdf('form.elimination', typical.caseId, 'form5-eliminated');
    for (const pdf of [approval, elimination]) {
      const text = flat(textOf(pdf, 1));
      for (const block of ['村委会负责人（签字）', '乡镇审核人（签字）', '县级审定人（签字）']) expect(text).toContain(block);
      // Short cells stay whole: 通过 is not broken as 通/过 (pdftotext would show them on two lines).
      expect(textOf(pdf)).toMatch(/县级审定\s+2026-\d\d-\d\d\s+县乡村振兴局\s+通过/);
    }
    expect(flat(textOf(elimination))).toContain('核查人员（一）');
    // The file's own font, embedded as TrueType (CID) regular and bold: no Type 3 fonts, whose
    // glyph-by-glyph paths made Chromium's PDF step slow (fontSubset.ts).
    // Nothing else: a character missing from the bold face, cut to the bold text only, would come
    // from another font of the machine.
    for (const pdf of [approval, elimination]) {
      const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
      expect(fonts.filter((l) => /NotoSerifSC-(Regular|Bold)\s+CID TrueType/.test(l))).toHaveLength(2);
      expect(fonts.filter((l) => l.includes('Type 3'))).toEqual([]);
      expect(fontsBesidesPrintFont(pdf)).toEqual([]);
    }
    mkdirSync(paperDir, { recursive: true });
    copyFileSync(approval, join(paperDir, 'form3-approved.pdf'));
    copyFileSync(elimination, join(paperDir, 'form5-eliminated.pdf'));
  });
});

describe('a long case', () => {
  let long: PaperCase;
  beforeAll(async () => {
    long = await caseThroughElimination(office, { code: '3504211010010009', long: true });
  }, 120_000);

  it('the collection form runs to two pages, breaking before a whole section with its signatures', async () => {
    const pdf = await printPdf('form.collection', long.caseId, 'long-collection');
    expect(pagesOf(pdf)).toBe(2);
    const second = textOf(pdf, 2).trim();
    expect(second.startsWith('六、负面清单核查')).toBe(true);
    expect(flat(second)).toContain('户主签字：');

    // The screen's preview shows the same two sheets, broken at the same place, numbered.
    const preview = await previewSheets('form.collection', long.caseId);
    expect(preview.texts).toHaveLength(2);
    expect(preview.overflowing).toBe(0);
    expect(preview.texts[1]!.trim().startsWith('六、负面清单核查')).toBe(true);
    expect(flat(preview.texts[0]!)).toContain('第1页/共2页');
    expect(flat(preview.texts[1]!)).toContain('第2页/共2页');
  });

  it('a measures table that runs onto a second page repeats its header row there', async () => {
    const plan = await office.call('measures.forCase', { caseId: long.caseId });
    expect(plan.measures.length).toBeGreaterThan(0);
    // A hard case's plan: many measures with notes (the open case was eliminated, so the rows are
    // added the way an import would leave them).
    const first = await office.core.db.selectFrom('measures').selectAll().where('case_id', '=', long.caseId).executeTakeFirstOrThrow();
    for (let i = 0; i < 24; i++) {
      await office.core.db
        .insertInto('measures')
        .values({ ...first, id: `${first.id.slice(0, -4)}${String(1000 + i)}`, note: `第 ${i + 1} 次帮扶：入户核实后落实，资金已发放到户。` })
        .execute();
    }
    const pdf = await printPdf('form.measures', long.caseId, 'long-measures');
    const pages = pagesOf(pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    // Every page the table runs onto starts with its header row again.
    for (let p = 2; p <= pages; p++) {
      const text = flat(textOf(pdf, p));
      if (text.includes('次帮扶')) expect(text).toMatch(/^序号帮扶措施针对风险责任单位帮扶人计划日期落实日期状态金额/);
    }
    expect(flat(textOf(pdf, 2))).toContain('次帮扶');
    // The preview pages it the same way, repeating the header on each sheet the table runs onto.
    const preview = await previewSheets('form.measures', long.caseId);
    expect(preview.texts).toHaveLength(pages);
    for (const text of preview.texts.slice(1)) if (text.includes('次帮扶')) expect(flat(text)).toMatch(/^序号帮扶措施针对风险责任单位帮扶人计划日期落实日期状态金额/);
    // The signature row is never split from its own lines.
    const last = flat(textOf(pdf, pages));
    expect(last).toContain('核查人员（一）');
    expect(last).toContain('户主签字：');
  });
});
