import type { Role } from '../../../shared/contract';

export interface NavItem {
  path: string;
  label: string;
  /** Who sees the item; absent means every signed-in user. */
  roles?: readonly Role[];
}

export interface NavSection {
  title: string;
  items: NavItem[];
}

export const auditRoles: readonly Role[] = ['admin', 'reviewer'];
export const adminRoles: readonly Role[] = ['admin'];

/** The side navigation, one entry per ledger; later ledgers are added here in order. */
export const navSections: NavSection[] = [
  {
    title: '首页',
    items: [{ path: '/workbench', label: '工作台' }],
  },
  {
    title: '报表',
    items: [{ path: '/reports/monthly', label: '月报' }],
  },
  {
    title: '台账',
    items: [
      { path: '/households', label: '户籍台账' },
      { path: '/monitoring', label: '监测对象台账' },
      { path: '/due', label: '走访待办' },
      { path: '/income', label: '收入监测' },
      { path: '/measure-catalog', label: '帮扶措施目录' },
      { path: '/pending', label: '待补充' },
    ],
  },
  {
    title: '就业台账',
    items: [
      { path: '/posts', label: '公益性岗位' },
      { path: '/posts/attendance', label: '公益岗考勤与补贴' },
      { path: '/payments', label: '发放清册' },
      { path: '/employment/survey', label: '季度务工摸排' },
      { path: '/employment/migrants', label: '外出务工台账' },
      { path: '/posts/ledger', label: '公益性岗位台账' },
      { path: '/workshops', label: '帮扶车间' },
      { path: '/workshops/ledger', label: '帮扶车间台账' },
      { path: '/payments/roster', label: '发放花名册' },
      { path: '/subsidies', label: '培训与补贴' },
      { path: '/employment/settings', label: '就业参数', roles: adminRoles },
    ],
  },
  {
    title: '资金项目',
    items: [
      { path: '/funds', label: '资金台账' },
      { path: '/funds/projects', label: '项目库台账' },
      { path: '/funds/loans', label: '小额信贷台账' },
      { path: '/funds/loans/settings', label: '小额信贷参数', roles: adminRoles },
      { path: '/assets', label: '项目资产' },
      { path: '/funds/settings', label: '资金项目参数', roles: adminRoles },
    ],
  },
  {
    title: '文书与文件',
    items: [
      { path: '/notices', label: '公示名单' },
      { path: '/forms', label: '表单打印' },
      { path: '/verify', label: '纸质件核验' },
      { path: '/import', label: '数据导入' },
      { path: '/export', label: '台账导出' },
      { path: '/submission', label: '季度报送' },
    ],
  },
  {
    title: '管理',
    items: [
      { path: '/audit', label: '操作日志', roles: auditRoles },
      { path: '/users', label: '用户管理', roles: adminRoles },
      { path: '/settings', label: '单位与村组设置', roles: adminRoles },
      { path: '/thresholds', label: '监测标准与时限', roles: adminRoles },
      { path: '/backups', label: '备份与恢复', roles: adminRoles },
    ],
  },
  {
    title: '帮助',
    items: [{ path: '/help', label: '帮助（F1）' }],
  },
];
