import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import type { HandlerContext } from '../../electron/core/context';
import { createAuditWriter } from '../../electron/core/auditWriter';
import { storedFile } from '../../electron/core/files/store';
import { html } from '../../electron/core/features/print/html';
import { contentCode, contentHash } from '../../electron/core/features/print/hash';
import { printDocuments } from '../../electron/core/features/print/render';
import { inOneTransaction } from '../../electron/core/transaction';
import type { BuiltDocument } from '../../electron/core/features/print/types';
import { chromiumLaunchOptions } from '../e2e/browser';
import { fontsBesidesPrintFont } from '../e2e/paperFonts';
import type { InputOf } from '../../shared/contract';
import { negativeListItems, type NegativeListItem } from '../../shared/domain/monitoring';
import { printResultSchema } from '../../shared/contract/print';
import { openTestOffice, TestClock, type TestOffice } from './harness';
import { householdInput, idOf, member } from './householdsFixtures';

let office: TestOffice;
beforeEach(async () => {
  office = await openTestOffice({ clock: new TestClock('2026-04-25T02:00:00.000Z') });
});
afterEach(async () => {
  await office.close();
});

/** A handler context as the admin 林主任, for calling printDocuments directly. */
async function adminContext(): Promise<HandlerContext> {
  const officeCode = (await office.core.db.selectFrom('office').select('office_code').executeTakeFirstOrThrow()).office_code;
  const user = { id: 'u-admin', username: 'admin', displayName: '林主任', role: 'admin' as const };
  const ctx: HandlerContext = {
    db: office.core.db,
    clock: office.clock,
    channel: 'print.history',
    session: { key: 'k', user, locked: false, mustChangePassword: false, lastActiveMs: 0 },
    dataDir: office.dataDir,
    requireUser: () => user,
    officeCode: () => Promise.resolve(officeCode),
    invalidateOffice: () => {},
    signOutUser: () => {},
    nowIso: () => office.clock.now().toISOString(),
    today: () => office.clock.now().toISOString().slice(0, 10),
    jobs: { start: () => '', get: () => { throw new Error('no jobs'); }, cancel: () => { throw new Error('no jobs'); } },
    replaceDatabase: () => Promise.reject(new Error('no')),
    mutate: (fn) =>
      office.core.db.transaction().execute((tx) =>
        fn(tx, createAuditWriter(tx, () => Promise.resolve({ userId: user.id, userName: user.displayName, officeCode, channel: 'print.history', at: office.clock.now().toISOString() }))),
      ),
  };
  return ctx;
}

function doc(i: number, rows: number): BuiltDocument {
  const data = { n: i, rows };
  return {
    kind: 'form.approval',
    title: `识别审批表 ${i}`,
    recordRef: `case-${i}`,
    recordCode: `H00${i}`,
    data,
    body: html`<table class="grid"><thead><tr><th>序号</th><th>姓名</th></tr></thead><tbody>${Array.from({ length: rows }, (_, r) => html`<tr><td>${r + 1}</td><td>${`张三<b>${r}`}</td></tr>`)}</tbody></table>`,
  };
}

describe('printDocuments', () => {
  it('lays documents on A4 pages with a footer on every page, logs each one and writes one audit row', async () => {
    const ctx = await adminContext();
    const docs = [doc(1, 70), doc(2, 3)];
    const reports: string[] = [];
    const result = await printDocuments(ctx, docs, {
      fileName: '审批表.html',
      control: { report: (d, t, m) => reports.push(`${d}/${t} ${m}`), signal: new AbortController().signal, throwIfCancelled: () => {} },
    });
    expect(reports).toHaveLength(2);
    const code1 = contentCode(contentHash(docs[0]!.data));
    expect(result.documents.map((d) => d.contentCode)).toEqual([code1, contentCode(contentHash(docs[1]!.data))]);
    const file = storedFile(office.dataDir, 'outbox', result.file.fileId);
    const markup = readFileSync(file.path, 'utf8');
    expect(markup).toContain('size: A4');
    expect(markup).toContain('<script src="/print-helper.js"></script>');
    expect(markup).toContain('id="print-now"');
    expect(markup).toContain('&lt;b&gt;');
    // Self-contained: nothing fetched from elsewhere; the one url() is the print font, inlined.
    expect(markup).not.toMatch(/<link|src="http|url\((?!data:font\/ttf;base64,)/);

    const rows = await office.core.db.selectFrom('printed_documents').selectAll().execute();
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.batch_id)).size).toBe(1);
    expect(rows[0]!.printed_by_name).toBe('林主任');
    expect(rows[0]!.data_json).toBe('{"n":1,"rows":70}');
    const audit = await office.core.db.selectFrom('audit_log').selectAll().where('entity', '=', 'printed_documents').execute();
    expect(audit.map((a) => a.summary)).toEqual(['打印 识别审批表 2 份']);

    const browser = await chromium.launch(chromiumLaunchOptions());
    try {
      const page = await browser.newPage();
      await page.setContent(markup);
      const pdfPath = join(office.dataDir, 'out.pdf');
      writeFileSync(pdfPath, await page.pdf({ preferCSSPageSize: true }));
      expect(fontsBesidesPrintFont(pdfPath)).toEqual([]);
      const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
      // pdftotext drops or adds spaces between Chinese characters: compare without any.
      const pages = text.split('\f').filter((p) => p.trim() !== '').map((p) => p.replace(/\s+/g, ''));
      expect(pages.length).toBeGreaterThanOrEqual(3);
      const last = pages.length;
      pages.forEach((p, i) => {
        expect(p).toContain(`第${i + 1}页/共${last}页`);
        expect(p).toContain('打印林主任');
      });
      expect(pages[0]).toContain(`核验码${code1}`);
      expect(pages[last - 1]).toContain('编号H002');
      expect(text.replace(/\s+/g, '')).not.toContain('另存为PDF');
    } finally {
      await browser.close();
    }
  });
});

describe('printDocuments in a channel’s transaction (the rows go in while the font is cut)', () => {
  const control = (cancelAt: number) => {
    let checks = 0;
    return {
      report: () => {},
      signal: new AbortController().signal,
      throwIfCancelled: () => {
        checks += 1;
        if (checks === cancelAt) throw new Error('已取消');
      },
    };
  };

  it('logs every document and one audit row with the file, as outside a transaction', async () => {
    const ctx = await adminContext();
    const result = await inOneTransaction(ctx, (txCtx) => printDocuments(txCtx, [doc(1, 40), doc(2, 3)], { fileName: '审批表.html', control: control(0) }));
    expect(readFileSync(storedFile(office.dataDir, 'outbox', result.file.fileId).path, 'utf8')).toContain(`核验码 ${result.documents[0]!.contentCode}`);
    const rows = await office.core.db.selectFrom('printed_documents').select(['content_code', 'record_code']).orderBy('record_code').execute();
    expect(rows).toEqual(result.documents.map((d) => ({ content_code: d.contentCode, record_code: d.recordCode })));
    const audit = await office.core.db.selectFrom('audit_log').select('summary').where('entity', '=', 'printed_documents').execute();
    expect(audit.map((a) => a.summary)).toEqual(['打印 识别审批表 2 份']);
  });

  it('keeps no row when the print stops after its file was written', async () => {
    const ctx = await adminContext();
    // Checked once per document, then once after the file is written.
    const printing = inOneTransaction(ctx, (txCtx) => printDocuments(txCtx, [doc(1, 40), doc(2, 3)], { fileName: '审批表.html', control: control(3) }));
    await expect(printing).rejects.toThrow('已取消');
    expect(await office.core.db.selectFrom('printed_documents').select('id').execute()).toEqual([]);
    expect(await office.core.db.selectFrom('audit_log').select('id').where('entity', '=', 'printed_documents').execute()).toEqual([]);
  });
});

const noHits = () => Object.fromEntries(negativeListItems.map((k) => [k, false])) as Record<NegativeListItem, boolean>;
type StepIn = InputOf<'monitoring.recordStep'>;
const step = (id: string, s: StepIn['step'], date: string, over: Partial<StepIn> = {}): StepIn => ({ id, step: s, date, people: ['王干部'], outcome: 'passed', ...over });

async function caseAtNotice(n: number, head: string) {
  const v = office.villages[0]!;
  const members = [member(head, idOf('19650312', 100 + n), 'head'), member('李四妹', idOf('19680720', 200 + n), 'spouse'), member('张小明', idOf('19950105', 300 + n), 'son')];
  const { id: householdId } = await office.call('households.create', householdInput(office, { householdCode: `${v.code}${String(n).padStart(4, '0')}`, members }));
  const { case: c } = await office.call('monitoring.open', { householdId, clueSource: 'cadreVisit', clueDate: '2026-04-20', risks: ['illness'] });
  await office.call('monitoring.recordStep', step(c.id, 'apply', '2026-04-21'));
  await office.call('monitoring.recordStep', step(c.id, 'homeCheck', '2026-04-22', { people: ['王干部', '刘会计'], details: { negativeList: noHits() } }));
  await office.call('monitoring.recordStep', step(c.id, 'villageReview', '2026-04-23'));
  await office.call('monitoring.recordStep', step(c.id, 'notice', '2026-04-24', { details: { notice: { startDate: '2026-04-24', endDate: '2026-04-28', place: '村务公开栏' } } }));
  return { householdId, caseId: c.id };
}

async function printNotice() {
  const { jobId } = await office.call('notices.print', { villageId: office.villages[0]!.id, kind: 'notice.identification' });
  const snap = await office.core.jobs.wait(jobId);
  expect(snap.status).toBe('done');
  return printResultSchema.parse(snap.result);
}

describe('print.verify and print.history', () => {
  it('finds a printed notice by its code, matches it, then tells what changed after an edit', async () => {
    const { householdId, caseId } = await caseAtNotice(1, '张大山');
    await caseAtNotice(2, '王小河');
    const printedResult = await printNotice();
    const code = printedResult.documents[0]!.contentCode;

    const clerk = await office.loginAs('clerk');
    // What a clerk types: lowercase, no dash, spaces.
    const typed = ` ${code.replace('-', '').toLowerCase().slice(0, 5)} ${code.slice(6).toLowerCase()} `;
    const ok = await office.call('print.verify', { code: typed }, clerk);
    expect(ok).toMatchObject({ found: true, code, kind: 'notice.identification', title: '坪埠村防止返贫监测对象识别公示', printedBy: '林主任', matches: true, changes: [], link: null, printCount: 1 });
    if (!ok.found) throw new Error('not found');
    expect(ok.related.map((r) => r.label).sort()).toEqual(['张大山（JC2026-0001）', '王小河（JC2026-0002）'].sort());
    expect(ok.related.find((r) => r.label.startsWith('张大山'))?.link).toBe(`#/monitoring/${caseId}`);

    // Reprinting unchanged data gives the same code.
    expect((await printNotice()).documents[0]!.contentCode).toBe(code);

    await office.call('households.addMember', { householdId, member: member('张小红', idOf('20100101', 402), 'daughter', { education: 'primary' }) });
    const changed = await office.call('print.verify', { code });
    expect(changed.found && changed.matches).toBe(false);
    if (!changed.found) throw new Error('not found');
    expect(changed.changes).toEqual(['张大山 人口：3 → 4']);
    expect(changed.printCount).toBe(2);

    const history = await office.call('print.history', { kind: 'notice.identification' });
    expect(history.rows).toHaveLength(2);
    expect(history.rows[0]).toMatchObject({ contentCode: code, printedBy: '林主任', recordCode: office.villages[0]!.code });
    expect((await office.call('print.history', { recordRef: history.rows[0]!.recordRef })).rows).toHaveLength(2);
  });

  it('an unknown code is not found; a malformed one is refused with a field message', async () => {
    const unknown = await office.call('print.verify', { code: 'ABCDE-12345' });
    expect(unknown.found).toBe(false);
    if (unknown.found) throw new Error('found');
    expect(unknown.message).toContain('没有找到核验码为 ABCDE-12345');
    const bad = await office.fail('print.verify', { code: '12-34' });
    expect(bad.code).toBe('INVALID_INPUT');
    expect(bad.fields?.code).toContain('10 位');
  });
});
