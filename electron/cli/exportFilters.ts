import type { z } from 'zod';
import {
  assetsExportFiltersSchema,
  fundProjectsExportFiltersSchema,
  fundsExportFiltersSchema,
  householdExportFiltersSchema,
  incomeExportFiltersSchema,
  loansExportFiltersSchema,
  migrantWorkExportFiltersSchema,
  paymentLinesExportFiltersSchema,
  measureExportFiltersSchema,
  monitoringExportFiltersSchema,
  visitExportFiltersSchema,
  visitsDueExportFiltersSchema,
  welfarePostsExportFiltersSchema,
  workshopsExportFiltersSchema,
} from '../../shared/contract/fileExport';
import type { Village } from '../../shared/contract/settings';
import type { ExportLedger } from '../../shared/domain/ledgerLayouts';
import { UsageError } from './args';
import type { Lang } from './help';

// `export --filters` takes what a person sees on the page: a village by its name or 12-digit code
// and a group by its name, not only the internal ids the page sends. A key the ledger does not
// filter on is a usage error: a misspelt `vilage` used to export every row without a word.

const filterSchemas: Readonly<Record<ExportLedger, z.ZodObject>> = {
  households: householdExportFiltersSchema,
  monitoring: monitoringExportFiltersSchema,
  measures: measureExportFiltersSchema,
  visits: visitExportFiltersSchema,
  visitsDue: visitsDueExportFiltersSchema,
  income: incomeExportFiltersSchema,
  migrantWork: migrantWorkExportFiltersSchema,
  funds: fundsExportFiltersSchema,
  fundProjects: fundProjectsExportFiltersSchema,
  loans: loansExportFiltersSchema,
  welfarePosts: welfarePostsExportFiltersSchema,
  workshops: workshopsExportFiltersSchema,
  assets: assetsExportFiltersSchema,
  paymentLines: paymentLinesExportFiltersSchema,
};

function say(lang: Lang, zh: string, en: string): string {
  return lang === 'en' ? en : zh;
}

function findVillage(villages: readonly Village[], text: string, lang: Lang): Village {
  const t = text.trim();
  const found = villages.find((v) => v.id === t || v.code === t || v.name === t);
  if (found) return found;
  const known = villages.map((v) => `${v.name}（${v.code}）`).join('、');
  throw new UsageError(say(lang, `没有名为或代码为“${t}”的村。本乡镇的村：${known}`, `No village named or coded "${t}". Villages: ${known}`));
}

/** The filters as the export channel takes them; throws UsageError for what it cannot use. */
export function resolveExportFilters(ledger: ExportLedger, raw: unknown, villages: readonly Village[], lang: Lang): Record<string, unknown> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new UsageError(say(lang, '--filters 应为 JSON 对象，例如 \'{"village":"坪埠村"}\'', '--filters must be a JSON object'));
  }
  const allowed = new Set([...Object.keys(filterSchemas[ledger].shape), 'village', 'group']);
  const given = raw as Record<string, unknown>;
  const unknown = Object.keys(given).filter((k) => !allowed.has(k));
  if (unknown.length > 0) {
    const list = [...allowed].join(', ');
    throw new UsageError(say(lang, `--filters 中有此台账不认识的条件：${unknown.join('、')}。可用的条件：${list}`, `Unknown filter(s) for this ledger: ${unknown.join(', ')}. Known: ${list}`));
  }
  const { village, group, ...rest } = given;
  const out: Record<string, unknown> = { ...rest };
  const villageText = village ?? given.villageId;
  let chosen: Village | undefined;
  if (villageText !== undefined) {
    if (typeof villageText !== 'string') throw new UsageError(say(lang, '村应写成村名或 12 位村代码', 'A village is its name or 12-digit code'));
    chosen = findVillage(villages, villageText, lang);
    out.villageId = chosen.id;
  }
  const groupText = group ?? given.groupId;
  if (groupText !== undefined) {
    if (!allowed.has('groupId')) throw new UsageError(say(lang, '此台账不按村民小组筛选', 'This ledger has no group filter'));
    if (!chosen) throw new UsageError(say(lang, '按村民小组筛选时请同时写明村，例如 \'{"village":"坪埠村","group":"一组"}\'', 'Give the village with the group'));
    const g = chosen.groups.find((x) => x.id === groupText || x.name === groupText);
    if (!g) throw new UsageError(say(lang, `${chosen.name}没有“${String(groupText)}”。该村的小组：${chosen.groups.map((x) => x.name).join('、')}`, `${chosen.name} has no group "${String(groupText)}"`));
    out.groupId = g.id;
  }
  return out;
}
