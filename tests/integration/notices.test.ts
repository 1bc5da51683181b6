import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../../shared/contract';
import { printResultSchema } from '../../shared/contract/print';
import { negativeListItems, type NegativeListItem } from '../../shared/domain/monitoring';
import { suggestedThresholds } from '../../shared/domain/thresholds';
import { storedFile } from '../../electron/core/files/store';
import { uuidv7 } from '../../electron/core/ids';
import { openTestOffice, TestClock, type TestOffice } from './harness';
import { householdInput, idOf, member } from './householdsFixtures';

let office: TestOffice;
beforeEach(async () => {
  office = await openTestOffice({ clock: new TestClock('2026-04-25T02:00:00.000Z') });
});
afterEach(async () => {
  await office.close();
});

const noHits = () => Object.fromEntries(negativeListItems.map((k) => [k, false])) as Record<NegativeListItem, boolean>;
type StepIn = InputOf<'monitoring.recordStep'>;
const step = (id: string, s: StepIn['step'], date: string, over: Partial<StepIn> = {}): StepIn => ({ id, step: s, date, people: ['王干部'], outcome: 'passed', ...over });

/** A household of three; `n` makes its code and ID numbers unique; `village` 0 = 坪埠村, 1 = 旦上村. */
async function household(n: number, head: string, village = 0, over: Partial<InputOf<'households.create'>> = {}) {
  const v = office.villages[village]!;
  const code = `${v.code}${String(n).padStart(4, '0')}`;
  const members = [member(head, idOf('19650312', 100 + n), 'head'), member('李四妹', idOf('19680720', 200 + n), 'spouse'), member('张小明', idOf('19950105', 300 + n), 'son')];
  const { id } = await office.call('households.create', householdInput(office, { householdCode: code, villageId: v.id, groupId: v.groups[0]!.id, members, ...over }));
  return id;
}

/** Opens a case and walks it up to `until` (inclusive): the notice starts on `noticeStart`. */
async function caseUpTo(householdId: string, until: 'villageReview' | 'notice' | 'townshipReview', noticeStart = '2026-04-24', noticeEnd = '2026-04-28') {
  const { case: c } = await office.call('monitoring.open', { householdId, clueSource: 'cadreVisit', clueDate: '2026-04-20', risks: ['illness', 'schooling'] });
  await office.call('monitoring.recordStep', step(c.id, 'apply', '2026-04-21'));
  await office.call('monitoring.recordStep', step(c.id, 'homeCheck', '2026-04-22', { people: ['王干部', '刘会计'], details: { negativeList: noHits() } }));
  await office.call('monitoring.recordStep', step(c.id, 'villageReview', '2026-04-23'));
  if (until === 'villageReview') return c.id;
  await office.call('monitoring.recordStep', step(c.id, 'notice', noticeStart, { details: { notice: { startDate: noticeStart, endDate: noticeEnd, place: '村务公开栏' } } }));
  if (until === 'notice') return c.id;
  office.clock.set('2026-04-29');
  await office.call('users.unlock', { password: 'Admin1234' });
  await office.call('monitoring.recordStep', step(c.id, 'townshipReview', '2026-04-29'));
  office.clock.set('2026-04-25');
  await office.call('users.unlock', { password: 'Admin1234' });
  return c.id;
}

async function printNotice(kind: 'notice.identification' | 'notice.elimination' = 'notice.identification', village = 0) {
  const { jobId } = await office.call('notices.print', { villageId: office.villages[village]!.id, kind });
  const snap = await office.core.jobs.wait(jobId);
  return snap;
}

async function printed(kind: 'notice.identification' | 'notice.elimination' = 'notice.identification') {
  const snap = await printNotice(kind);
  expect(snap.error).toBeNull();
  expect(snap.status).toBe('done');
  const result = printResultSchema.parse(snap.result);
  const markup = readFileSync(storedFile(office.dataDir, 'outbox', result.file.fileId).path, 'utf8');
  return { result, markup };
}

const eighteenDigits = /(?<!\d)\d{17}[\dXx](?!\d)/;

describe('notices.list and notices.print', () => {
  it('lists and prints only the village cases at the notice step, with the period, objection and stamp', async () => {
    const a = await caseUpTo(await household(1, '张大山'), 'notice');
    const b = await caseUpTo(await household(2, '王小河'), 'notice');
    await caseUpTo(await household(3, '赵未到'), 'villageReview');
    await caseUpTo(await household(4, '钱已审'), 'townshipReview');
    await caseUpTo(await household(5, '孙他村', 1), 'notice');

    const list = await office.call('notices.list', { villageId: office.villages[0]!.id, kind: 'notice.identification' });
    expect(list.rows.map((r) => r.headName).sort()).toEqual(['张大山', '王小河']);
    expect(list.rows.map((r) => r.caseId).sort()).toEqual([a, b].sort());
    expect(list.periods).toEqual([{ from: '2026-04-24', to: '2026-04-28', days: 5, place: '村务公开栏', count: 2 }]);
    expect(list.rows[0]).toMatchObject({ memberCount: 3, groupName: '一组', risks: '因病、因学' });
    expect(list.emptyMessage).toBeNull();

    const overview = await office.call('notices.overview', { kind: 'notice.identification' });
    expect(overview.villages.map((v) => [v.name, v.count])).toEqual([['坪埠村', 2], ['旦上村', 1]]);

    const { result, markup } = await printed();
    expect(result.documents).toHaveLength(1);
    expect(result.documents[0]).toMatchObject({ kind: 'notice.identification', title: '坪埠村防止返贫监测对象识别公示', recordCode: office.villages[0]!.code });
    expect(markup).toContain('坪埠村防止返贫监测对象识别公示');
    expect(markup).toContain('张大山');
    expect(markup).toContain('王小河');
    for (const other of ['赵未到', '钱已审', '孙他村']) expect(markup).not.toContain(other);
    expect(markup).toContain('2026年4月24日至2026年4月28日（共 5 天）');
    expect(markup).toContain('2 户（6 人）');
    expect(markup).toContain('坪埠村村民委员会（盖章）');
    expect(markup).toContain('监督电话：<span class="nowrap">0598-2812345</span>'); // the office phone by default, hyphen kept
    expect(markup).toContain(`核验码 ${result.documents[0]!.contentCode}`);
    for (const label of ['户主', '组', '人口', '类别', '主要风险']) expect(markup).toContain(`<th>${label}</th>`);
    expect(markup).toContain('>序号</th>');
    expect(markup).not.toContain('身份证');
    expect(markup).not.toContain('13905981234');
    expect(markup).not.toMatch(eighteenDigits);

    const rows = await office.core.db.selectFrom('printed_documents').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'notice.identification', record_code: office.villages[0]!.code, printed_by_name: '林主任', output: 'print' });
    const stepIds = JSON.parse(rows[0]!.record_ref) as string[];
    const steps = await office.core.db.selectFrom('case_steps').select(['case_id', 'step']).where('id', 'in', stepIds).execute();
    expect(steps.map((s) => s.case_id).sort()).toEqual([a, b].sort());
    expect(steps.every((s) => s.step === 'notice')).toBe(true);
    const audit = await office.core.db.selectFrom('audit_log').selectAll().where('entity', '=', 'printed_documents').execute();
    expect(audit.map((x) => x.summary)).toEqual(['打印 监测对象识别公示 1 份']);
    expect(audit[0]!.user_name).toBe('林主任');
  });

  it('says so in Chinese when no case is at the notice step', async () => {
    await caseUpTo(await household(1, '张大山'), 'villageReview');
    const list = await office.call('notices.list', { villageId: office.villages[0]!.id, kind: 'notice.identification' });
    expect(list.rows).toEqual([]);
    expect(list.emptyMessage).toContain('坪埠村目前没有处于“村内公示”步骤');
    const err = await office.fail('notices.print', { villageId: office.villages[0]!.id, kind: 'notice.identification' });
    expect(err.code).toBe('RULE');
    expect(err.message).toContain('无需打印识别公示');
    expect(await office.core.db.selectFrom('printed_documents').selectAll().execute()).toEqual([]);
  });

  it('refuses to print a notice with no supervision phone, saying where to set it; prints once one is set', async () => {
    await caseUpTo(await household(1, '张大山'), 'notice');
    // An office set up without a phone (the setup form allows it).
    await office.core.db.updateTable('office').set({ phone: null }).execute();
    const err = await office.fail('notices.print', { villageId: office.villages[0]!.id, kind: 'notice.identification' });
    expect(err.code).toBe('RULE');
    expect(err.message).toContain('公示须印监督电话，目前尚未设置');
    expect(err.message).toContain('公示设置');
    expect(await office.core.db.selectFrom('printed_documents').selectAll().execute()).toEqual([]);
    const current = await office.call('notices.settings', {});
    await office.call('notices.saveSettings', { columns: current.columns, objectionPlace: current.objectionPlace, objectionNote: current.objectionNote, noticePhone: '0598-2812777' });
    const { markup } = await printed();
    expect(markup).toContain('0598-2812777');
    expect(markup).not.toContain('未设置');
  });

  it('prints one notice per notice period; the end follows the thresholds when the recorded end is shorter', async () => {
    await caseUpTo(await household(1, '张大山'), 'notice', '2026-04-24', '2026-04-28');
    await caseUpTo(await household(2, '王小河'), 'notice', '2026-04-25', '2026-05-01');
    // A later change of the setting to 7 days lengthens what a 5-day step prints.
    await office.call('thresholds.save', { ...suggestedThresholds(2026), noticeDays: 7 } as InputOf<'thresholds.save'>);
    const list = await office.call('notices.list', { villageId: office.villages[0]!.id, kind: 'notice.identification' });
    expect(list.periods.map((p) => [p.from, p.to, p.days, p.count])).toEqual([
      ['2026-04-24', '2026-04-30', 7, 1],
      ['2026-04-25', '2026-05-01', 7, 1],
    ]);
    const { result, markup } = await printed();
    expect(result.documents).toHaveLength(2);
    expect(markup).toContain('2026年4月24日至2026年4月30日（共 7 天）');
    expect(markup).toContain('2026年4月25日至2026年5月1日（共 7 天）');
    const audit = await office.core.db.selectFrom('audit_log').select('summary').where('entity', '=', 'printed_documents').execute();
    expect(audit.map((x) => x.summary)).toEqual(['打印 监测对象识别公示 2 份']);
  });

  it('never prints an 18-digit number, even with the ID column chosen; refuses a notice whose text holds one', async () => {
    await office.call('notices.saveSettings', { columns: ['headName', 'group', 'memberCount', 'maskedIdNumber', 'address'], objectionPlace: null, objectionNote: null, noticePhone: null });
    await caseUpTo(await household(1, '张大山'), 'notice');
    const { markup } = await printed();
    expect(markup).toContain('户主身份证号（隐去中间）');
    expect(markup).toContain(`350421********${idOf('19650312', 101).slice(14)}`);
    expect(markup).not.toMatch(eighteenDigits);

    // An ID number typed into the address would reach the board: the print is refused.
    await caseUpTo(await household(2, '王小河', 0, { address: `坪埠村 ${idOf('19700101', 7)}` }), 'notice');
    const snap = await printNotice();
    expect(snap.status).toBe('failed');
    expect(snap.error?.code).toBe('RULE');
    expect(snap.error?.message).toContain('完整的身份证号');
    expect(await office.core.db.selectFrom('printed_documents').selectAll().execute()).toHaveLength(1);
  });

  it('prints the elimination notice for cases at the elimination workflow notice step', async () => {
    const hh = await household(1, '张大山');
    const caseId = await caseUpTo(hh, 'notice');
    // Walking a case through six months of monitoring belongs to the monitoring tests; here the
    // case is put at the elimination notice step directly, the way monitoring stores it.
    const c = await office.core.db.selectFrom('monitoring_cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    await office.core.db.updateTable('monitoring_cases').set({ status: 'monitoring', category: 'marginal', included_date: '2026-04-30', active_workflow: 'elimination', next_step: 'townshipReview' }).where('id', '=', caseId).execute();
    const now = new Date().toISOString();
    await office.core.db
      .insertInto('case_steps')
      .values({
        id: uuidv7(), office_code: c.office_code, created_at: now, updated_at: now, updated_by: 'test', deleted_at: null, delete_reason: null,
        case_id: caseId, workflow: 'elimination', round: c.round, step: 'notice', step_date: '2026-11-02', people: '[]', outcome: 'passed', note: null,
        details: JSON.stringify({ notice: { startDate: '2026-11-02', endDate: '2026-11-08', place: '村部公示栏' } }),
      })
      .execute();
    const ident = await office.call('notices.list', { villageId: office.villages[0]!.id, kind: 'notice.identification' });
    expect(ident.rows).toEqual([]);
    const { result, markup } = await printed('notice.elimination');
    expect(result.documents[0]!.title).toBe('坪埠村防止返贫监测对象风险消除公示');
    expect(markup).toContain('张大山');
    expect(markup).toContain('边缘易致贫户');
    expect(markup).toContain('2026年11月2日至2026年11月8日（共 7 天）');
    expect(markup).toContain('公示地点：村部公示栏');
    expect(markup).toContain('拟标注为风险消除');
  });
});

describe('notices.settings', () => {
  it('admin saves the columns and objection texts; a clerk reads but may not change them; forbidden columns are refused', async () => {
    const clerk = await office.loginAs('clerk');
    const initial = await office.call('notices.settings', {}, clerk);
    expect(initial.columns).toEqual(['headName', 'group', 'memberCount', 'category', 'risks']);
    expect(initial.officePhone).toBeTruthy();

    const refused = await office.fail('notices.saveSettings', { columns: ['headName'], objectionPlace: null, objectionNote: null, noticePhone: null }, clerk);
    expect(refused.code).toBe('FORBIDDEN');
    const forbidden = await office.fail('notices.saveSettings', { columns: ['headName', 'idNumber'], objectionPlace: null, objectionNote: null, noticePhone: null });
    expect(forbidden.code).toBe('INVALID_INPUT');
    expect(forbidden.message).toContain('身份证号');

    const saved = await office.call('notices.saveSettings', { columns: ['memberCount', 'group'], objectionPlace: '坪埠村村委会办公室', objectionNote: '请实名书面反映。', noticePhone: '0598-2810000' });
    expect(saved.columns).toEqual(['headName', 'group', 'memberCount']); // 户主 is always listed
    expect(saved.noticePhone).toBe('0598-2810000');
    const audit = await office.core.db.selectFrom('audit_log').select('summary').where('entity', '=', 'print_settings').execute();
    expect(audit.map((x) => x.summary)).toEqual(['修改公示设置（公示栏目、异议受理方式、监督电话）']);

    await caseUpTo(await household(1, '张大山'), 'notice');
    const { markup } = await printed();
    expect(markup).toContain('坪埠村村委会办公室');
    expect(markup).toContain('请实名书面反映。');
    expect(markup).toContain('0598-2810000');
    expect(markup).not.toContain('主要风险');
  });
});
