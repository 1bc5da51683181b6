import { describe, expect, it } from 'vitest';
import { findHeaderRow } from '../../electron/core/features/files/import/header';
import { missingRequiredFields, resolveColumns } from '../../electron/core/features/files/import/parse';

const national = ['序号', '县(市、区、旗)', '乡(镇)', '行政村', '自然村', '户编号', '人编号', '姓名', '证件号码', '人数', '与户主关系', '民族', '文化程度', '劳动技能', '户类型'];

describe('header row detection', () => {
  it('finds the header under merged title rows', () => {
    const rows = [['2023年城关乡已脱贫人口名单'], ['填报单位：城关乡人民政府', '', '', '', '日期：2023-12-31'], [], national, ['1', '明溪县', '城关乡', '坪埠村', '一组', '3504211010010001']];
    const found = findHeaderRow(rows, 'households');
    expect(found).toMatchObject({ index: 3, upper: null });
    expect(typeof found?.known).toBe('number');
  });

  it('takes the first row when the header is on top', () => {
    expect(findHeaderRow([['户编号', '年度', '工资性收入'], ['3504211010010001', '2025', '1000']], 'incomes')?.index).toBe(0);
  });

  it('prefers the row naming the most known columns over a note that mentions one', () => {
    const rows = [['说明：户编号', '姓名 请勿修改'], ['户编号', '姓名', '证件号码', '与户主关系']];
    expect(findHeaderRow(rows, 'households')?.index).toBe(1);
  });

  it('joins a two-row header: a group heading over 姓名 / 证件号码, single columns merged down both rows', () => {
    const upper = ['序号', '户编号', '行政村', '自然村', '家庭成员情况', '', '', '', '户类型', '帮扶责任人', ''];
    const lower = ['', '', '', '', '姓名', '证件号码', '与户主关系', '文化程度', '', '姓名', '联系电话'];
    const rows = [['2026年坪埠村农户台账'], upper, lower, ['1', '3504211010010001']];
    const match = findHeaderRow(rows, 'households');
    expect(match).toMatchObject({ index: 2, upper: 1 });
    expect(match?.cells).toEqual(['序号', '户编号', '行政村', '自然村', '姓名', '证件号码', '与户主关系', '文化程度', '户类型', '帮扶责任人姓名', '帮扶责任人联系电话']);
    const cols = resolveColumns('households', match!.cells.map((header, i) => ({ index: i + 1, header })));
    expect(cols.map((c) => c.field)).toEqual([null, 'householdCode', 'village', 'group', 'name', 'idNumber', 'relation', 'education', 'kind', 'helperName', 'helperPhone']);
  });

  it('does not join a title line or the first data row to a one-row header', () => {
    const header = ['户编号', '行政村', '自然村', '姓名', '证件号码', '', '户类型'];
    const rows = [['2026年名单', '', '', '', '', '备注'], header, ['3504211010010001', '坪埠村', '一组', '张三', '', '', '脱贫户']];
    expect(findHeaderRow(rows, 'households')).toMatchObject({ index: 1, upper: null, cells: header });
  });

  it('finds nothing in a file without a header in the first 15 rows', () => {
    const rows = Array.from({ length: 20 }, (_, i) => (i === 16 ? national : ['备注', String(i)]));
    expect(findHeaderRow(rows, 'households')).toBeNull();
    expect(findHeaderRow([['张三', '350421197503120019']], 'households')).toBeNull();
  });

  it('maps columns automatically, lets the clerk override, and lists required fields left unmapped', () => {
    const headers = ['户编号', '姓名', '身份证号码', '备注', '户主关系'].map((header, i) => ({ index: i + 1, header }));
    const auto = resolveColumns('households', headers);
    expect(auto.map((c) => c.field)).toEqual(['householdCode', 'name', 'idNumber', null, 'relation']);
    expect(missingRequiredFields('households', auto)).toEqual(['行政村', '村民小组/自然村', '户类型', '文化程度', '劳动技能']);
    const corrected = resolveColumns('households', headers, { 备注: 'kind', 户主关系: null, 不存在的列: 'name' });
    expect(corrected.map((c) => c.field)).toEqual(['householdCode', 'name', 'idNumber', 'kind', null]);
    expect(missingRequiredFields('households', corrected)).toContain('与户主关系');
  });

  it('maps a second column of a single-value field to nothing', () => {
    const cols = resolveColumns('households', [{ index: 1, header: '身份证号' }, { index: 2, header: '证件号码' }]);
    expect(cols.map((c) => c.field)).toEqual(['idNumber', null]);
  });

  it('asks for 人数 when an income file has only 人均纯收入', () => {
    const cols = resolveColumns('incomes', ['户编号', '年度', '人均纯收入'].map((header, i) => ({ index: i + 1, header })));
    expect(missingRequiredFields('incomes', cols)).toEqual(['人数（只有人均纯收入时需要）']);
    const none = resolveColumns('incomes', ['户编号', '年度'].map((header, i) => ({ index: i + 1, header })));
    expect(missingRequiredFields('incomes', none)[0]).toMatch(/^收入金额/);
  });
});
