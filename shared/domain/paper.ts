// The documents that leave the office on paper (DOMAIN §13), with the names printed on them.

export const noticeKinds = ['notice.identification', 'notice.elimination'] as const;
export const formKinds = ['form.application', 'form.collection', 'form.approval', 'form.measures', 'form.elimination', 'form.visit'] as const;
/** 公益岗拟聘名单公示, 发放花名册 (signed), 发放公示名单 (masked): issue 12. */
export const paymentPaperKinds = ['paper.postNotice', 'paper.payroll', 'paper.paymentNotice'] as const;
/** Funds paper (issue 13): the project-library notice, the payment approval form, the year's plan and a completion notice. */
export const fundsKinds = ['funds.libraryNotice', 'funds.paymentApproval', 'funds.planNotice', 'funds.completionNotice', 'funds.moneyTrail'] as const;
/** 项目资产 paper (issue 13 item 7): 资产公示 and 收益分配公示. */
export const assetsKinds = ['assets.assetNotice', 'assets.incomeNotice'] as const;
/** 月报 (issue 14): the month's statistics for the county, printed from the stored copy. */
export const reportKinds = ['report.monthly'] as const;
export const documentKinds = [...noticeKinds, ...formKinds, ...paymentPaperKinds, ...fundsKinds, ...assetsKinds, ...reportKinds] as const;
export type ReportKind = (typeof reportKinds)[number];
export type FundsKind = (typeof fundsKinds)[number];
export type AssetsKind = (typeof assetsKinds)[number];

export type NoticeKind = (typeof noticeKinds)[number];
export type FormKind = (typeof formKinds)[number];
export type PaymentPaperKind = (typeof paymentPaperKinds)[number];
export type DocumentKind = (typeof documentKinds)[number];

export const documentKindLabels: Readonly<Record<DocumentKind, string>> = {
  'notice.identification': '监测对象识别公示',
  'notice.elimination': '风险消除公示',
  'form.application': '防止返贫监测对象个人申请及承诺授权书',
  'form.collection': '信息采集表',
  'form.approval': '识别审批表',
  'form.measures': '帮扶措施落实情况表',
  'form.elimination': '风险消除评估表',
  'form.visit': '入户走访记录',
  'paper.postNotice': '公益性岗位拟聘人员公示',
  'paper.payroll': '发放花名册',
  'paper.paymentNotice': '发放公示名单',
  'funds.libraryNotice': '项目入库公示',
  'funds.paymentApproval': '资金拨付审批表',
  'funds.planNotice': '年度计划公告',
  'funds.completionNotice': '竣工公告',
  'funds.moneyTrail': '项目资金流向表',
  'assets.assetNotice': '项目资产公示',
  'assets.incomeNotice': '收益分配公示',
  'report.monthly': '防止返贫监测月报',
};

/** Short names for buttons, lists and the page footer. */
export const documentKindShortLabels: Readonly<Record<DocumentKind, string>> = {
  'notice.identification': '识别公示',
  'notice.elimination': '消除公示',
  'form.application': '表1 申请书',
  'form.collection': '表2 信息采集表',
  'form.approval': '表3 识别审批表',
  'form.measures': '表4 措施落实表',
  'form.elimination': '表5 消除评估表',
  'form.visit': '走访记录',
  'paper.postNotice': '拟聘公示',
  'paper.payroll': '花名册',
  'paper.paymentNotice': '发放公示',
  'funds.libraryNotice': '项目公示',
  'funds.paymentApproval': '拨付审批表',
  'funds.planNotice': '年度计划公告',
  'funds.completionNotice': '竣工公告',
  'funds.moneyTrail': '资金流向',
  'assets.assetNotice': '资产公示',
  'assets.incomeNotice': '收益分配公示',
  'report.monthly': '月报',
};

export function isDocumentKind(value: string): value is DocumentKind {
  return (documentKinds as readonly string[]).includes(value);
}

export function isFormKind(value: string): value is FormKind {
  return (formKinds as readonly string[]).includes(value);
}
