// The paper part of `npm run bench` (issue 4, item 6): a public notice of 500 households, and a
// batch of 100 approval forms, each built, laid out as HTML and printed to PDF by Chromium.
// Budgets (issue 15, item 6): the notice ≤ 1 s, the 100 forms ≤ 3 s (building + HTML + PDF). The
// printed HTML carries its own subset font (print/fontSubset.ts), so Chromium here embeds the same
// TrueType font as the desktop's printToPDF does. Works on a copy of the bench's database, so
// the 500 cases put at the notice step do not change the figures of the other benches.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { printResultSchema, type PrintResult } from '../../shared/contract/print';
import { addDays, todayIso } from '../../shared/lib/dates';
import { createCore, type Core } from '../../electron/core/core';
import type { HandlerContext } from '../../electron/core/context';
import { databaseFileName } from '../../electron/core/db/open';
import { createAuditWriter } from '../../electron/core/auditWriter';
import { storedFile } from '../../electron/core/files/store';
import { uuidv7 } from '../../electron/core/ids';
import { buildForms } from '../../electron/core/features/forms/documents/batch';
import { printDocuments } from '../../electron/core/features/print/render';
import { warmPrintFontThread } from '../../electron/core/features/print/fontThread';
import type { SeedTownship } from '../../electron/cli/seed/generator';
import { chromiumLaunchOptions } from '../e2e/browser';

const noticeHouseholds = 500;
const formBatch = 100;
const noticeBudgetSeconds = 1;
const formsBudgetSeconds = 3;

/** A handler context as the administrator, for calling the print engine directly. */
export async function adminContext(core: Core, dataDir: string): Promise<HandlerContext> {
  const admin = await core.db.selectFrom('users').select(['id', 'username', 'display_name']).where('role', '=', 'admin').executeTakeFirstOrThrow();
  const officeCode = (await core.db.selectFrom('office').select('office_code').executeTakeFirstOrThrow()).office_code;
  const user = { id: admin.id, username: admin.username, displayName: admin.display_name, role: 'admin' as const };
  const clock = { now: () => new Date() };
  const ctx: HandlerContext = {
    db: core.db,
    clock,
    channel: 'forms.printBatch',
    session: { key: 'bench', user, locked: false, mustChangePassword: false, lastActiveMs: Date.now() },
    dataDir,
    requireUser: () => user,
    officeCode: () => Promise.resolve(officeCode),
    invalidateOffice: () => {},
    signOutUser: () => {},
    nowIso: () => clock.now().toISOString(),
    today: () => todayIso(clock.now()),
    jobs: {
      start: () => {
        throw new Error('no jobs in the bench context');
      },
      get: () => {
        throw new Error('no jobs in the bench context');
      },
      cancel: () => {
        throw new Error('no jobs in the bench context');
      },
    },
    replaceDatabase: () => Promise.reject(new Error('no restore in the bench')),
    mutate: (fn) =>
      core.db.transaction().execute((tx) =>
        fn(tx, createAuditWriter(tx, () => Promise.resolve({ userId: user.id, userName: user.displayName, officeCode, channel: 'bench', at: clock.now().toISOString() }))),
      ),
  };
  return ctx;
}

/** Puts `n` households of the largest village at the identification notice step (rows written directly). */
async function casesAtNotice(core: Core, n: number): Promise<{ villageId: string; count: number }> {
  const db = core.db;
  const biggest = await db
    .selectFrom('households as h')
    .select(['h.village_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('h.deleted_at', 'is', null)
    .where('h.status', '=', 'active')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('monitoring_cases as c').select('c.id').whereRef('c.household_id', '=', 'h.id').where('c.status', 'in', ['identifying', 'monitoring']),
        ),
      ),
    )
    .groupBy('h.village_id')
    .orderBy('n', 'desc')
    .executeTakeFirstOrThrow();
  const households = await db
    .selectFrom('households as h')
    .select(['h.id', 'h.office_code'])
    .where('h.village_id', '=', biggest.village_id)
    .where('h.deleted_at', 'is', null)
    .where('h.status', '=', 'active')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('monitoring_cases as c').select('c.id').whereRef('c.household_id', '=', 'h.id').where('c.status', 'in', ['identifying', 'monitoring']),
        ),
      ),
    )
    .orderBy('h.household_code')
    .limit(n)
    .execute();
  const today = todayIso(new Date());
  const start = addDays(today, -2);
  const now = new Date().toISOString();
  const guarantees = JSON.stringify(Object.fromEntries(['food', 'clothing', 'education', 'medical', 'housing', 'water'].map((k) => [k, { status: 'secure', note: null }])));
  await db.transaction().execute(async (tx) => {
    for (const [i, h] of households.entries()) {
      const meta = { office_code: h.office_code, created_at: now, updated_at: now, updated_by: 'bench', deleted_at: null, delete_reason: null };
      const caseId = uuidv7();
      await tx
        .insertInto('monitoring_cases')
        .values({
          ...meta,
          id: caseId,
          case_code: `BENCH-${String(i + 1).padStart(4, '0')}`,
          household_id: h.id,
          status: 'identifying',
          category: null,
          suggested_category: i % 3 === 0 ? 'marginal' : 'unstableExited',
          category_confirmed_by: null,
          helper_name: null,
          helper_phone: null,
          clue_source: 'cadreVisit',
          clue_date: addDays(start, -6),
          clue_note: null,
          deadline_date: addDays(start, 9),
          included_date: null,
          plan_due_date: null,
          eliminated_date: null,
          elimination_method: null,
          rejected_date: null,
          reject_reason: null,
          guarantees,
          active_workflow: 'identification',
          next_step: 'townshipReview',
          round: 1,
        })
        .execute();
      await tx
        .insertInto('case_risks')
        .values({ ...meta, id: uuidv7(), case_id: caseId, risk_type: i % 2 === 0 ? 'illness' : 'unstableJob', note: null })
        .execute();
      await tx
        .insertInto('case_steps')
        .values({
          ...meta,
          id: uuidv7(),
          case_id: caseId,
          workflow: 'identification',
          round: 1,
          step: 'notice',
          step_date: start,
          people: '["村两委"]',
          outcome: 'passed',
          note: null,
          details: JSON.stringify({ notice: { startDate: start, endDate: addDays(start, 4), place: '村务公开栏' } }),
        })
        .execute();
    }
  });
  return { villageId: biggest.village_id, count: households.length };
}

// How the bench stands in for the desktop's PDF step (electron/main/desktopFiles.ts: a hidden
// window loads the outbox file with scripts off, then printToPDF). BENCH_PDF=setContent gives the
// figures of the earlier stand-in (the HTML sent through page.setContent, Chromium's own features
// on), to compare with older figures.
//  - Debian's Chromium is the full browser even headless: every new window preloads the browser's
//    own omnibox popup pages (chrome://omnibox-popup.top-chrome/ and its AI-mode page), which cost
//    0.5–1 s of CPU in two more renderers while our page printed (measured on the 500-household
//    notice: Chromium's CPU 2.1–2.6 s → 0.8–1.2 s). Electron has no browser UI and no such pages.
//    `--headless=old` is no help: this Chromium (156) takes the switch but runs the new mode, and
//    the old one now lives only in the separate chromium-headless-shell package.
//  - page.setContent sends the whole file (up to 1 MB) through the DevTools protocol as one string
//    and writes it into an about:blank page: ~0.15 s in the renderer before parsing starts for the
//    100 forms, which the desktop does not pay. The desktop loads the file by its URL, so does this.
const pdfSetup = process.env.BENCH_PDF === 'setContent' ? 'setContent' : 'desktop';

// Chromium keeps only the last --disable-features switch, so the two omnibox features go in one
// list with those Playwright turns off for its own launches. That list is Playwright's and changes
// with its version: it is read from the command line of a browser Playwright starts (once per run),
// not copied here.
let playwrightFeatures: Promise<string[]> | null = null;

function playwrightDisabledFeatures(): Promise<string[]> {
  playwrightFeatures ??= (async () => {
    const server = await chromium.launchServer({ ...chromiumLaunchOptions(), headless: true });
    try {
      const flag = '--disable-features=';
      const arg = server.process().spawnargs.find((a) => a.startsWith(flag));
      return arg ? arg.slice(flag.length).split(',').filter((f) => f !== '') : [];
    } finally {
      await server.close();
    }
  })();
  return playwrightFeatures;
}
const browserUiFeatures = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

export function pdfSetupLabel(): string {
  return pdfSetup === 'desktop'
    ? 'Chromium 按桌面版方式转 PDF：按文件地址载入、脚本关闭、不加载浏览器自带的地址栏弹出页（BENCH_PDF=setContent 为旧方式）'
    : 'Chromium 按旧方式转 PDF：page.setContent 送入 HTML，浏览器自带页面照常加载';
}

/**
 * Chromium's PDF of the file at `htmlPath`, timed from loading the page to the PDF's last byte;
 * `loadSeconds` is the part until the page's load event (parsing, the font, the screen layout), the
 * rest is page.pdf (the print layouts, painting the pages, writing the PDF).
 */
export async function toPdf(htmlPath: string, pdfPath: string): Promise<{ seconds: number; loadSeconds: number; bytes: number }> {
  const base = chromiumLaunchOptions();
  const args = pdfSetup === 'desktop' ? [...(base.args ?? []), `--disable-features=${[...(await playwrightDisabledFeatures()), ...browserUiFeatures].join(',')}`] : base.args;
  const browser = await chromium.launch({ ...base, args, headless: true });
  try {
    if (pdfSetup === 'setContent') {
      const html = readFileSync(htmlPath, 'utf8');
      const page = await browser.newPage();
      const t = performance.now();
      await page.setContent(html, { waitUntil: 'load' });
      const loaded = performance.now();
      const pdf = await page.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
      return { seconds: (performance.now() - t) / 1000, loadSeconds: (loaded - t) / 1000, bytes: pdf.length };
    }
    // As loadHidden: scripts off; Electron's default window size.
    const page = await browser.newPage({ javaScriptEnabled: false, viewport: { width: 800, height: 600 } });
    // A renamed feature in a later Chromium would bring the pages back unseen: say so.
    const targets = await (await browser.newBrowserCDPSession()).send('Target.getTargets');
    const ui = targets.targetInfos.filter((t) => t.url.startsWith('chrome://'));
    if (ui.length > 0) console.log(`  注意：Chromium 仍加载了自带页面（${ui.map((t) => t.url).join('、')}），转 PDF 的用时偏高`);
    const t = performance.now();
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
    const loaded = performance.now();
    const pdf = await page.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
    return { seconds: (performance.now() - t) / 1000, loadSeconds: (loaded - t) / 1000, bytes: pdf.length };
  } finally {
    await browser.close();
  }
}

export async function paperBench(dataDir: string, township: SeedTownship): Promise<void> {
  void township;
  const copyDir = mkdtempSync(join(tmpdir(), 'ledger-bench-paper-'));
  try {
    for (const suffix of ['', '-wal', '-shm']) {
      const from = join(dataDir, databaseFileName + suffix);
      if (existsSync(from)) copyFileSync(from, join(copyDir, databaseFileName + suffix));
    }
    const core = await createCore({ dataDir: copyDir, logError: () => {} });
    try {
      const login = await core.invoke('users.login', { username: 'admin', password: 'Admin1234' }, 'bench');
      if (!login.ok) throw new Error(login.error.message);
      const { villageId, count } = await casesAtNotice(core, noticeHouseholds);
      // Loaded once ahead of the timed prints, as a run of prints finds it after the first (fontThread.ts).
      const tw = performance.now();
      await warmPrintFontThread();
      console.log(`打印字体载入（程序每次空闲后的第一次打印时进行，不计入下列打印）${((performance.now() - tw) / 1000).toFixed(2)} s`);

      // (a) the notice: query, build, lay out, write, log — through the channel and its job.
      const t0 = performance.now();
      const started = await core.invoke('notices.print', { villageId, kind: 'notice.identification' }, 'bench');
      if (!started.ok) throw new Error(started.error.message);
      const snap = await core.jobs.wait((started.data as { jobId: string }).jobId);
      if (snap.status !== 'done') throw new Error(snap.error?.message ?? snap.status);
      const buildSeconds = (performance.now() - t0) / 1000;
      const notice: PrintResult = printResultSchema.parse(snap.result);
      const htmlPath = storedFile(copyDir, 'outbox', notice.file.fileId).path;
      const html = readFileSync(htmlPath, 'utf8');
      // (b) Chromium to PDF.
      console.log(pdfSetupLabel());
      const pdf = await toPdf(htmlPath, join(copyDir, 'notice.pdf'));
      const total = buildSeconds + pdf.seconds;
      console.log(`公示名单：${count} 户一份识别公示（HTML ${(html.length / 1024).toFixed(0)} KB，PDF ${(pdf.bytes / 1024).toFixed(0)} KB）`);
      console.log(
        `  生成（查询 + 排版 + 写文件 + 打印记录）${buildSeconds.toFixed(2)} s   Chromium 转 PDF ${pdf.seconds.toFixed(2)} s（载入 ${pdf.loadSeconds.toFixed(2)} s）   合计 ${total.toFixed(2)} s（预算 ≤ ${noticeBudgetSeconds} s：${total <= noticeBudgetSeconds ? '达标' : '超出'}）`,
      );

      // A batch of approval forms, when the forms slice has written the builder.
      const ctx = await adminContext(core, copyDir);
      const cases = await core.db.selectFrom('monitoring_cases').select('id').where('included_date', 'is not', null).where('deleted_at', 'is', null).limit(formBatch).execute();
      if (cases.length === 0) {
        console.log('识别审批表批量打印：跳过（数据中没有已纳入监测的案件）');
        return;
      }
      // As 打印一批 (forms.printBatch) builds them: the batch's facts read once for all the forms.
      const t1 = performance.now();
      const docs = await buildForms(
        ctx,
        'form.approval',
        cases.map((c) => c.id),
      );
      const batch = await printDocuments(ctx, docs, { fileName: '识别审批表（批量）.html' });
      const formsBuild = (performance.now() - t1) / 1000;
      const formsPath = storedFile(copyDir, 'outbox', batch.file.fileId).path;
      const formsHtml = readFileSync(formsPath, 'utf8');
      const formsPdf = await toPdf(formsPath, join(copyDir, 'forms.pdf'));
      console.log(`识别审批表：${docs.length} 份一批（HTML ${(formsHtml.length / 1024).toFixed(0)} KB，PDF ${(formsPdf.bytes / 1024).toFixed(0)} KB）`);
      const formsTotal = formsBuild + formsPdf.seconds;
      console.log(
        `  生成 ${formsBuild.toFixed(2)} s   Chromium 转 PDF ${formsPdf.seconds.toFixed(2)} s（载入 ${formsPdf.loadSeconds.toFixed(2)} s）   合计 ${formsTotal.toFixed(2)} s（预算 ≤ ${formsBudgetSeconds} s：${formsTotal <= formsBudgetSeconds ? '达标' : '超出'}）`,
      );
    } finally {
      await core.close();
    }
  } finally {
    rmSync(copyDir, { recursive: true, force: true });
  }
}
