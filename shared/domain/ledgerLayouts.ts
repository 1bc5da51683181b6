// Fixed column layouts of the ledgers as they leave the office (export and 季度报送): Chinese
// headers (the national monitoring system's names where one exists, DOMAIN §15), widths in
// characters and the cell kind that decides the number format. Pure data: the core fills the
// rows by `key`, the writer formats by `kind`.

export const exportLedgers = ['households', 'monitoring', 'measures', 'visits', 'visitsDue', 'income', 'migrantWork', 'funds', 'fundProjects', 'loans', 'welfarePosts', 'workshops', 'assets', 'paymentLines'] as const;
export type ExportLedger = (typeof exportLedgers)[number];

export const exportLedgerLabels: Readonly<Record<ExportLedger, string>> = {
  households: '户籍台账',
  monitoring: '监测对象台账',
  measures: '帮扶措施台账',
  visits: '走访记录',
  visitsDue: '走访待办',
  income: '收入台账',
  migrantWork: '外出务工台账',
  funds: '资金台账',
  fundProjects: '项目库台账',
  loans: '小额信贷台账',
  welfarePosts: '公益性岗位台账',
  workshops: '帮扶车间台账',
  assets: '资产台账',
  paymentLines: '发放花名册',
};

/**
 * text: written as text (neutralised against formulas); code: digit strings kept as text so Excel
 * does not turn an ID number into 3.5E+17; int: whole number; money: 元 with two decimals (the row
 * carries fen); date: a real date shown YYYY-MM-DD (the row carries 'YYYY-MM-DD'); percent: 0–1.
 */
export type ColumnKind = 'text' | 'code' | 'int' | 'money' | 'date' | 'percent';

export interface LedgerColumn {
  key: string;
  header: string;
  /** Column width in characters (a Chinese character counts about two). */
  width: number;
  kind: ColumnKind;
}

/** Formats of the kinds that need one (text, codes and whole numbers read right as they are). */
export const numberFormats = {
  money: '#,##0.00',
  date: 'yyyy-mm-dd',
  percent: '0.0%',
} as const satisfies Readonly<Partial<Record<ColumnKind, string>>>;

function col(key: string, header: string, width: number, kind: ColumnKind = 'text'): LedgerColumn {
  return { key, header, width, kind };
}

/** 序号, the first column of every ledger. */
const seq = col('seq', '序号', 7, 'int');

// Columns in several ledgers, defined once so that a header or a width cannot drift between them.
const village = col('village', '行政村', 12);
const group = col('group', '村民小组', 10);
const householdCode = col('householdCode', '户编号', 20, 'code');
const headName = col('headName', '户主姓名', 10);
const householdKind = col('householdKind', '户类型', 10);
const personName = col('name', '姓名', 10);
const idNumber = col('idNumber', '证件号码', 21, 'code');
const perCapitaIncome = col('perCapitaIncome', '人均纯收入', 12, 'money');
const incomeYear = col('incomeYear', '收入年度', 9, 'int');
const helperName = col('helperName', '帮扶责任人', 10);

/** Where a household-level row sits and whose it is, in the order the national system lists them. */
const householdColumns: readonly LedgerColumn[] = [village, group, householdCode, headName, householdKind];
/** Whose a person-level row is: the village, the household and the person. */
const personColumns: readonly LedgerColumn[] = [village, householdCode, personName, idNumber];

/** 户籍台账: one row per person, the household's fields repeated on each member's row. */
const households: readonly LedgerColumn[] = [
  seq,
  col('dataDate', '数据日期', 12, 'date'),
  col('county', '县(市、区、旗)', 12),
  col('township', '乡(镇)', 12),
  village,
  group,
  householdCode,
  personName,
  idNumber,
  col('sex', '性别', 6),
  col('birthDate', '出生日期', 12, 'date'),
  col('memberCount', '人数', 6, 'int'),
  col('relation', '与户主关系', 12),
  col('ethnicity', '民族', 8),
  col('education', '文化程度', 12),
  col('schooling', '在校生状况', 12),
  col('health', '健康状况', 12),
  col('disabilityCategory', '残疾类别', 12),
  col('disabilityGrade', '残疾等级', 10),
  col('labor', '劳动技能', 18),
  col('workStatus', '务工状况', 14),
  col('medicalInsurance', '是否参加城乡居民基本医疗保险', 14),
  col('pensionInsurance', '是否参加城乡居民基本养老保险', 14),
  col('memberStatus', '人员状态', 10),
  householdKind,
  col('dibao', '是否低保户', 10),
  col('tekun', '是否特困供养', 10),
  col('relocated', '是否易地扶贫搬迁', 10),
  col('noLabor', '是否整户无劳动能力', 10),
  perCapitaIncome,
  incomeYear,
  col('phone', '户联系电话', 14, 'code'),
  col('address', '住址', 24),
  col('memberPhone', '本人联系电话', 14, 'code'),
  helperName,
  col('helperPhone', '帮扶责任人电话', 14, 'code'),
  col('monitoringCategory', '易返贫致贫户(监测对象)类型', 16),
  col('riskEliminated', '风险是否消除', 10),
  col('riskIdentifiedDate', '风险识别时间', 12, 'date'),
  col('riskEliminatedDate', '风险消除时间', 12, 'date'),
  col('householdStatus', '户状态', 8),
];

/** 监测对象台账: one row per case. */
const monitoring: readonly LedgerColumn[] = [
  seq,
  col('caseCode', '监测编号', 14, 'code'),
  village,
  group,
  householdCode,
  headName,
  col('headIdNumber', '户主证件号码', 21, 'code'),
  col('memberCount', '人数', 6, 'int'),
  householdKind,
  col('category', '易返贫致贫户(监测对象)类型', 16),
  col('status', '监测状态', 16),
  col('riskEliminated', '风险是否消除', 10),
  col('risks', '风险类型', 24),
  col('clueSource', '线索来源', 14),
  col('clueDate', '线索日期', 12, 'date'),
  col('deadlineDate', '识别办结期限', 12, 'date'),
  col('includedDate', '风险识别时间', 12, 'date'),
  col('planDueDate', '帮扶计划期限', 12, 'date'),
  col('measureCount', '帮扶措施数', 10, 'int'),
  col('eliminatedDate', '风险消除时间', 12, 'date'),
  col('eliminationMethod', '风险消除方式', 12),
  col('rejectedDate', '未纳入日期', 12, 'date'),
  col('rejectReason', '未纳入原因', 24),
  col('helperName', '帮扶联系人', 10),
  col('helperPhone', '帮扶联系人电话', 14, 'code'),
  col('lastVisitDate', '最近走访日期', 12, 'date'),
  col('nextVisitDue', '下次走访日期', 12, 'date'),
  perCapitaIncome,
  incomeYear,
];

/** 帮扶措施台账: one row per measure. */
const measures: readonly LedgerColumn[] = [
  seq,
  col('caseCode', '监测编号', 14, 'code'),
  village,
  householdCode,
  headName,
  col('caseStatus', '监测状态', 16),
  col('family', '措施类别', 12),
  col('measureTypeCode', '措施代码', 9, 'code'),
  col('typeName', '帮扶措施', 20),
  col('risks', '对应风险', 20),
  col('responsibleUnit', '责任单位', 16),
  helperName,
  col('plannedDate', '计划日期', 12, 'date'),
  col('doneDate', '落实日期', 12, 'date'),
  col('status', '落实状态', 10),
  col('amount', '金额（元）', 12, 'money'),
  col('note', '备注', 24),
  col('cancelReason', '取消原因', 20),
];

/** 走访记录: one row per visit. */
const visits: readonly LedgerColumn[] = [
  seq,
  col('visitDate', '走访日期', 12, 'date'),
  ...householdColumns,
  col('caseCode', '监测编号', 14, 'code'),
  col('kind', '走访类型', 12),
  col('visitors', '走访人', 16),
  col('findings', '走访情况', 40),
  col('guarantees', '两不愁三保障及饮水安全', 24),
  col('incomeYear', '更新收入年度', 10, 'int'),
  col('recordedBy', '录入人', 10),
];

/** 走访待办: one row per household due by the month's end. */
const visitsDue: readonly LedgerColumn[] = [
  seq,
  ...householdColumns,
  col('caseCode', '监测编号', 14, 'code'),
  col('cycle', '走访周期', 12),
  col('lastVisitDate', '上次走访日期', 12, 'date'),
  col('nextVisitDue', '应走访日期', 12, 'date'),
  col('overdueDays', '逾期天数', 9, 'int'),
  helperName,
];

/** 收入台账: one row per household and year. */
const income: readonly LedgerColumn[] = [
  seq,
  ...householdColumns,
  col('year', '年度', 7, 'int'),
  col('memberCount', '家庭人口数', 10, 'int'),
  col('wageFen', '工资性收入', 12, 'money'),
  col('businessIncomeFen', '生产经营性收入', 12, 'money'),
  col('businessCostFen', '生产经营性支出', 12, 'money'),
  col('propertyFen', '财产性收入', 12, 'money'),
  col('transferFen', '转移性收入', 12, 'money'),
  col('pensionFen', '养老金', 12, 'money'),
  col('dibaoFen', '低保金', 12, 'money'),
  col('tekunFen', '特困供养金', 12, 'money'),
  col('ecoCompensationFen', '生态补偿', 12, 'money'),
  col('otherTransferFen', '其他转移性收入', 12, 'money'),
  col('insurancePayoutFen', '理赔收入', 12, 'money'),
  col('medicalOutOfPocketFen', '合规自付医疗支出', 12, 'money'),
  col('netIncome', '纯收入', 12, 'money'),
  col('perCapita', '人均纯收入', 12, 'money'),
  col('previousPerCapita', '上年人均纯收入', 12, 'money'),
  col('change', '人均增减', 12, 'money'),
  col('changePct', '增减幅度', 10, 'percent'),
  col('declined', '是否减收', 9),
  col('declineCause', '减收原因', 24),
  col('note', '备注', 20),
];

/** 外出务工台账: one row per job spell touching the year (national column names in 「」 of EMPLOYMENT-FUNDS §1.1). */
const migrantWork: readonly LedgerColumn[] = [
  seq,
  ...personColumns,
  householdKind,
  col('place', '务工所在地', 24),
  col('area', '务工地域', 10),
  col('abroad', '是否国外务工', 10),
  col('employer', '务工企业名称', 24),
  col('job', '岗位/工种', 12),
  col('channel', '就业渠道', 12),
  col('startDate', '务工开始日期', 12, 'date'),
  col('endDate', '务工结束日期', 12, 'date'),
  col('months', '务工时间（月）', 10, 'int'),
  col('monthlyIncome', '月收入', 12, 'money'),
];

/** 资金台账: one row per source of a year, and 合计. */
const funds: readonly LedgerColumn[] = [
  seq,
  col('source', '资金来源', 28),
  col('issued', '下达金额', 14, 'money'),
  col('allocated', '分配金额', 14, 'money'),
  col('disbursed', '拨付金额', 14, 'money'),
  col('balance', '结余', 14, 'money'),
  col('progress', '支出进度', 10, 'percent'),
  col('required', '应达进度', 10, 'percent'),
  col('late', '是否滞后', 9),
];

/** 项目库台账: one row per project. */
const fundProjects: readonly LedgerColumn[] = [
  seq,
  col('projectCode', '项目编号', 14, 'code'),
  col('name', '项目名称', 28),
  col('projectType', '项目类型', 14),
  col('year', '年度', 7, 'int'),
  col('villages', '实施村', 16),
  col('unit', '实施单位', 20),
  col('status', '状态', 9),
  col('lastStep', '最近步骤', 12),
  col('lastStepDate', '办理日期', 12, 'date'),
  col('budget', '批复预算', 14, 'money'),
  col('allocated', '已分配', 14, 'money'),
  col('disbursed', '已拨付', 14, 'money'),
  col('progress', '支出进度', 10, 'percent'),
  col('late', '是否滞后', 9),
];

/** 小额信贷台账: one row per loan, with its balance, 逾期 and the year's 贴息. */
const loans: readonly LedgerColumn[] = [
  seq,
  col('village', '村', 10),
  col('householdCode', '户编号', 18, 'code'),
  col('borrower', '借款人', 10),
  col('idNumber', '身份证号', 20, 'code'),
  householdKind,
  col('bank', '贷款银行', 14),
  col('contractNo', '合同编号', 16, 'code'),
  col('amount', '贷款金额', 12, 'money'),
  col('loanDate', '放款日', 12, 'date'),
  col('dueDate', '到期日', 12, 'date'),
  col('rate', '年利率（%）', 9),
  col('use', '贷款用途', 12),
  col('kind', '贷款类型', 8),
  col('outstanding', '贷款余额', 12, 'money'),
  col('status', '状态', 8),
  col('overdueDays', '逾期天数', 8, 'int'),
  col('interestPaid', '本年付息', 12, 'money'),
  col('subsidyDue', '本年应贴息', 12, 'money'),
  col('subsidyPaid', '本年已贴息', 12, 'money'),
  col('warnings', '政策提示', 30),
];

/** 公益性岗位台账: one row per appointment with an agreement touching the year (EMPLOYMENT-FUNDS §1.1 E2–E4). */
const welfarePosts: readonly LedgerColumn[] = [
  seq,
  village,
  col('postName', '岗位名称', 16),
  col('postType', '公益性岗位类型', 14),
  col('category', '岗位类别', 10),
  col('funding', '资金渠道', 14),
  personName,
  idNumber,
  householdCode,
  householdKind,
  col('status', '聘用状态', 10),
  col('startDate', '协议开始日期', 12, 'date'),
  col('endDate', '协议结束日期', 12, 'date'),
  col('leftDate', '退岗日期', 12, 'date'),
  col('subsidy', '补贴标准（元/月）', 12, 'money'),
  col('months', '公益性岗位(月数)', 10, 'int'),
  col('due', '应发金额', 12, 'money'),
  col('paid', '实发金额', 12, 'money'),
];

/** 帮扶车间台账: one row per workshop with the year's people and reward (EMPLOYMENT-FUNDS §1.1 E5). */
const workshops: readonly LedgerColumn[] = [
  seq,
  village,
  col('name', '车间名称', 24),
  col('creditCode', '统一社会信用代码', 21, 'code'),
  col('form', '经营形式', 12),
  col('kind', '车间类型', 10),
  col('recognitionNo', '认定文号', 20),
  col('recognizedOn', '认定日期', 12, 'date'),
  col('state', '监测状态', 10),
  col('lastCheckOn', '最近检查日期', 12, 'date'),
  col('insuranceUntil', '意外险到期日', 12, 'date'),
  col('staffInYear', '务工人数', 9, 'int'),
  col('povertyStaff', '吸纳脱贫人口数', 12, 'int'),
  col('countedPeople', '稳定就业人数', 12, 'int'),
  col('stablePeople', '满12个月人数', 12, 'int'),
  col('reward', '可享奖补', 14, 'money'),
];

/** 资产台账 (项目资产): one row per asset, with its event sums. */
const assets: readonly LedgerColumn[] = [
  seq,
  col('assetCode', '资产编号', 14, 'code'),
  col('name', '资产名称', 24),
  col('assetClass', '资产类别', 9),
  col('project', '形成项目', 28),
  col('formedDate', '形成日期', 12, 'date'),
  col('village', '所在村', 12),
  col('quantity', '数量', 10),
  col('value', '资产原值', 14, 'money'),
  col('ownerLevel', '所有权层级', 10),
  col('ownerName', '所有权人', 22),
  col('operator', '经营主体', 22),
  col('caretaker', '管护主体', 22),
  col('caretakerPerson', '管护责任人', 10),
  col('status', '状态', 8),
  col('income', '累计收益', 14, 'money'),
  col('upkeep', '累计管护支出', 14, 'money'),
  col('disposal', '处置收入', 14, 'money'),
];

/** 发放花名册: one row per payment line of the lists of the period, with where it stands. */
const paymentLines: readonly LedgerColumn[] = [
  seq,
  ...personColumns,
  col('purpose', '用途', 12),
  col('period', '发放期间', 10, 'code'),
  col('basis', '发放依据', 20),
  col('amount', '金额', 12, 'money'),
  col('state', '状态', 9),
  col('reason', '失败原因', 20),
  col('list', '清册名称', 28),
];

export const ledgerLayouts: Readonly<Record<ExportLedger, readonly LedgerColumn[]>> = {
  households,
  monitoring,
  measures,
  visits,
  visitsDue,
  income,
  migrantWork,
  funds,
  fundProjects,
  loans,
  welfarePosts,
  workshops,
  assets,
  paymentLines,
};

/** The Chinese header row of a ledger, in order. */
export function ledgerHeaders(ledger: ExportLedger): string[] {
  return ledgerLayouts[ledger].map((c) => c.header);
}

export const yesNo = (v: boolean): string => (v ? '是' : '否');
