import type { ChannelName } from '../../../../shared/contract';

/** The features an audit row can belong to, as the 功能 filter offers them. */
export const auditFeatures = [
  { value: 'households', label: '户籍' },
  { value: 'users', label: '用户' },
  { value: 'settings', label: '单位设置' },
  { value: 'thresholds', label: '监测标准' },
  { value: 'income', label: '收入' },
  { value: 'monitoring', label: '监测对象' },
  { value: 'measures', label: '帮扶措施' },
  { value: 'visits', label: '走访' },
  { value: 'notices', label: '公示' },
  { value: 'print', label: '打印' },
  { value: 'forms', label: '表单签字' },
  { value: 'files', label: '导入导出' },
  { value: 'backups', label: '备份' },
  { value: 'employment', label: '务工就业' },
  { value: 'workshops', label: '帮扶车间' },
  { value: 'posts', label: '公益性岗位' },
  { value: 'payments', label: '发放清册' },
  { value: 'funds', label: '资金项目' },
] as const;

/** What each channel did, in the words of the 操作日志 list. Read-only channels never write a row. */
// seed.* are not contract channels: `npm run seed` writes them when it fills a new data folder.
// tests/unit/auditLabels.test.ts checks every channel that can write a row has its words here.
export const channelLabels: Partial<Record<ChannelName | 'seed.write' | 'seed.monitoring', string>> = {
  'seed.write': '写入示例数据',
  'seed.monitoring': '写入示例监测数据',
  'settings.setup': '首次设置',
  'settings.updateOffice': '修改单位设置',
  'settings.saveVillage': '保存村组',
  'settings.removeVillage': '删除村',
  'users.login': '登录',
  'users.logout': '退出登录',
  'users.unlock': '解锁',
  'users.lock': '锁定',
  'users.changePassword': '修改密码',
  'users.create': '新增用户',
  'users.update': '修改用户',
  'users.resetPassword': '重置密码',
  'households.create': '新建户',
  'households.update': '修改户信息',
  'households.close': '注销户',
  'households.reopen': '恢复户',
  'households.addMember': '增加成员',
  'households.updateMember': '修改成员信息',
  'households.changeHead': '户主变更',
  'households.memberLeave': '成员减员',
  'thresholds.save': '保存监测标准与时限',
  'income.save': '录入/更正收入',
  'monitoring.open': '登记监测线索',
  'monitoring.update': '修改监测对象',
  'monitoring.recordStep': '登记办理步骤',
  'monitoring.addObjection': '登记公示异议',
  'monitoring.resolveObjection': '处理公示异议',
  'monitoring.reopen': '回退（风险返回）',
  'measures.catalog': '载入帮扶措施目录',
  // The first look at a case's plan loads the built-in catalog when the office has none yet.
  'measures.forCase': '载入帮扶措施目录',
  'measures.saveType': '保存措施类型',
  'measures.create': '添加帮扶措施',
  'measures.update': '办理帮扶措施',
  'visits.create': '记录走访',
  'notices.saveSettings': '保存公示设置',
  'notices.print': '打印公示',
  'forms.print': '打印表单',
  'forms.printBatch': '批量打印表单',
  'forms.sign': '屏幕签字',
  'forms.markInk': '标记纸质签字',
  'forms.attachScan': '上传签字页扫描件',
  'files.importApply': '导入数据',
  'files.saveImportPreset': '保存导入预设',
  'files.export': '导出台账',
  'files.submission': '生成季度报送',
  'backups.run': '手动备份',
  'backups.restore': '从备份恢复',
  'backups.setAutoEncryption': '设置自动备份加密',
  'employment.saveSpell': '保存务工记录',
  'employment.endSpell': '结束务工记录',
  'employment.saveSettings': '保存就业参数',
  'employment.createRound': '开始季度务工摸排',
  'employment.check': '登记摸排结果',
  'workshops.save': '保存帮扶车间',
  'workshops.recordCheck': '登记车间监测检查',
  'workshops.addStaff': '登记车间务工人员',
  'posts.saveSettings': '保存公益性岗位参数',
  'posts.save': '保存公益性岗位',
  'posts.announce': '登记岗位公告',
  'posts.apply': '登记岗位申报',
  'posts.recordStep': '办理聘用步骤',
  'posts.leave': '办理退岗',
  'posts.saveMonth': '保存考勤与考核',
  'posts.makePaymentList': '由考勤生成发放清册',
  'posts.printNotice': '打印拟聘人员公示',
  'payments.create': '新建发放清册',
  'payments.addLine': '添加发放明细',
  'payments.removeLine': '移除发放明细',
  'payments.advance': '办理发放步骤',
  'payments.recordResults': '登记银行发放结果',
  'payments.importResults': '导入银行发放结果',
  'payments.resendFailed': '失败行重发',
  'payments.correct': '更正发放清册',
  'payments.saveAccount': '保存银行账号',
  'payments.bankFile': '导出银行代发文件',
  'payments.print': '打印发放清册',
  'funds.saveSettings': '保存资金项目参数',
  'funds.createBatch': '录入资金批次',
  'funds.createProject': '新建项目',
  'funds.setTargets': '修改绩效目标与联农带农',
  'funds.recordStep': '办理项目步骤',
  'funds.allocate': '分配资金',
  'funds.reverseAllocation': '冲销分配',
  'funds.disburse': '拨付资金',
  'funds.reverseDisbursement': '冲销拨付',
  'funds.printNotice': '打印项目公示',
  'funds.printPayment': '打印拨付审批表',
};

const featureLabels: Record<string, string> = Object.fromEntries(auditFeatures.map((f) => [f.value, f.label]));

/**
 * "新建户" for households.create. A channel without words (a row from a newer version) still
 * reads in Chinese: its feature, or 其他操作 — never the raw English verb.
 */
export function channelLabel(channel: string): string {
  const known = (channelLabels as Record<string, string | undefined>)[channel];
  if (known) return known;
  const [feature = channel] = channel.split('.');
  const featureLabel = featureLabels[feature];
  return featureLabel ? `${featureLabel}（其他操作）` : '其他操作';
}
