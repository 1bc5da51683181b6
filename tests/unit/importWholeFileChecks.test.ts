import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSource, type ImportVillage, type NationalParsed } from '../../electron/core/features/files/import/parse';

// The parse reads a member row that repeats the row before's household figures only once and
// settles each household from its rows (issue 11 item 7). What only the rest of the file tells
// must still count: a person met again in a later household, a household whose rows come back
// further down, and each repeated row's own error under its own line.

const dir = mkdtempSync(join(tmpdir(), 'whole-file-checks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const villages: ImportVillage[] = [{ id: 'v1', code: '350421101001', name: '廖家岭村', groups: [{ id: 'v1g1', name: '一组' }] }];

const header = '户编号,姓名,证件号码,与户主关系,民族,文化程度,健康状况,劳动技能,行政村,自然村,户类型,人均纯收入';
function row(code: string, name: string, id: string, relation: string, income = '9876.5'): string {
  return [code, name, id, relation, '汉族', '初中', '健康', '普通劳动力', '廖家岭村', '一组', '一般农户', income].join(',');
}

async function parse(lines: string[]): Promise<NationalParsed> {
  const path = join(dir, `${lines.length}.csv`);
  writeFileSync(path, `${[header, ...lines].join('\n')}\n`);
  const parsed = await parseSource({ path, fileName: '名单.csv', kind: 'national', villages, today: '2026-12-06', incomeYear: 2025 });
  if (parsed.kind !== 'national') throw new Error('national expected');
  return parsed;
}

describe('households checked against the whole file', () => {
  it('refuses a person met again in a later household in both households', async () => {
    const parsed = await parse([
      row('3504211010010001', '廖向阳', '350421197801225994', '户主'),
      row('3504211010010001', '张丹丹', '350421198112265741', '配偶'),
      row('3504211010010002', '洪丽娟', '350421197501092245', '户主'),
      row('3504211010010002', '冯新华', '350421198112265741', '配偶'),
    ]);
    const households = parsed.parts[0]!;
    expect(households.records).toEqual([]);
    const reasons = households.invalid.map((r) => r.reason);
    expect(reasons).toEqual([
      '第 2 行：同户（户编号 3504211010010001）第 3 行有误，整户未导入；改正后本行随户一起导入',
      '第 3 行：证件号码与第 5 行（户编号 3504211010010002）相同，一人只能在一户，请核对',
      '第 4 行：同户（户编号 3504211010010002）第 5 行有误，整户未导入；改正后本行随户一起导入',
      '第 5 行：证件号码与第 3 行（户编号 3504211010010001）相同，一人只能在一户，请核对',
    ]);
  });

  it('names the first household of the file that holds a number, whichever row of it comes first', async () => {
    // Household 0001's rows come back below 0002 and 0003: its holding of the number still comes
    // first, as the households are listed, so 0003's row names 0001's line, not 0002's.
    const parsed = await parse([
      row('3504211010010001', '廖向阳', '350421197801225994', '户主'),
      row('3504211010010002', '洪丽娟', '350421198112265741', '户主'),
      row('3504211010010003', '冯新华', '350421198112265741', '户主'),
      row('3504211010010001', '张丹丹', '350421198112265741', '配偶'),
    ]);
    const reasons = parsed.parts[0]!.invalid.map((r) => r.reason);
    expect(reasons).toEqual([
      '第 2 行：同户（户编号 3504211010010001）第 5 行有误，整户未导入；改正后本行随户一起导入',
      '第 3 行：证件号码与第 5 行（户编号 3504211010010001）相同，一人只能在一户，请核对',
      '第 4 行：证件号码与第 5 行（户编号 3504211010010001）相同，一人只能在一户，请核对',
      '第 5 行：证件号码与第 3 行（户编号 3504211010010002）相同，一人只能在一户，请核对',
    ]);
  });

  it('takes in whole a household whose rows come back further down', async () => {
    const parsed = await parse([
      row('3504211010010001', '廖向阳', '350421197801225994', '户主'),
      row('3504211010010002', '洪丽娟', '350421197501092245', '户主'),
      row('3504211010010001', '张丹丹', '350421198112265741', '配偶'),
    ]);
    const households = parsed.parts[0]!;
    if (households.kind !== 'households') throw new Error('households expected');
    expect(households.invalid).toEqual([]);
    expect(households.records.map((r) => [r.household.householdCode, r.lines, r.household.members.map((m) => m.name)])).toEqual([
      ['3504211010010001', [2, 4], ['廖向阳', '张丹丹']],
      ['3504211010010002', [3], ['洪丽娟']],
    ]);
  });

  it('gives each member row that repeats a wrong income the error under its own line', async () => {
    const parsed = await parse([
      row('3504211010010001', '廖向阳', '350421197801225994', '户主', 'abc'),
      row('3504211010010001', '张丹丹', '350421198112265741', '配偶', 'abc'),
      row('3504211010010002', '洪丽娟', '350421197501092245', '户主'),
      row('3504211010010002', '冯新华', '350421197512125399', '配偶'),
      row('3504211010010002', '冯宇豪', '350421200412173734', '之子', '9876.6'),
    ]);
    const incomes = parsed.parts[1]!;
    if (incomes.kind !== 'incomes') throw new Error('incomes expected');
    expect(incomes.records.map((r) => [r.householdCode, r.lines])).toEqual([]);
    expect(incomes.invalid.map((r) => r.reason)).toEqual([
      '第 2 行：人均纯收入“abc”不是金额，请只填数字（单位：元）',
      '第 3 行：人均纯收入“abc”不是金额，请只填数字（单位：元）',
      '第 4 行：与第 6 行是同一条记录，那几行有误，本条未导入',
      '第 5 行：与第 6 行是同一条记录，那几行有误，本条未导入',
      '第 6 行：户编号和年度与第 4 行相同，但金额不同：同一户同一年度只能有一行，请合并',
    ]);
  });
});
