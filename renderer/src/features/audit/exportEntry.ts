import { measureFamilyLabels } from '../../../../shared/contract/measures';
import { assetClassLabels, assetStatusLabels } from '../../../../shared/domain/assets';
import { workAreaLabels } from '../../../../shared/domain/employment';
import { fundLevelLabels, projectStatusLabels, projectTypeLabels } from '../../../../shared/domain/funds';
import { householdFlagLabels, householdKindLabels } from '../../../../shared/domain/household';
import { exportLedgerLabels, exportLedgers, type ExportLedger } from '../../../../shared/domain/ledgerLayouts';
import { loanStatusLabels } from '../../../../shared/domain/loans';
import { caseStatusLabels, measureStatusLabels, monitoringCategoryLabels, riskTypeLabels, visitKindLabels } from '../../../../shared/domain/monitoring';
import { paymentLineStateLabels } from '../../../../shared/domain/payments';
import { workshopStateLabels } from '../../../../shared/domain/workshops';

// An export's audit entry (files.export writes ledger, format, filters, rows, sha256) read in
// words when 操作日志 expands it (issue 15 item 7): Chinese field names, the filters as a
// sentence with village names and labels, and the checksum in a cell that wraps.

export interface EntryField {
  label: string;
  value: string;
  /** The checksum: a long unbroken code, shown monospace and allowed to wrap anywhere. */
  code?: boolean;
}

type Labels = Readonly<Record<string, string>>;

const filterLabels: Readonly<Record<string, string>> = {
  villageId: '村',
  groupId: '村民小组',
  kind: '类型',
  flags: '标记',
  status: '状态',
  search: '查找',
  category: '监测对象类别',
  riskType: '风险类型',
  overdue: '只看超期',
  objectionOpen: '只看有异议',
  pending: '有待补充项',
  helperName: '帮扶联系人',
  family: '措施类别',
  caseStatus: '监测对象状态',
  from: '开始日期',
  to: '结束日期',
  month: '月份',
  show: '范围',
  year: '年度',
  level: '资金级别',
  projectType: '项目类型',
  area: '务工地域',
  postType: '岗位类型',
  state: '监测状态',
  assetClass: '资产类别',
  purpose: '用途',
};

const openOrAll: Labels = { open: '识别中和监测中', all: '全部' };

/** Value labels per filter; a ledger's own list first (状态 means different things per ledger). */
function valueLabels(ledger: ExportLedger | null, key: string): Labels | null {
  switch (key) {
    case 'status':
      if (ledger === 'households') return { active: '在册', closed: '已注销', all: '全部' };
      if (ledger === 'monitoring') return { ...caseStatusLabels, ...openOrAll };
      if (ledger === 'measures') return measureStatusLabels;
      if (ledger === 'fundProjects') return projectStatusLabels;
      if (ledger === 'loans') return loanStatusLabels;
      if (ledger === 'welfarePosts') return { onDuty: '在岗', left: '已离岗' };
      if (ledger === 'assets') return assetStatusLabels;
      if (ledger === 'paymentLines') return paymentLineStateLabels;
      return null;
    case 'kind':
      return ledger === 'visits' ? visitKindLabels : householdKindLabels;
    case 'flags':
      return { ...householdFlagLabels, noLabor: '整户无劳动能力' };
    case 'category':
      return monitoringCategoryLabels;
    case 'riskType':
      return riskTypeLabels;
    case 'family':
      return measureFamilyLabels;
    case 'caseStatus':
      return { ...caseStatusLabels, ...openOrAll };
    case 'show':
      return { all: '全部', overdue: '已超期', upcoming: '即将到期' };
    case 'level':
      return fundLevelLabels;
    case 'projectType':
      return projectTypeLabels;
    case 'area':
      return workAreaLabels;
    case 'state':
      return workshopStateLabels;
    case 'assetClass':
      return assetClassLabels;
    default:
      return null;
  }
}

/** Names the office's villages and groups carry (ids in the filters). */
export interface PlaceNames {
  villages: ReadonlyMap<string, string>;
  groups: ReadonlyMap<string, string>;
}

function valueText(ledger: ExportLedger | null, key: string, value: unknown, places: PlaceNames): string {
  if (key === 'villageId' && typeof value === 'string') return places.villages.get(value) ?? '（已删除的村）';
  if (key === 'groupId' && typeof value === 'string') return places.groups.get(value) ?? '（已删除的组）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  const labels = valueLabels(ledger, key);
  const one = (v: unknown) => (typeof v === 'string' ? (labels?.[v] ?? v) : String(v));
  // Lists (标记, codes) joined with 、 so a long one wraps instead of widening the page.
  if (Array.isArray(value)) return value.map(one).join('、');
  return one(value);
}

/** The filters in words: 村：坪埠村；状态：在册 — defaults that filter nothing are left out. */
export function filtersInWords(ledger: ExportLedger | null, filters: unknown, places: PlaceNames): string {
  if (filters === null || typeof filters !== 'object') return '无（全部）';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(filters as Record<string, unknown>)) {
    // Sorting changes the order, not which rows leave; empty and "all" filter nothing.
    if (key === 'sort' || value === undefined || value === null || value === '' || value === 'all') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (value === false && (key === 'overdue' || key === 'objectionOpen' || key === 'pending')) continue;
    parts.push(`${filterLabels[key] ?? key}：${valueText(ledger, key, value, places)}`);
  }
  return parts.length === 0 ? '无（全部）' : parts.join('；');
}

function isLedger(v: unknown): v is ExportLedger {
  return typeof v === 'string' && (exportLedgers as readonly string[]).includes(v);
}

/** The rows of an expanded export entry, or null when `after` is not an export's record. */
export function exportEntryFields(after: unknown, places: PlaceNames): EntryField[] | null {
  if (after === null || typeof after !== 'object') return null;
  const a = after as Record<string, unknown>;
  if (!('ledger' in a) || !('sha256' in a)) return null;
  const ledger = isLedger(a.ledger) ? a.ledger : null;
  return [
    { label: '台账', value: ledger ? exportLedgerLabels[ledger] : String(a.ledger) },
    { label: '格式', value: a.format === 'xlsx' ? 'Excel（.xlsx）' : a.format === 'csv' ? 'CSV（.csv）' : String(a.format ?? '') },
    { label: '筛选条件', value: filtersInWords(ledger, a.filters, places) },
    { label: '行数', value: typeof a.rows === 'number' ? `${a.rows} 行` : String(a.rows ?? '') },
    { label: '校验码（SHA-256）', value: String(a.sha256 ?? ''), code: true },
  ];
}
