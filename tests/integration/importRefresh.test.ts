// Issue 11 item 4: next month's national export into a filled ledger. The preview lists per
// household what changes field by field and what the file (for the villages it covers) no longer
// lists, as 文件中已无 rows the clerk decides one by one; 减员 goes through the households
// service in the import's transaction, with its audit rows; the same file again shows nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../shared/contract/fileImport';
import type { RefreshDecision } from '../../shared/contract/importRefresh';
import { idCheckDigit } from '../../shared/domain/idNumber';
import { educationLabels, laborLabels, relationLabels } from '../../shared/domain/household';
import { stageUpload } from '../../electron/core/files/store';
import { genHouseholds, simpleXlsx, type GenHousehold, type GenPerson } from '../fixtures/importWorkbooks';
import { openTestOffice, TestClock, type TestOffice } from './harness';

let office: TestOffice;
beforeEach(async () => {
  office = await openTestOffice({ clock: new TestClock('2026-10-10T02:00:00.000Z') });
});
afterEach(async () => {
  await office.close();
});

const headers = ['数据日期', '行政村', '自然村', '户编号', '姓名', '证件号码', '与户主关系', '民族', '文化程度', '健康状况', '劳动技能', '户类型', '务工状况'];

function rowsOf(h: GenHousehold, kind: string, work: (m: GenPerson, i: number) => string = () => '未务工', people: GenPerson[] = h.members) {
  return people.map((m, i) => [
    '202609', h.village, h.group, h.code, m.name, m.idNumber, relationLabels[m.relation], '汉族', educationLabels[m.education], '健康', laborLabels[m.labor], kind, work(m, i),
  ]);
}

async function preview(fileName: string, bytes: Buffer): Promise<ImportPreview> {
  const staged = stageUpload(office.dataDir, fileName, bytes);
  const { jobId } = await office.call('files.importPreview', { fileId: staged.fileId, kind: 'national' });
  const snap = await office.core.jobs.wait(jobId);
  if (snap.status !== 'done') throw new Error(`preview ${snap.status}: ${snap.error?.message ?? ''}`);
  return snap.result as ImportPreview;
}

async function apply(previewId: string, decisions: RefreshDecision[] = []) {
  const { jobId } = await office.call('files.importApply', { previewId, mode: 'allOrNothing', decisions });
  const snap = await office.core.jobs.wait(jobId);
  if (snap.status !== 'done') throw new Error(`apply ${snap.status}: ${snap.error?.message ?? ''}`);
  return snap.result as { counts: Record<string, number> };
}

describe('monthly refresh of the national export', () => {
  it('shows the differences per household and 文件中已无 rows of the covered village; 减员 goes through the households service; re-import shows nothing', async () => {
    // 旦上村: h1, h3, h5; 坪埠村: h2, h4.
    const [h1, h2, h3, h4, h5] = genHouseholds(5, 1);
    expect([h1, h3, h5].map((h) => h!.village)).toEqual(['旦上村', '旦上村', '旦上村']);
    expect([h2, h4].map((h) => h!.village)).toEqual(['坪埠村', '坪埠村']);
    const monthOne = [h1, h2, h3, h4, h5].flatMap((h) => rowsOf(h!, '脱贫户'));
    const first = await preview('2026年9月名单.xlsx', await simpleXlsx(headers, monthOne, '已脱贫人口名单'));
    expect(first.refresh).toBeNull();
    await apply(first.previewId);

    // Month two, 旦上村 only: h1 becomes 监测户 and has a newborn; h3's spouse now works outside
    // the province and its third member is gone; h5 is gone.
    const baby: GenPerson = { name: '新生儿', idNumber: `35042120260101001${idCheckDigit('35042120260101001')}`, relation: 'grandson', education: 'preschool', labor: 'none' };
    const h3Kept = h3!.members.slice(0, 2);
    const h3Gone = h3!.members[2]!;
    const monthTwo = [
      ...rowsOf(h1!, '监测户', () => '未务工', [...h1!.members, baby]),
      ...rowsOf(h3!, '脱贫户', (_m, i) => (i === 1 ? '省外务工' : '未务工'), h3Kept),
    ];
    const bytes = await simpleXlsx(headers, monthTwo, '已脱贫人口名单');
    const second = await preview('2026年10月名单.xlsx', bytes);
    expect(second.invalidRows).toEqual([]);
    expect(second.counts).toMatchObject({ new: 0, changed: 2, unchanged: 0, invalid: 0 });
    const refresh = second.refresh!;
    expect(refresh.changedTotal).toBe(2);
    const byCode = new Map(refresh.changes.map((c) => [c.householdCode, c]));
    expect(byCode.get(h1!.code)).toMatchObject({ headName: h1!.members[0]!.name, villageName: '旦上村' });
    expect(byCode.get(h1!.code)!.entries).toEqual([
      { field: '户类型', member: null, before: '脱贫户', after: '监测户' },
      { field: '人口', member: null, before: String(h1!.members.length), after: String(h1!.members.length + 1) },
      { field: '新增成员', member: '新生儿', before: null, after: '之孙子，2026-01-01 生' },
    ]);
    expect(byCode.get(h3!.code)!.entries).toEqual([{ field: '务工状况', member: h3!.members[1]!.name, before: '未务工', after: '省外务工' }]);
    // Only 旦上村 is checked: 坪埠村's h2 and h4 are not in this file and are not listed.
    const h3GoneRow = await office.core.db.selectFrom('members').select(['id', 'birth_date']).where('id_number', '=', h3Gone.idNumber).executeTakeFirstOrThrow();
    const h5Row = await office.core.db.selectFrom('households').select('id').where('household_code', '=', h5!.code).executeTakeFirstOrThrow();
    expect(refresh.missing).toEqual([
      { kind: 'household', id: h5Row.id, householdCode: h5!.code, name: h5!.members[0]!.name, villageName: '旦上村', detail: `${h5!.members.length} 人，脱贫户` },
      { kind: 'member', id: h3GoneRow.id, householdCode: h3!.code, name: h3Gone.name, villageName: '旦上村', detail: `${relationLabels[h3Gone.relation]}，${h3GoneRow.birth_date} 生` },
    ]);

    // Nothing is removed or kept silently: without a decision per row, apply is refused.
    await expect(apply(second.previewId)).rejects.toThrow('“文件中已无”还有 2 行没有选择处理方式');
    await apply(second.previewId, [
      { id: h5Row.id, action: 'leave', status: 'movedOut', date: '2026-10-01', reason: '整户迁出本乡镇' },
      { id: h3GoneRow.id, action: 'leave', status: 'dead', date: '2026-09-20', reason: '病故' },
    ]);

    const db = office.core.db;
    const h5After = await db.selectFrom('households').select(['status', 'closed_date', 'close_reason']).where('id', '=', h5Row.id).executeTakeFirstOrThrow();
    expect(h5After).toEqual({ status: 'closed', closed_date: '2026-10-01', close_reason: '整户迁出本乡镇' });
    const h5Members = await db.selectFrom('members').innerJoin('households', 'households.id', 'members.household_id').select('members.status').where('households.id', '=', h5Row.id).execute();
    expect(h5Members.map((m) => m.status)).toEqual(h5!.members.map(() => 'movedOut'));
    const gone = await db.selectFrom('members').select(['status', 'left_date', 'left_reason']).where('id', '=', h3GoneRow.id).executeTakeFirstOrThrow();
    expect(gone).toEqual({ status: 'dead', left_date: '2026-09-20', left_reason: '病故' });
    const h1After = await db.selectFrom('households').select(['kind', 'member_count']).where('household_code', '=', h1!.code).executeTakeFirstOrThrow();
    expect(h1After).toEqual({ kind: 'monitored', member_count: h1!.members.length + 1 });
    const h3After = await db.selectFrom('households').select('member_count').where('household_code', '=', h3!.code).executeTakeFirstOrThrow();
    expect(h3After.member_count).toBe(2);
    // 坪埠村 untouched.
    const others = await db.selectFrom('households').select('status').where('household_code', 'in', [h2!.code, h4!.code]).execute();
    expect(others.map((h) => h.status)).toEqual(['active', 'active']);

    const audit = await db.selectFrom('audit_log').select(['entity', 'entity_id', 'summary']).where('entity_id', 'in', [h5Row.id, h3GoneRow.id]).orderBy('id').execute();
    expect(audit.filter((a) => a.entity_id === h5Row.id).map((a) => a.summary)).toContainEqual(
      `注销户 ${h5!.code}（户主 ${h5!.members[0]!.name}）：整户迁出本乡镇，${h5!.members.length} 名成员随户迁出`,
    );
    expect(audit.filter((a) => a.entity_id === h3GoneRow.id).map((a) => a.summary)).toEqual([
      `户 ${h3!.code} 成员 ${h3Gone.name} 减员：死亡（2026-09-20，病故）`,
    ]);

    // The same file again: nothing changes, nothing is missing.
    const again = await preview('2026年10月名单.xlsx', bytes);
    expect(again.counts).toMatchObject({ new: 0, changed: 0, unchanged: 2 });
    expect(again.refresh).toBeNull();
  });

  it('records 保留 as its own audit row', async () => {
    const [h1, h2] = genHouseholds(3, 1).filter((h) => h.village === '旦上村');
    const first = await preview('9月.xlsx', await simpleXlsx(headers, [...rowsOf(h1!, '脱贫户'), ...rowsOf(h2!, '脱贫户')], '名单'));
    await apply(first.previewId);
    const second = await preview('10月.xlsx', await simpleXlsx(headers, rowsOf(h1!, '脱贫户'), '名单'));
    expect(second.refresh!.missing.map((m) => [m.kind, m.householdCode])).toEqual([['household', h2!.code]]);
    const id = second.refresh!.missing[0]!.id;
    await apply(second.previewId, [{ id, action: 'keep' }]);
    const h = await office.core.db.selectFrom('households').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(h.status).toBe('active');
    const audit = await office.core.db.selectFrom('audit_log').select('summary').where('entity_id', '=', id).where('summary', 'like', '%保留%').execute();
    expect(audit.map((a) => a.summary)).toEqual([`导入 10月.xlsx：户 ${h2!.code}（户主 ${h2!.members[0]!.name}）在文件中已无，经办人选择保留`]);
  });
});
