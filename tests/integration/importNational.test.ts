// Issue 11: the national system's person-level export in one pick — households and members, the
// year's 人均纯收入 and the monitoring status in one preview and one transaction; a disabled person
// without a category column comes in (待补充), ordinary households are 不适用 for the cases, an
// exact duplicate row is read once, a 合计 line is never data.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../shared/contract/fileImport';
import { educationLabels, laborLabels, relationLabels } from '../../shared/domain/household';
import { stageUpload } from '../../electron/core/files/store';
import { countPendingDetails } from '../../electron/core/features/pending/service';
import { genHouseholds, readSheet, simpleXlsx, type GenHousehold } from '../fixtures/importWorkbooks';
import { householdInput, member } from './householdsFixtures';
import { openTestOffice, TestClock, type TestOffice } from './harness';

let office: TestOffice;
beforeEach(async () => {
  office = await openTestOffice({ clock: new TestClock('2026-10-10T02:00:00.000Z') });
});
afterEach(async () => {
  await office.close();
});

const headers = [
  '序号', '数据日期', '行政村', '自然村', '户编号', '人编号', '姓名', '证件号码', '人数', '与户主关系', '民族', '文化程度', '健康状况', '劳动技能',
  '户类型', '人均纯收入', '易返贫致贫户(监测对象)类型', '致贫原因1', '风险识别时间', '风险是否消除', '风险消除时间',
];

interface Traits {
  kind: string;
  perCapita: string | number;
  category?: string;
  risk?: string;
  identified?: string;
  eliminated?: string;
  eliminatedAt?: string;
  village?: string;
  disabledMember?: number;
}

let serial = 1;
function rowsOf(h: GenHousehold, t: Traits): (string | number | null)[][] {
  return h.members.map((m, i) => [
    serial++, '202609', t.village ?? h.village, h.group, h.code, `${h.code}${String(i + 1).padStart(2, '0')}`, m.name, m.idNumber, String(h.members.length),
    relationLabels[m.relation], '汉族', educationLabels[m.education], t.disabledMember === i ? '残疾' : '健康', laborLabels[m.labor],
    t.kind, t.perCapita, t.category ?? '', t.category ? (t.risk ?? '因病') : '', t.identified ?? '', t.category ? (t.eliminated ?? '否') : '', t.eliminatedAt ?? '',
  ]);
}

async function preview(fileName: string, bytes: Buffer, extra: { incomeYear?: number; places?: Record<string, string> } = {}): Promise<ImportPreview> {
  const staged = stageUpload(office.dataDir, fileName, bytes);
  const { jobId } = await office.call('files.importPreview', { fileId: staged.fileId, kind: 'national', ...extra });
  const snap = await office.core.jobs.wait(jobId);
  if (snap.status !== 'done') throw new Error(`preview ${snap.status}: ${snap.error?.message ?? ''}`);
  return snap.result as ImportPreview;
}

async function apply(previewId: string, mode: 'allOrNothing' | 'validOnly') {
  const { jobId } = await office.call('files.importApply', { previewId, mode });
  const snap = await office.core.jobs.wait(jobId);
  if (snap.status !== 'done') throw new Error(`apply ${snap.status}: ${snap.error?.message ?? ''}`);
  return snap.result as { counts: Record<string, number>; parts: { part: string; new: number }[] };
}

async function counts() {
  const db = office.core.db;
  const n = async (table: 'households' | 'members' | 'incomes' | 'monitoring_cases') =>
    Number((await db.selectFrom(table).select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { households: await n('households'), members: await n('members'), incomes: await n('incomes'), cases: await n('monitoring_cases') };
}

describe('national person-level export in one preview', () => {
  it('imports households, members, the year’s per-capita income and the monitoring status; counts 不适用, 重复行, skips the 合计 line, waits for an unknown village to be mapped; re-import changes nothing', async () => {
    serial = 1;
    const [h1, h2, h3, h4, h5, h6] = genHouseholds(6, 1);
    const rows = [
      ...rowsOf(h1!, { kind: '脱贫户', perCapita: '12,345.60元' }),
      ...rowsOf(h2!, { kind: '监测户', perCapita: 8800, category: '边缘易致贫户', identified: '202305' }),
      ...rowsOf(h3!, { kind: '脱贫户', perCapita: 15000, category: '脱贫不稳定户', risk: '因学', identified: '2023-05-01', eliminated: '是', eliminatedAt: '202312' }),
      ...rowsOf(h4!, { kind: '一般农户', perCapita: '', disabledMember: 0 }),
      ...rowsOf(h5!, { kind: '脱贫户', perCapita: 9000 }),
      ...rowsOf(h6!, { kind: '脱贫户', perCapita: 9000, village: '不存在村' }),
    ];
    // An exact duplicate of h1's second person (only 序号 and 人编号 differ), and a 合计 line.
    const dup = [...rows[1]!];
    dup[0] = 999;
    dup[5] = 'X999';
    rows.push(dup);
    rows.push(['合计', null, null, null, null, null, null, null, '99']);
    const bytes = await simpleXlsx(headers, rows, '城关乡已脱贫人口（含监测对象）名单');
    const p = await preview('已脱贫人口名单.xlsx', bytes);
    expect(p.kind).toBe('national');
    expect(p.headerLine).toBe(2);
    expect(p.incomeYear).toEqual({ year: 2026, from: '数据日期 202609' });
    expect(p.duplicateRows).toBe(1);
    const people = [h1, h2, h3, h4, h5, h6].reduce((n, h) => n + h!.members.length, 0);
    expect(p.counts.rows).toBe(people);
    // The unknown village is listed once for the clerk to map, not refused row by row; its
    // household's income is counted as it will be once mapped.
    expect(p.unknownPlaces).toEqual([{ key: '村:不存在', village: '不存在村', group: null, villageId: null, households: 1 }]);
    expect(p.parts).toEqual([
      { part: 'households', new: 5, changed: 0, unchanged: 0, invalid: 0, notApplicable: 0 },
      { part: 'incomes', new: 5, changed: 0, unchanged: 0, invalid: 0, notApplicable: 1 },
      { part: 'cases', new: 2, changed: 0, unchanged: 0, invalid: 0, notApplicable: 4 },
    ]);
    expect(p.counts).toMatchObject({ new: 12, changed: 0, unchanged: 0, invalid: 0 });
    expect(p.invalidRows).toEqual([]);
    expect(p.missingRequired).toHaveLength(1);
    expect(p.missingRequired[0]).toContain('文件中的 不存在村 本乡镇没有');
    await expect(apply(p.previewId, 'validOnly')).rejects.toThrow('村/组对应');
    expect(await counts()).toEqual({ households: 0, members: 0, incomes: 0, cases: 0 });

    // The clerk maps 不存在村 to 坪埠村 and previews again: everything comes in.
    const pingbu = office.villages.find((v) => v.name === '坪埠村')!;
    const mapped = await preview('已脱贫人口名单.xlsx', bytes, { places: { '村:不存在': pingbu.id } });
    expect(mapped.unknownPlaces).toEqual([]);
    expect(mapped.missingRequired).toEqual([]);
    expect(mapped.parts.map((x) => [x.part, x.new, x.invalid, x.notApplicable])).toEqual([
      ['households', 6, 0, 0],
      ['incomes', 5, 0, 1],
      ['cases', 2, 0, 4],
    ]);

    const done = await apply(mapped.previewId, 'allOrNothing');
    expect(done.counts).toMatchObject({ new: 13, applied: 13, invalid: 0 });
    expect(done.parts.map((x) => [x.part, x.new])).toEqual([
      ['households', 6],
      ['incomes', 5],
      ['cases', 2],
    ]);
    const members = [h1, h2, h3, h4, h5, h6].reduce((n, h) => n + h!.members.length, 0);
    expect(await counts()).toEqual({ households: 6, members, incomes: 5, cases: 2 });
    const h6Village = await office.core.db.selectFrom('households').select('village_id').where('household_code', '=', h6!.code).executeTakeFirstOrThrow();
    expect(h6Village.village_id).toBe(pingbu.id);

    const db = office.core.db;
    const disabled = await db.selectFrom('members').select(['health', 'disability_category', 'disability_grade']).where('id_number', '=', h4!.members[0]!.idNumber).executeTakeFirstOrThrow();
    expect(disabled).toEqual({ health: 'disabled', disability_category: null, disability_grade: null });
    const income = await db
      .selectFrom('incomes')
      .innerJoin('households', 'households.id', 'incomes.household_id')
      .select(['incomes.year', 'incomes.per_capita_fen', 'incomes.net_income_fen', 'incomes.wage_fen', 'incomes.source', 'incomes.member_count'])
      .where('households.household_code', '=', h1!.code)
      .executeTakeFirstOrThrow();
    expect(income).toEqual({ year: 2026, per_capita_fen: 1234560, net_income_fen: 1234560 * h1!.members.length, wage_fen: 0, source: 'nationalPerCapita', member_count: h1!.members.length });
    const list = await office.call('monitoring.list', { status: 'all', search: '', sort: { column: 'householdCode', direction: 'asc' }, offset: 0, limit: 50 });
    expect(list.rows.map((r) => [r.householdCode, r.status, r.category])).toEqual([
      [h2!.code, 'monitoring', 'marginal'],
      [h3!.code, 'eliminated', 'unstableExited'],
    ]);

    // What the file did not carry is a 待补充 worklist, with the county's data-quality rules.
    const pending = await office.call('pending.list', {});
    expect(pending.byKind).toEqual([
      { kind: 'disability', count: 1 },
      { kind: 'helper', count: 5 }, // every household but the 一般农户 h4
      { kind: 'incomeBreakdown', count: 5 },
      { kind: 'noMeasure', count: 1 }, // h2, monitored since 2023-05 without a measure
    ]);
    expect(pending.total).toBe(12);
    expect(pending.byVillage.reduce((n, v) => n + v.count, 0)).toBe(12);
    const disabledItem = pending.items.find((i) => i.kind === 'disability')!;
    expect(disabledItem).toMatchObject({ householdCode: h4!.code, detail: `${h4!.members[0]!.name}：残疾类别/等级未填`, caseId: null });
    const onlyDisability = await office.call('pending.list', { kind: 'disability' });
    expect(onlyDisability.items).toHaveLength(1);
    expect(await countPendingDetails(office.core.db, '2026-10-10')).toBe(12);

    // The same file again: nothing new, nothing changed, nothing written.
    const again = await preview('已脱贫人口名单.xlsx', bytes, { places: { '村:不存在': pingbu.id } });
    expect(again.parts.map((x) => [x.part, x.new, x.changed, x.unchanged])).toEqual([
      ['households', 0, 0, 6],
      ['incomes', 0, 0, 5],
      ['cases', 0, 0, 2],
    ]);
    const before = await db.selectFrom('households').selectAll().orderBy('id').execute();
    await apply(again.previewId, 'validOnly');
    expect(await db.selectFrom('households').selectAll().orderBy('id').execute()).toEqual(before);
    expect(await counts()).toEqual({ households: 6, members, incomes: 5, cases: 2 });
  });

  it('takes the income year from the title when there is no 数据日期, and the clerk’s year over it', async () => {
    serial = 1;
    const [h1] = genHouseholds(1, 1);
    const noDate = headers.filter((h) => h !== '数据日期');
    const rows = rowsOf(h1!, { kind: '脱贫户', perCapita: 9000 }).map((r) => r.filter((_, i) => i !== 1));
    const bytes = await simpleXlsx(noDate, rows, '2025年城关乡已脱贫人口名单');
    const p = await preview('名单.xlsx', bytes);
    expect(p.incomeYear?.year).toBe(2025);
    const confirmed = await preview('名单.xlsx', bytes, { incomeYear: 2024 });
    expect(confirmed.incomeYear).toEqual({ year: 2024, from: '预览时确认' });
    await apply(confirmed.previewId, 'allOrNothing');
    expect((await office.core.db.selectFrom('incomes').select('year').executeTakeFirstOrThrow()).year).toBe(2024);
  });

  it('asks for the year when neither 数据日期 nor the title gives one', async () => {
    serial = 1;
    const [h1] = genHouseholds(1, 1);
    const noDate = headers.filter((h) => h !== '数据日期');
    const rows = rowsOf(h1!, { kind: '脱贫户', perCapita: 9000 }).map((r) => r.filter((_, i) => i !== 1));
    const p = await preview('名单.xlsx', await simpleXlsx(noDate, rows, '城关乡已脱贫人口名单'));
    expect(p.incomeYear).toBeNull();
    expect(p.missingRequired).toEqual(['收入：收入年度（文件中没有“数据日期”，标题里也没有年份，请在预览中填写）']);
  });

  it('the CLI imports a national export when --kind is left out, and --json gives the counts per part', async () => {
    serial = 1;
    const [h1, h2, h3] = genHouseholds(3, 1);
    const rows = [
      ...rowsOf(h1!, { kind: '脱贫户', perCapita: 9000 }),
      ...rowsOf(h2!, { kind: '监测户', perCapita: 7000, category: '边缘易致贫户', identified: '202305' }),
      ...rowsOf(h3!, { kind: '一般农户', perCapita: '' }),
    ];
    // An office folder of the test's own (the harness removes the folders it made when it closes).
    await office.close();
    const work = mkdtempSync(join(tmpdir(), 'ledger-national-cli-'));
    const dataDir = join(work, 'data');
    await (await openTestOffice({ dataDir })).close();
    const file = join(work, '名单.xlsx');
    writeFileSync(file, await simpleXlsx(headers, rows, '城关乡已脱贫人口名单'));
    const root = join(import.meta.dirname, '..', '..');
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.LEDGER_DATA_DIR;
    delete env.LEDGER_CLI_LANG;
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'electron', 'cli', 'index.ts'), 'import', file, '--data', dataDir, '--json'], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    office = await openTestOffice({ dataDir, clock: new TestClock('2026-10-10T02:00:00.000Z') });
    expect(run.status, run.stderr.slice(-400)).toBe(0);
    const out = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { ok: boolean; data: { preview: { kind: string; incomeYear: { year: number } }; parts: unknown[]; applied: Record<string, number> } };
    expect(out.ok).toBe(true);
    expect(out.data.preview.kind).toBe('national');
    expect(out.data.preview.incomeYear.year).toBe(2026);
    expect(out.data.parts).toEqual([
      { part: 'households', new: 3, changed: 0, unchanged: 0, invalid: 0, notApplicable: 0 },
      { part: 'incomes', new: 2, changed: 0, unchanged: 0, invalid: 0, notApplicable: 1 },
      { part: 'cases', new: 1, changed: 0, unchanged: 0, invalid: 0, notApplicable: 2 },
    ]);
    expect(out.data.applied).toMatchObject({ new: 6, applied: 6, invalid: 0 });
    expect(await counts()).toMatchObject({ households: 3, incomes: 2, cases: 1 });
    await office.close();
    office = await openTestOffice();
    rmSync(work, { recursive: true, force: true });
  });
});

describe('the error workbook of a national import', () => {
  it('gives every original cell of a row the ledger refused, the columns the import does not read included (序号, 人编号)', async () => {
    serial = 1;
    const [h1, h2] = genHouseholds(2, 1);
    // h2's head already lives in a household the office typed: the database refuses h2's rows.
    await office.call('households.create', householdInput(office, { members: [member('张三', h2!.members[0]!.idNumber, 'head')] }));
    const rows = [...rowsOf(h1!, { kind: '脱贫户', perCapita: 9000 }), ...rowsOf(h2!, { kind: '脱贫户', perCapita: 9000 })];
    const p = await preview('已脱贫人口名单.xlsx', await simpleXlsx(headers, rows, '城关乡已脱贫人口名单'));
    // The typed household is not in the file: the clerk keeps it (文件中已无 → 保留).
    const decisions = (p.refresh?.missing ?? []).map((m) => ({ id: m.id, action: 'keep' as const }));
    expect(decisions).toHaveLength(1);
    const { jobId } = await office.call('files.importApply', { previewId: p.previewId, mode: 'validOnly', decisions });
    const snap = await office.core.jobs.wait(jobId);
    expect(snap.status).toBe('done');
    const ref = (snap.result as { errorWorkbook: { fileId: string } | null }).errorWorkbook;
    const sheet = await readSheet(office.core.outboxFile('admin-session', ref!.fileId)!.path);
    const at = (h: string) => sheet[0]!.indexOf(h);
    const refused = rows.slice(h1!.members.length);
    expect(sheet.slice(1).map((r) => Number(r[0]))).toEqual(refused.map((_, i) => 2 + h1!.members.length + i + 1));
    for (const [i, row] of refused.entries()) {
      expect(sheet[i + 1]![at('序号')]).toBe(String(row[0]));
      expect(sheet[i + 1]![at('人编号')]).toBe(String(row[5]));
      expect(sheet[i + 1]![at('姓名')]).toBe(String(row[6]));
    }
  });
});
