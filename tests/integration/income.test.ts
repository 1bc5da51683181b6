import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../../shared/contract';
import { suggestedThresholds } from '../../shared/domain/thresholds';
import { openTestOffice, type TestOffice } from './harness';
import { auditRows, householdInput, idOf, member } from './householdsFixtures';

let office: TestOffice;

beforeEach(async () => {
  office = await openTestOffice(); // the test clock says 2026-03-10
});
afterEach(async () => {
  await office.close();
});

async function household(code = '3504211010010001', villageIndex = 0, members?: InputOf<'households.create'>['members']) {
  const village = office.villages[villageIndex]!;
  const { id } = await office.call(
    'households.create',
    householdInput(office, { householdCode: code, villageId: village.id, groupId: village.groups[0]!.id, ...(members ? { members } : {}) }),
  );
  return id;
}

function income(householdId: string, year: number, over: Partial<InputOf<'income.save'>> = {}): InputOf<'income.save'> {
  return { householdId, year, ...over };
}

describe('income.save', () => {
  it('computes net and per-capita income, takes the current member count and writes an audit row', async () => {
    const clerk = await office.loginAs('clerk');
    const id = await household();
    const saved = await office.call(
      'income.save',
      income(id, 2025, {
        wageFen: 2_400_000,
        businessIncomeFen: 500_000,
        businessCostFen: 200_000,
        pensionFen: 100_000,
        insurancePayoutFen: 100_000,
        medicalOutOfPocketFen: 300_000,
      }),
      clerk,
    );
    expect(saved).toMatchObject({
      year: 2025,
      memberCount: 3,
      transferFen: 100_000,
      netIncomeFen: 2_800_000,
      perCapitaFen: 866_667, // (2,800,000 + 100,000 − 300,000) / 3
      monitoringLineFen: 726_000,
      lineSource: 'default',
      withinLine: false,
      previous: null,
      comparison: null,
      decline: false,
      declineCause: null,
    });
    const audit = await auditRows(office, saved.id);
    expect(audit.map((r) => r.summary)).toEqual(['户 3504211010010001（户主 张三） 录入 2025 年收入：人均纯收入 8,666.67 元（3 人）']);
    expect(audit[0]!.channel).toBe('income.save');
    expect(audit[0]!.changes).toContainEqual({ field: 'perCapitaFen', before: null, after: 866_667 });
  });

  it('compares with last year, requires a cause when income falls, and re-saving identical values writes nothing', async () => {
    const id = await household();
    await office.call('income.save', income(id, 2024, { wageFen: 3_000_000, dibaoFen: 300_000 }));
    const falling = { wageFen: 1_500_000, dibaoFen: 300_000 };

    const refused = await office.fail('income.save', income(id, 2025, falling));
    expect(refused.code).toBe('INVALID_INPUT');
    expect(refused.fields?.declineCause).toBe('2025 年人均纯收入 6,000.00 元，低于 2024 年的 11,000.00 元（减少 5,000.00 元），属于减收户，请选择减收原因');

    const other = await office.fail('income.save', income(id, 2025, { ...falling, declineCause: 'other' }));
    expect(other.fields?.note).toBe('减收原因选了“其他原因”，请在备注中写明具体原因');

    const saved = await office.call('income.save', income(id, 2025, { ...falling, declineCause: 'lostJob' }));
    expect(saved).toMatchObject({ perCapitaFen: 600_000, decline: true, declineCause: 'lostJob', declineMissingCause: false, withinLine: true });
    expect(saved.previous).toMatchObject({ year: 2024, perCapitaFen: 1_100_000, wageFen: 3_000_000 });
    expect(saved.comparison!.categories.wageFen).toEqual({ previousFen: 3_000_000, currentFen: 1_500_000, changeFen: -1_500_000, changePct: -50 });
    expect(saved.comparison!.perCapita.changeFen).toBe(-500_000);

    await office.call('income.save', income(id, 2025, { ...falling, declineCause: 'lostJob' }));
    expect(await auditRows(office, saved.id)).toHaveLength(1);

    // A correction upwards: no decline any more, the cause is not kept.
    const corrected = await office.call('income.save', income(id, 2025, { wageFen: 3_500_000, dibaoFen: 300_000, declineCause: 'lostJob' }));
    expect(corrected).toMatchObject({ decline: false, declineCause: null, perCapitaFen: 1_266_667 });
    const audit = await auditRows(office, saved.id);
    expect(audit.map((r) => r.summary)).toContain('户 3504211010010001（户主 张三） 更正 2025 年收入：人均纯收入 6,000.00 → 12,666.67 元，较上年+1,666.67 元');
  });

  it('keeps an existing year its own member count unless one is given', async () => {
    const id = await household();
    await office.call('income.save', income(id, 2024, { wageFen: 1_200_000, memberCount: 4 }));
    const again = await office.call('income.save', income(id, 2024, { wageFen: 1_200_001 }));
    expect(again.memberCount).toBe(4);
    const changed = await office.call('income.save', income(id, 2024, { wageFen: 1_200_000, memberCount: 2 }));
    expect(changed).toMatchObject({ memberCount: 2, perCapitaFen: 600_000 });
  });

  it('reads the line in force for the record year', async () => {
    await office.call('thresholds.save', { ...suggestedThresholds(2024), monitoringLineFen: 660_000 });
    await office.call('thresholds.save', { ...suggestedThresholds(2026), monitoringLineFen: 800_000 });
    const id = await household();
    await office.call('income.save', income(id, 2024, { wageFen: 2_100_000 })); // 7,000 元 per person
    await office.call('income.save', income(id, 2025, { wageFen: 2_100_000 }));
    await office.call('income.save', income(id, 2026, { wageFen: 2_100_000 }));
    const { years, thresholdsAreDefaults } = await office.call('income.forHousehold', { householdId: id });
    expect(thresholdsAreDefaults).toBe(false);
    expect(years.map((y) => [y.year, y.monitoringLineFen, y.lineSource, y.withinLine])).toEqual([
      [2026, 800_000, 'saved', true],
      [2025, 660_000, 'saved', false], // 2025 has no row: 2024's line
      [2024, 660_000, 'saved', false],
    ]);
  });

  it('flags a decline left without a cause when last year is corrected upwards afterwards', async () => {
    const id = await household();
    await office.call('income.save', income(id, 2024, { wageFen: 1_500_000 }));
    await office.call('income.save', income(id, 2025, { wageFen: 1_800_000 }));
    await office.call('income.save', income(id, 2024, { wageFen: 2_400_000 }));
    const { years } = await office.call('income.forHousehold', { householdId: id });
    expect(years[0]).toMatchObject({ year: 2025, decline: true, declineCause: null, declineMissingCause: true });
  });

  it.each([
    ['a future year', { year: 2027 }, 'INVALID_INPUT', 'year', '不能录入 2027 年的收入：该年度尚未开始（今年是 2026 年）'],
    ['a negative amount', { wageFen: -1 }, 'INVALID_INPUT', 'wageFen', '工资性收入不能为负数；支出请填在对应的支出项'],
    ['fractions of a fen', { wageFen: 1.5 }, 'INVALID_INPUT', 'wageFen', '工资性收入最多保留两位小数（精确到分）'],
    ['zero members', { memberCount: 0 }, 'INVALID_INPUT', 'memberCount', '家庭人口数至少为 1'],
  ])('refuses %s', async (_name, over, code, field, message) => {
    const id = await household();
    const error = await office.fail('income.save', { ...income(id, 2025), ...over });
    expect(error.code).toBe(code);
    expect(error.fields?.[field]).toBe(message);
  });

  it('refuses a closed household and an unknown one', async () => {
    const id = await household();
    await office.call('households.close', { id, date: '2026-03-01', reason: '整户迁出', membersLeaveAs: 'movedOut' });
    const closed = await office.fail('income.save', income(id, 2025, { wageFen: 100 }));
    expect(closed).toMatchObject({ code: 'RULE', message: '户 3504211010010001 已注销，不能录入或修改收入。如需办理，请先恢复该户' });
    expect((await office.fail('income.save', income('nope', 2025))).code).toBe('NOT_FOUND');
  });

  it('is open to every role', async () => {
    const id = await household();
    for (const [i, role] of (['clerk', 'reviewer'] as const).entries()) {
      const session = await office.loginAs(role);
      await office.call('income.save', income(id, 2020 + i, { wageFen: 100 }), session);
    }
  });
});

describe('income.summary', () => {
  it('counts falling households per village and cause, with the township total', async () => {
    const one = [member('王一', idOf('19700101', 11), 'head')];
    const a = await household('A0000001', 0, one);
    const b = await household('A0000002', 0, [member('王二', idOf('19700101', 13), 'head')]);
    const c = await household('A0000003', 0, [member('王三', idOf('19700101', 15), 'head')]);
    const d = await household('B0000001', 1, [member('李一', idOf('19700101', 17), 'head')]);
    const e = await household('B0000002', 1, [member('李二', idOf('19700101', 19), 'head')]);

    for (const h of [a, b, c, d]) await office.call('income.save', income(h, 2024, { wageFen: 1_000_000 }));
    await office.call('income.save', income(a, 2025, { wageFen: 800_000, declineCause: 'lostJob' }));
    await office.call('income.save', income(b, 2025, { wageFen: 1_200_000 }));
    await office.call('income.save', income(c, 2025, { wageFen: 900_000, declineCause: 'disaster' }));
    await office.call('income.save', income(d, 2025, { wageFen: 500_000, declineCause: 'lostJob' }));
    await office.call('income.save', income(e, 2025, { wageFen: 500_000 })); // nothing to compare with
    // c's 2024 corrected afterwards: still falling, its cause still counted.
    await office.call('income.save', income(c, 2024, { wageFen: 950_000 }));

    const reviewer = await office.loginAs('reviewer');
    const s = await office.call('income.summary', { year: 2025 }, reviewer);
    expect(s.previousYear).toBe(2024);
    const [v1, v2] = s.rows;
    expect(v1).toMatchObject({ villageName: '坪埠村', recorded: 3, compared: 3, declined: 2, withoutCause: 0 });
    expect(v1!.declineShare).toBeCloseTo(2 / 3);
    expect(v1!.byCause).toMatchObject({ lostJob: 1, disaster: 1, other: 0 });
    expect(v2).toMatchObject({ villageName: '旦上村', recorded: 2, compared: 1, declined: 1, declineShare: 1 });
    expect(s.total).toMatchObject({ villageId: null, villageName: '全乡合计', recorded: 5, compared: 4, declined: 3, declineShare: 0.75 });
    expect(s.total.byCause).toMatchObject({ lostJob: 2, disaster: 1 });

    const filtered = await office.call('income.summary', { year: 2025, villageId: office.villages[1]!.id });
    expect(filtered.rows.map((r) => r.villageName)).toEqual(['旦上村']);
    expect(filtered.total).toMatchObject({ compared: 1, declined: 1 });
  });

  it('counts a decline left without a cause', async () => {
    const h = await household();
    await office.call('income.save', income(h, 2024, { wageFen: 1_000_000 }));
    await office.call('income.save', income(h, 2025, { wageFen: 1_100_000 }));
    await office.call('income.save', income(h, 2024, { wageFen: 1_500_000 }));
    const s = await office.call('income.summary', { year: 2025 });
    expect(s.total).toMatchObject({ compared: 1, declined: 1, withoutCause: 1 });
    expect(s.rows[1]).toMatchObject({ villageName: '旦上村', compared: 0, declineShare: null });
  });
});
