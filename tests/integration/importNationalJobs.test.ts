// Issue 12 item 8: the national export's 务工 columns come in as job spells through the employment
// service (source 国家系统导出), a 公益性岗位 as a spell with channel 公益性岗位 and a 待补充 item
// (no appointment is invented), missing details as 待补充 items; the same file again adds nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../shared/contract/fileImport';
import { educationLabels, laborLabels, relationLabels } from '../../shared/domain/household';
import { stageUpload } from '../../electron/core/files/store';
import { genHouseholds, simpleXlsx } from '../fixtures/importWorkbooks';
import { openTestOffice, TestClock, type TestOffice } from './harness';

let office: TestOffice;
beforeEach(async () => {
  office = await openTestOffice({ clock: new TestClock('2026-10-10T02:00:00.000Z') });
});
afterEach(async () => {
  await office.close();
});

const headers = [
  '数据日期', '行政村', '自然村', '户编号', '姓名', '证件号码', '与户主关系', '民族', '文化程度', '健康状况', '劳动技能', '户类型',
  '务工所在地', '务工企业名称', '务工时间（月）', '是否国外务工', '公益性岗位类型', '公益性岗位(月数)', '就业渠道',
];

async function importOnce(bytes: Buffer) {
  const staged = stageUpload(office.dataDir, '名单.xlsx', bytes);
  const { jobId } = await office.call('files.importPreview', { fileId: staged.fileId, kind: 'national' });
  const snap = await office.core.jobs.wait(jobId);
  if (snap.status !== 'done') throw new Error(`preview ${snap.status}: ${snap.error?.message ?? ''}`);
  const p = snap.result as ImportPreview;
  const applied = await office.call('files.importApply', { previewId: p.previewId, mode: 'allOrNothing' });
  const done = await office.core.jobs.wait(applied.jobId);
  if (done.status !== 'done') throw new Error(`apply ${done.status}: ${done.error?.message ?? ''}`);
}

async function spells() {
  return office.core.db
    .selectFrom('employment_spells as s')
    .innerJoin('members as m', 'm.id', 's.member_id')
    .select(['m.id_number', 's.place', 's.area', 's.abroad', 's.employer', 's.job', 's.start_date', 's.end_date', 's.months', 's.months_year', 's.monthly_income_fen', 's.channel', 's.source'])
    .where('s.deleted_at', 'is', null)
    .orderBy('m.id_number')
    .execute();
}

describe('national export employment columns', () => {
  it('imports job spells and public-welfare posts as spells with 待补充 items; re-import adds nothing', async () => {
    const [h1] = genHouseholds(1, 4); // 5 members
    const jobCells: (string | number)[][] = [
      ['广东省深圳市', '深圳某电子厂', 10, '否', '', '', '有组织劳务输出'],
      ['', '', '', '', '护林员', '12个月', ''],
      ['新加坡', '', 6, '是', '', '', '自主外出'],
      ['', '', '', '', '', '', ''],
      ['', '', 'abc', '', '', '', ''],
    ];
    const rows = h1!.members.map((m, i) => [
      '202609', h1!.village, h1!.group, h1!.code, m.name, m.idNumber, relationLabels[m.relation], '汉族', educationLabels[m.education], '健康', laborLabels[m.labor], '脱贫户',
      ...jobCells[i]!,
    ]);
    const bytes = await simpleXlsx(headers, rows, '已脱贫人口名单');
    await importOnce(bytes);
    const ids = h1!.members.map((m) => m.idNumber);
    const expected = [
      { id_number: ids[0], place: '广东省深圳市', area: 'inProvince', abroad: 0, employer: '深圳某电子厂', job: null, months: 10, channel: 'organized' },
      { id_number: ids[1], place: '本村（公益性岗位）', area: 'inCounty', abroad: 0, employer: null, job: '护林员', months: 12, channel: 'welfarePost' },
      { id_number: ids[2], place: '新加坡', area: 'outOfProvince', abroad: 1, employer: null, job: null, months: 6, channel: 'selfOut' },
    ]
      .map((s) => ({ ...s, start_date: '2026-01-01', end_date: null, months_year: 2026, monthly_income_fen: 0, source: 'national' }))
      .sort((a, b) => a.id_number!.localeCompare(b.id_number!));
    expect(await spells()).toEqual(expected);

    // The member's 务工状况 follows the open spell (the employment service keeps it).
    const post = await office.core.db.selectFrom('members').select('work_status').where('id_number', '=', ids[1]!).executeTakeFirstOrThrow();
    expect(post.work_status).toBe('welfarePost');
    // No appointment is invented; the 待补充 list asks for it and for the incomes.
    expect(await office.core.db.selectFrom('welfare_appointments').select('id').execute()).toEqual([]);
    const pending = await office.call('pending.list', { kind: 'jobDetail' });
    expect(pending.items.map((i) => i.detail).sort()).toEqual(
      [
        `${h1!.members[0]!.name}：务工记录待补充月收入和起止日期`,
        `${h1!.members[1]!.name}：国家系统名单中有公益性岗位（护林员），请在公益性岗位台账办理聘用登记；务工记录待补充月收入和起止日期`,
        `${h1!.members[2]!.name}：务工记录待补充月收入和起止日期`,
      ].sort(),
    );
    const audits = await office.core.db.selectFrom('audit_log').select('id').where('entity', '=', 'employmentSpell').execute();
    expect(audits).toHaveLength(3);

    // The same file again: no second spell, no new audit row.
    await importOnce(bytes);
    expect(await spells()).toEqual(expected);
    expect(await office.core.db.selectFrom('audit_log').select('id').where('entity', '=', 'employmentSpell').execute()).toHaveLength(3);
  });
});
