import { describe, expect, it } from 'vitest';
import {
  autoField,
  groupNameKey,
  importFields,
  importKinds,
  mapCategory,
  mapEducation,
  mapEliminationMethod,
  mapHealth,
  mapHouseholdKind,
  mapLabor,
  mapRelation,
  mapRisk,
  mapRisks,
  mapSchooling,
} from '../../shared/domain/importFields';
import { relations } from '../../shared/domain/household';

describe('import fields', () => {
  it('maps the national export headers of a person-level file', () => {
    const expected: Record<string, string | null> = {
      户编号: 'householdCode',
      人编号: null,
      姓名: 'name',
      证件号码: 'idNumber',
      与户主关系: 'relation',
      民族: 'ethnicity',
      文化程度: 'education',
      在校生状况: 'schooling',
      健康状况: 'health',
      劳动技能: 'labor',
      户联系电话: 'phone',
      行政村: 'village',
      自然村: 'group',
      村民小组: 'group',
      户类型: 'kind',
      人数: 'memberCount',
      序号: null,
    };
    for (const [header, field] of Object.entries(expected)) expect([header, autoField('households', header)]).toEqual([header, field]);
  });

  it('maps common synonyms, ignoring spaces, width, brackets, stars and units', () => {
    expect(autoField('households', '身份证号')).toBe('idNumber');
    expect(autoField('households', '身份证号码')).toBe('idNumber');
    expect(autoField('households', ' 户主\n关系 ')).toBe('relation');
    expect(autoField('households', '联系电话')).toBe('phone');
    expect(autoField('households', '*姓名')).toBe('name');
    expect(autoField('incomes', '工资性收入（元）')).toBe('wageFen');
    expect(autoField('incomes', '人均纯收入')).toBe('perCapita');
    expect(autoField('incomes', '年度')).toBe('year');
    expect(autoField('cases', '易返贫致贫户（监测对象）类型')).toBe('category');
    expect(autoField('cases', '风险是否消除')).toBe('eliminated');
    expect(autoField('cases', '风险识别时间')).toBe('identifiedDate');
    expect(autoField('cases', '风险消除时间')).toBe('eliminatedDate');
    expect(autoField('cases', '致贫原因1')).toBe('risks');
    expect(autoField('cases', '致贫原因2')).toBe('risks');
  });

  it('gives every field a Chinese label and each kind its required fields', () => {
    for (const kind of importKinds) {
      for (const f of importFields[kind]) expect(f.label).toMatch(/[\u4e00-\u9fa5]/);
      const keys = importFields[kind].map((f) => f.key);
      expect(new Set(keys).size).toBe(keys.length);
    }
    expect(importFields.households.filter((f) => f.required).map((f) => f.key)).toEqual(
      expect.arrayContaining(['householdCode', 'village', 'group', 'kind', 'name', 'idNumber', 'relation', 'education', 'labor']),
    );
  });

  it('maps national labels to the ledger enums', () => {
    expect(mapRelation('之子')).toBe('son');
    expect(mapRelation('户主')).toBe('head');
    expect(mapRelation('之儿媳')).toBe('daughterInLaw');
    expect(mapRelation('之岳父')).toBe('fatherInLaw');
    expect(mapRelation('之外孙女')).toBe('other');
    expect(mapRelation('外星人')).toBeNull();
    for (const r of relations) expect(mapRelation(r)).toBe(r);
    expect(mapHouseholdKind('脱贫户')).toBe('povertyExited');
    expect(mapHouseholdKind('一般农户')).toBe('ordinary');
    expect(mapHouseholdKind('监测户')).toBe('monitored');
    expect(mapEducation('文盲或半文盲')).toBe('none');
    expect(mapEducation('大专及以上')).toBe('college');
    expect(mapSchooling('八年级')).toBe('juniorHigh');
    expect(mapSchooling('小学三年级')).toBe('primary');
    expect(mapSchooling('高职一年级')).toBe('higherVocational');
    expect(mapSchooling('非在校生')).toBe('notInSchool');
    expect(mapHealth('残疾,长期慢性病')).toBe('disabled');
    expect(mapHealth('长期慢性病')).toBe('chronic');
    expect(mapLabor('弱劳动力或半劳动力')).toBe('weak');
    expect(mapCategory('边缘易致贫户')).toBe('marginal');
    expect(mapCategory('脱贫不稳定户')).toBe('unstableExited');
    expect(mapEliminationMethod('自然消除')).toBe('natural');
  });

  it('reads risk codes and names (DOMAIN §15)', () => {
    expect(mapRisk('01')).toBe('illness');
    expect(mapRisk('01因病')).toBe('illness');
    expect(mapRisk('0203')).toBe('disaster');
    expect(mapRisk('0299')).toBe('disaster');
    expect(mapRisk('03')).toBe('disability');
    expect(mapRisk('04')).toBe('lackOfLabor');
    expect(mapRisk('05')).toBe('accident');
    expect(mapRisk('06')).toBe('businessFailure');
    expect(mapRisk('07')).toBe('unstableJob');
    expect(mapRisk('09')).toBe('schooling');
    expect(mapRisk('99')).toBe('other');
    expect(mapRisk('因学')).toBe('schooling');
    expect(mapRisk('因灾')).toBe('disaster');
    expect(mapRisks('因病、因学,01')).toEqual({ risks: ['illness', 'schooling'], unknown: [] });
    expect(mapRisks('因病、外星人')).toEqual({ risks: ['illness'], unknown: ['外星人'] });
  });

  it('compares group names loosely', () => {
    expect(groupNameKey('1组')).toBe(groupNameKey('一组'));
    expect(groupNameKey('第二组')).toBe(groupNameKey('二组'));
    expect(groupNameKey('三村民小组')).toBe(groupNameKey('3组'));
    expect(groupNameKey('12组')).toBe(groupNameKey('十二组'));
    expect(groupNameKey('一组')).not.toBe(groupNameKey('二组'));
  });
});
