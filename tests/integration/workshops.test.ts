import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../../shared/contract';
import { exportResultSchema, type ExportInput } from '../../shared/contract/fileExport';
import { ledgerHeaders } from '../../shared/domain/ledgerLayouts';
import { openTestOffice, TestClock, type TestOffice } from './harness';
import { auditRows, householdInput, idOf, member } from './householdsFixtures';
import { hire, makeHousehold, makePost } from './postsFixtures';

// 就业帮扶车间 (issue 12 item 5) and the 公益性岗位台账 / 帮扶车间台账 (item 8): a workshop with staff
// as job spells, the year's reward from the settings, stale saves and roles refused in the core.

let office: TestOffice;

beforeEach(async () => {
  office = await openTestOffice({ clock: new TestClock('2026-05-20T02:00:00.000Z') });
});
afterEach(async () => {
  await office.close();
});

async function household(code: string, seq: number, names: string[], kind: 'povertyExited' | 'ordinary' = 'povertyExited') {
  const members = names.map((n, i) => member(n, idOf('19800101', seq * 10 + i * 2 + 1), i === 0 ? 'head' : 'son'));
  const { id } = await office.call('households.create', householdInput(office, { householdCode: code, kind, tekun: false, members }));
  const detail = await office.call('households.get', { id });
  return Object.fromEntries(detail.members.map((m) => [m.name, m.id]));
}

function workshopInput(over: Partial<InputOf<'workshops.save'>> = {}): InputOf<'workshops.save'> {
  return {
    name: '坪埠村竹编帮扶车间',
    creditCode: '91110108551385082Q',
    form: 'cooperative',
    kind: 'home',
    villageId: office.villages[0]!.id,
    legalPerson: '林建国',
    products: '竹编工艺品',
    recognitionNo: '明人社〔2025〕12号',
    recognizedOn: '2025-03-01',
    insurer: '中国人寿',
    insuranceFen: 1_500,
    insuranceUntil: '2026-12-31',
    ...over,
  };
}

async function staff(workshopId: string, memberId: string, startDate: string, monthlyIncomeFen: number, endDate: string | null = null) {
  return office.call('workshops.addStaff', { workshopId, memberId, startDate, endDate, monthlyIncomeFen, job: '编织工' });
}

async function readExport(input: ExportInput) {
  const { jobId } = await office.call('files.export', input);
  const snap = await office.core.jobs.wait(jobId);
  if (snap.status !== 'done') throw new Error(`export ${snap.status}: ${snap.error?.message ?? ''}`);
  const result = exportResultSchema.parse(snap.result);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(office.core.outboxFile('admin-session', result.file.fileId)!.path) as unknown as ArrayBuffer);
  const rows: ExcelJS.CellValue[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return rows;
}

describe('就业帮扶车间', () => {
  it('a workshop with staff: the spells, 务工状况, audit, and the year’s reward with who counts and why', async () => {
    const w = await office.call('workshops.save', workshopInput());
    expect(w).toMatchObject({ state: 'running', version: 1, villageName: '坪埠村', staffNow: 0, checkDue: true });
    const a = await household('3504211010010001', 1, ['张一', '张二', '张三']);
    const b = await household('3504211010010002', 2, ['王一', '王二', '王三']);
    const c = await household('3504211010010003', 3, ['赵一'], 'ordinary');
    const added = await staff(w.id, a['张一']!, '2025-01-01', 150_000); // 12 months: counted, 稳岗
    await staff(w.id, a['张二']!, '2025-01-01', 100_000, '2025-06-30'); // 6 months at 1,000 元: counted
    await staff(w.id, a['张三']!, '2025-07-01', 120_000); // Jul–Dec: counted
    await staff(w.id, b['王一']!, '2025-02-01', 100_000); // 11 months: counted, no 稳岗
    await staff(w.id, b['王二']!, '2025-03-01', 99_999); // a fen under the wage: not counted
    await staff(w.id, b['王三']!, '2025-01-01', 200_000); // counted, 稳岗
    await staff(w.id, c['赵一']!, '2025-01-01', 300_000); // not 脱贫人口
    expect(added.spell).toMatchObject({ channel: 'workshop', area: 'inCounty', employer: '坪埠村竹编帮扶车间', place: '明溪县城关乡坪埠村' });
    expect((await auditRows(office, added.spell.id))[0]!.summary).toContain('在帮扶车间"坪埠村竹编帮扶车间"务工');
    const householdA = await office.call('households.get', { id: (await office.call('workshops.get', { id: w.id, year: 2025 })).staff[0]!.householdId });
    expect(householdA.members.find((m) => m.name === '张一')!.workStatus).toBe('inCounty');

    const overlap = await office.fail('workshops.addStaff', { workshopId: w.id, memberId: a['张一']!, startDate: '2026-01-01', monthlyIncomeFen: 100_000 });
    expect(overlap.message).toContain('时间重叠');

    const got = await office.call('workshops.get', { id: w.id, year: 2025 });
    expect(got.staff).toHaveLength(7);
    expect(got.workshop.staffNow).toBe(6);
    const e = got.eligibility;
    expect(e).toMatchObject({ qualifies: true, countedPeople: 5, tierMinPeople: 5, tierRewardFen: 1_000_000, stablePeople: 2, stableRewardFen: 200_000, totalFen: 1_200_000, settingsSource: 'default' });
    const byName = Object.fromEntries(e.people.map((p) => [p.name, p]));
    expect(byName['王二']).toMatchObject({ counted: false, months: 10 });
    expect(byName['王二']!.reason).toContain('低于 1,000.00 元');
    expect(byName['赵一']!.reason).toContain('不是脱贫人口');
    expect(byName['王一']).toMatchObject({ counted: true, stable: false, months: 11 });
    expect(e.rule).toContain('5–9 人 10,000.00 元');

    // The tiers are the year's settings: a county that starts at 6 people pays nothing here.
    const defaults = (await office.call('employment.settings', {})).suggested;
    await office.call('employment.saveSettings', { ...defaults, year: 2025, workshopTiers: [{ minPeople: 6, rewardFen: 1_000_000 }], version: null });
    const stricter = (await office.call('workshops.get', { id: w.id, year: 2025 })).eligibility;
    expect(stricter).toMatchObject({ settingsSource: 'saved', tierRewardFen: 0, tierMinPeople: null, stableRewardFen: 200_000 });

    // The 帮扶车间台账 and its export carry the same figures.
    const ledger = await office.call('workshops.ledger', { year: 2025 });
    expect(ledger.rows[0]).toMatchObject({ name: '坪埠村竹编帮扶车间', staffInYear: 7, povertyStaff: 6, countedPeople: 5, stablePeople: 2, rewardFen: 200_000 });
    const sheet = await readExport({ ledger: 'workshops', format: 'xlsx', filters: { year: 2025 } });
    expect(sheet[0]!.map(String)).toEqual(ledgerHeaders('workshops'));
    expect(sheet[1]!.slice(11)).toEqual([7, 6, 5, 2, 2000]);
  });

  it('a quarterly check sets the state; a 清理 workshop gets no reward and takes no new staff', async () => {
    const w = await office.call('workshops.save', workshopInput());
    const a = await household('3504211010010001', 1, ['张一']);
    await staff(w.id, a['张一']!, '2025-01-01', 150_000);
    const checked = await office.call('workshops.recordCheck', { workshopId: w.id, version: w.version, checkedOn: '2026-05-18', state: 'pending', checker: '乡人社所 陈', note: '停工两个月' });
    expect(checked).toMatchObject({ state: 'pending', lastCheckOn: '2026-05-18', checkDue: false, version: 2 });
    const cleared = await office.call('workshops.recordCheck', { workshopId: w.id, version: checked.version, checkedOn: '2026-05-19', state: 'cleared', checker: '乡人社所 陈' });
    const got = await office.call('workshops.get', { id: w.id, year: 2025 });
    expect(got.checks.map((c) => c.state)).toEqual(['cleared', 'pending']);
    expect(got.eligibility).toMatchObject({ qualifies: false, totalFen: 0 });
    expect(got.eligibility.blocker).toContain('已清理');
    const refused = await office.fail('workshops.addStaff', { workshopId: w.id, memberId: a['张一']!, startDate: '2026-05-01', monthlyIncomeFen: 100_000 });
    expect(refused.message).toContain('已清理');
    expect((await auditRows(office, cleared.id)).map((r) => r.summary).join('\n')).toContain('由"监测待处置"改为"清理"');
  });

  it('refuses a stale save and names who changed the workshop', async () => {
    const clerk = await office.loginAs('clerk');
    const w = await office.call('workshops.save', workshopInput());
    const edited = await office.call('workshops.save', { ...workshopInput({ products: '竹编、藤编' }), id: w.id, version: w.version }, clerk);
    expect(edited.version).toBe(2);
    const stale = await office.fail('workshops.save', { ...workshopInput({ legalPerson: '林建华' }), id: w.id, version: w.version });
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toContain('此记录已被 clerk测试');
    expect(stale.fields).toMatchObject({ legalPerson: expect.any(String) });
    const staleCheck = await office.fail('workshops.recordCheck', { workshopId: w.id, version: w.version, checkedOn: '2026-05-18', state: 'pending', checker: '陈' });
    expect(staleCheck.code).toBe('CONFLICT');
  });

  it('refuses a reviewer’s edits, a bad credit code and a duplicate one', async () => {
    const reviewer = await office.loginAs('reviewer');
    const refused = await office.fail('workshops.save', workshopInput(), reviewer);
    expect(refused.code).toBe('FORBIDDEN');
    expect((await office.call('workshops.list', {})).workshops).toEqual([]);
    const bad = await office.fail('workshops.save', workshopInput({ creditCode: '91110108551385082R' }));
    expect(bad.fields?.creditCode).toContain('校验位不对');
    const half = await office.fail('workshops.save', workshopInput({ recognizedOn: null }));
    expect(half.fields?.recognizedOn).toContain('一起填写');
    await office.call('workshops.save', workshopInput());
    const twice = await office.fail('workshops.save', workshopInput({ name: '另一个车间' }));
    expect(twice.fields?.creditCode).toContain('已登记在车间"坪埠村竹编帮扶车间"');
  });
});

describe('公益性岗位台账', () => {
  it('lists holders with the year’s months, 应发 and 实发, filters by status, and exports the same', async () => {
    const villageId = office.villages[0]!.id;
    const h = await makeHousehold(office, '3504211010010001', 1);
    const post = await makePost(office);
    await office.call('posts.announce', { id: post, date: '2026-04-01', note: '招聘保洁员 2 名' });
    const a = await hire(office, post, h.son);
    await office.call('posts.saveMonth', { villageId, month: '2026-05', rows: [{ appointmentId: a.id, days: 20, grade: 'pass', adjustFen: -5_000, adjustReason: '缺勤一次' }] });
    const ledger = await office.call('posts.ledger', { year: 2026 });
    expect(ledger.total).toBe(1);
    expect(ledger.rows[0]).toMatchObject({ name: '王小军', postName: '坪埠村保洁员', postType: '保洁员', status: 'onDuty', subsidyFen: 50_000, months: 1, dueFen: 50_000, paidFen: 45_000 });
    expect((await office.call('posts.ledger', { year: 2026, status: 'left' })).total).toBe(0);
    expect((await office.call('posts.ledger', { year: 2025 })).total).toBe(0);
    expect((await office.call('posts.ledger', { year: 2026, postType: '护林员' })).total).toBe(0);
    const sheet = await readExport({ ledger: 'welfarePosts', format: 'xlsx', filters: { year: 2026 } });
    expect(sheet[0]!.map(String)).toEqual(ledgerHeaders('welfarePosts'));
    expect(sheet[1]!.slice(14)).toEqual([500, 1, 500, 450]);
  });
});
