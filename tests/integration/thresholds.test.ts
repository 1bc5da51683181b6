import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../../shared/contract';
import { identificationDeadline, suggestedThresholds } from '../../shared/domain/thresholds';
import { openTestOffice, type TestOffice } from './harness';
import { auditRows, householdInput } from './householdsFixtures';

let office: TestOffice;

beforeEach(async () => {
  office = await openTestOffice(); // the test clock says 2026-03-10
});
afterEach(async () => {
  await office.close();
});

function yearInput(year: number, over: Partial<InputOf<'thresholds.save'>> = {}): InputOf<'thresholds.save'> {
  return { ...suggestedThresholds(year), ...over };
}

describe('thresholds.list', () => {
  it('offers the suggested defaults, marked as defaults, before anything is saved', async () => {
    const clerk = await office.loginAs('clerk');
    const list = await office.call('thresholds.list', {}, clerk);
    expect(list.today).toBe('2026-03-10');
    expect(list.saved).toEqual([]);
    expect(list.inForce).toEqual({ ...suggestedThresholds(2026), source: 'default' });
    expect(list.suggested).toEqual(suggestedThresholds(2026));
  });

  it('lists saved years newest first and the values in force today', async () => {
    await office.call('thresholds.save', yearInput(2024, { monitoringLineFen: 660_000 }));
    await office.call('thresholds.save', yearInput(2025, { monitoringLineFen: 700_000, noticeDays: 7 }));
    const list = await office.call('thresholds.list', {});
    expect(list.saved.map((y) => [y.year, y.monitoringLineFen])).toEqual([
      [2025, 700_000],
      [2024, 660_000],
    ]);
    expect(list.saved[0]!.updatedByName).toBe('林主任');
    // 2026 has no row: 2025's values stay in force.
    expect(list.inForce).toMatchObject({ year: 2025, monitoringLineFen: 700_000, noticeDays: 7, source: 'saved' });
  });
});

describe('thresholds.save', () => {
  it('creates a year with an audit row, then updates it naming each change', async () => {
    const created = await office.call(
      'thresholds.save',
      yearInput(2026, { holidays: ['2026-05-01', '2026-01-01', '2026-01-01'], makeupWorkdays: ['2026-05-09'] }),
    );
    expect(created).toMatchObject({ year: 2026, monitoringLineFen: 726_000, holidays: ['2026-01-01', '2026-05-01'], makeupWorkdays: ['2026-05-09'] });

    const updated = await office.call(
      'thresholds.save',
      yearInput(2026, { monitoringLineFen: 750_000, identificationDeadlineDays: 20, identificationDeadlineUnit: 'working', holidays: ['2026-01-01', '2026-05-01'], makeupWorkdays: ['2026-05-09'] }),
    );
    expect(updated.id).toBe(created.id);
    expect(updated.monitoringLineFen).toBe(750_000);

    const audit = await auditRows(office, created.id);
    expect(audit.map((r) => r.summary).sort()).toEqual([
      '修改 2026 年监测参数：防止返贫监测范围（人均纯收入） 7,260.00 元 → 7,500.00 元，识别时限 15 → 20，识别时限计算方式 自然日 → 工作日',
      '录入 2026 年监测参数：监测范围 7,260.00 元，消除底线 5,000.00 元，公示 5 天，识别时限 15 个自然日',
    ]);
    const update = audit.find((r) => r.summary.startsWith('修改'))!;
    expect(update.channel).toBe('thresholds.save');
    expect(update.changes).toContainEqual({ field: 'monitoringLineFen', before: 726_000, after: 750_000 });
    expect(update.changes).toHaveLength(3);

    // Saving the same values again writes nothing.
    await office.call('thresholds.save', yearInput(2026, { monitoringLineFen: 750_000, identificationDeadlineDays: 20, identificationDeadlineUnit: 'working', holidays: ['2026-05-01', '2026-01-01'], makeupWorkdays: ['2026-05-09'] }));
    expect(await auditRows(office, created.id)).toHaveLength(2);
  });

  it('keeps past years as they were when a new year is saved', async () => {
    await office.call('thresholds.save', yearInput(2024, { monitoringLineFen: 660_000 }));
    await office.call('thresholds.save', yearInput(2026, { monitoringLineFen: 750_000 }));
    const list = await office.call('thresholds.list', {});
    expect(list.saved.find((y) => y.year === 2024)!.monitoringLineFen).toBe(660_000);
    expect(list.inForce.monitoringLineFen).toBe(750_000);
  });

  it.each([
    ['a floor above the line', { eliminationFloorFen: 800_000 }, 'eliminationFloorFen', '风险消除收入底线不能高于防止返贫监测范围，请核对两项金额'],
    ['a zero line', { monitoringLineFen: 0 }, 'monitoringLineFen', '防止返贫监测范围应大于 0 元'],
    ['a line in fractions of a fen', { monitoringLineFen: 726_000.5 }, 'monitoringLineFen', '防止返贫监测范围最多保留两位小数（精确到分）'],
    ['a 13th month', { periodStartMonth: 13 }, 'periodStartMonth', '收入测算周期起始月不能超过 12 月'],
    ['a notice of 0 days', { noticeDays: 0 }, 'noticeDays', '公示天数不能少于 1 天'],
    ['an unknown deadline unit', { identificationDeadlineUnit: 'weeks' }, 'identificationDeadlineUnit', '请选择识别时限按自然日还是工作日计算'],
    ['open cases visited less often than eliminated ones', { visitOpenMonths: 12, visitEliminatedMonths: 6 }, 'visitOpenMonths', '监测中户的走访间隔不能长于风险已消除户，请核对走访频次'],
    ['a day both holiday and workday', { holidays: ['2026-10-01'], makeupWorkdays: ['2026-10-01'] }, 'makeupWorkdays', '2026-10-01 同时列为节假日和调休上班日，请只保留一处'],
    ['a date that does not exist', { holidays: ['2026-02-30'] }, 'holidays.0', '这一天在日历上不存在，请检查年月日'],
  ])('refuses %s', async (_name, over, field, message) => {
    const error = await office.fail('thresholds.save', { ...yearInput(2026), ...over });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.fields?.[field]).toBe(message);
    expect((await office.call('thresholds.list', {})).saved).toEqual([]);
  });

  it('refuses a year more than one year ahead', async () => {
    const error = await office.fail('thresholds.save', yearInput(2028));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.fields?.year).toBe('只能录入今年（2026 年）或明年的参数；2028 年的参数请到时再录入');
    await office.call('thresholds.save', yearInput(2027));
  });

  it('is for admins only', async () => {
    for (const role of ['clerk', 'reviewer'] as const) {
      const session = await office.loginAs(role);
      expect((await office.fail('thresholds.save', yearInput(2026), session)).code).toBe('FORBIDDEN');
    }
  });
});

describe('thresholds.save and the dates that follow them', () => {
  it('moves the deadline of an open case in the same transaction', async () => {
    const { id: householdId } = await office.call('households.create', householdInput(office));
    const now = new Date().toISOString();
    // The case row is written directly so this test does not depend on the monitoring workflow.
    await office.core.db
      .insertInto('monitoring_cases')
      .values({
        id: 'case-1',
        office_code: '350421101',
        created_at: now,
        updated_at: now,
        updated_by: 'test',
        deleted_at: null,
        delete_reason: null,
        case_code: 'JC-TEST-1',
        household_id: householdId,
        status: 'identifying',
        category: null,
        suggested_category: null,
        category_confirmed_by: null,
        helper_name: null,
        helper_phone: null,
        clue_source: 'cadreVisit',
        clue_date: '2026-03-06',
        clue_note: null,
        deadline_date: '2026-03-21',
        included_date: null,
        plan_due_date: null,
        eliminated_date: null,
        elimination_method: null,
        rejected_date: null,
        reject_reason: null,
        guarantees: '{}',
        active_workflow: 'identification',
        next_step: null,
        round: 1,
      })
      .execute();
    const t = { ...suggestedThresholds(2026), identificationDeadlineDays: 20, identificationDeadlineUnit: 'working' as const };
    await office.call('thresholds.save', t);
    const row = await office.core.db.selectFrom('monitoring_cases').select('deadline_date').where('id', '=', 'case-1').executeTakeFirstOrThrow();
    expect(row.deadline_date).toBe(identificationDeadline('2026-03-06', t));
    expect(row.deadline_date).toBe('2026-04-03');
  });
});
