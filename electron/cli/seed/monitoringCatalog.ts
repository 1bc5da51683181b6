// The measure types the monitoring seed draws from. The office's catalog lives in
// resources/measure-catalog.json (DOMAIN §10); when that file is there the seed uses its codes and
// risk types, and this built-in list only lends responsible units and typical amounts. Pure data:
// reading the file is the writer's job (monitoringWrite.ts), so the generator stays deterministic.

import { riskTypes, type RiskType } from '../../../shared/domain/monitoring';

export interface SeedMeasureType {
  code: string;
  family: string;
  name: string;
  /** The risks a measure of this type answers. */
  riskTypes: RiskType[];
  hasAmount: boolean;
}

interface Typical {
  unit: string;
  /** Typical amount in 元 (low, high), when money moves. */
  yuan?: readonly [number, number];
}

/**
 * Used when resources/measure-catalog.json is missing: a subset of that catalog with its codes, so
 * a seeded database and the shipped catalog agree either way.
 */
export const builtInMeasureTypes: readonly SeedMeasureType[] = [
  { code: 'CY01', family: 'industry', name: '产业发展奖补（到户产业补助）', riskTypes: ['businessFailure', 'disaster', 'other'], hasAmount: true },
  { code: 'CY02', family: 'industry', name: '种养业保险（农业保险）', riskTypes: ['disaster', 'businessFailure'], hasAmount: true },
  { code: 'JY01', family: 'employment', name: '转移就业（组织外出务工）', riskTypes: ['unstableJob', 'businessFailure', 'other'], hasAmount: false },
  { code: 'JY02', family: 'employment', name: '公益性岗位安置', riskTypes: ['unstableJob', 'lackOfLabor', 'disability'], hasAmount: true },
  { code: 'JY05', family: 'employment', name: '职业技能培训', riskTypes: ['unstableJob', 'businessFailure'], hasAmount: false },
  { code: 'JR01', family: 'finance', name: '脱贫人口小额信贷', riskTypes: ['businessFailure', 'disaster', 'other'], hasAmount: true },
  { code: 'JK03', family: 'health', name: '医疗救助', riskTypes: ['illness', 'accident'], hasAmount: true },
  { code: 'JK04', family: 'health', name: '家庭医生签约服务', riskTypes: ['illness', 'disability'], hasAmount: false },
  { code: 'JX02', family: 'education', name: '学生资助（免学费、助学金、营养膳食补助）', riskTypes: ['schooling'], hasAmount: true },
  { code: 'JX03', family: 'education', name: '雨露计划职业教育补助', riskTypes: ['schooling'], hasAmount: true },
  { code: 'ZB01', family: 'socialSecurity', name: '最低生活保障（低保）', riskTypes: ['illness', 'disability', 'lackOfLabor', 'accident', 'disaster', 'other'], hasAmount: true },
  { code: 'ZB03', family: 'socialSecurity', name: '临时救助', riskTypes: ['illness', 'disability', 'schooling', 'disaster', 'accident', 'businessFailure', 'other'], hasAmount: true },
  { code: 'ZB04', family: 'socialSecurity', name: '残疾人两项补贴', riskTypes: ['disability'], hasAmount: true },
  { code: 'ZF01', family: 'housing', name: '农村危房改造', riskTypes: ['housing', 'disaster'], hasAmount: true },
  { code: 'YS01', family: 'drinkingWater', name: '农村供水工程新建或改造入户', riskTypes: ['drinkingWater'], hasAmount: false },
  { code: 'YS02', family: 'drinkingWater', name: '水质提升（净水设备、水源保护）', riskTypes: ['drinkingWater'], hasAmount: false },
  { code: 'FZ01', family: 'aspiration', name: '扶志扶智', riskTypes: ['other', 'lackOfLabor', 'unstableJob'], hasAmount: false },
  { code: 'JD01', family: 'pairing', name: '干部结对帮扶（一户一策、定期走访）', riskTypes: ['other'], hasAmount: false },
];

/** Typical amounts (元, low–high) and units for the catalog's codes. */
const typicalByCode: Readonly<Record<string, Typical>> = {
  CY01: { unit: '县农业农村局', yuan: [1000, 5000] },
  CY02: { unit: '县农业农村局', yuan: [200, 1500] },
  CY06: { unit: '村股份经济合作社', yuan: [300, 1500] },
  JY02: { unit: '乡镇人民政府', yuan: [6000, 9600] },
  JY04: { unit: '县发改局', yuan: [2000, 8000] },
  JY06: { unit: '县人社局', yuan: [300, 1000] },
  JR01: { unit: '县农商银行', yuan: [20000, 50000] },
  JR02: { unit: '县乡村振兴局', yuan: [2000, 20000] },
  JR03: { unit: '县乡村振兴局', yuan: [1000, 10000] },
  JK01: { unit: '县医保局', yuan: [190, 400] },
  JK02: { unit: '县医保局', yuan: [2000, 30000] },
  JK03: { unit: '县医保局', yuan: [1000, 20000] },
  JX02: { unit: '县教育局', yuan: [1000, 4000] },
  JX03: { unit: '县乡村振兴局', yuan: [3000, 3000] },
  JX04: { unit: '县教育局', yuan: [8000, 16000] },
  ZB01: { unit: '县民政局', yuan: [3600, 12000] },
  ZB02: { unit: '县民政局', yuan: [9000, 13000] },
  ZB03: { unit: '县民政局', yuan: [1000, 5000] },
  ZB04: { unit: '县残联', yuan: [1200, 2400] },
  ZB05: { unit: '县人社局', yuan: [100, 200] },
  ZF01: { unit: '县住建局', yuan: [15000, 40000] },
  ZF02: { unit: '县住建局', yuan: [10000, 40000] },
  SH01: { unit: '县慈善总会', yuan: [500, 5000] },
};

const unitByFamily: Readonly<Record<string, string>> = {
  industry: '县农业农村局',
  employment: '县人社局',
  finance: '县农商银行',
  health: '县卫健委',
  education: '县教育局',
  socialSecurity: '县民政局',
  housing: '县住建局',
  drinkingWater: '县水利局',
  aspiration: '村民委员会',
  pairing: '乡镇人民政府',
  social: '县慈善总会',
  livingConditions: '县发改局',
};

/** Responsible unit and typical amount for a type, by code, else by family, else the township. */
export function typicalFor(type: SeedMeasureType): Required<Typical> {
  const known = typicalByCode[type.code];
  const unit = known?.unit ?? unitByFamily[type.family] ?? '乡镇人民政府';
  return { unit, yuan: known?.yuan ?? [500, 5000] };
}

/**
 * Reads the catalog file's data into seed measure types, accepting the plausible shapes: an array
 * of types, `{ types: [...] }`, or `{ families: [{ name, types: [...] }] }`; field names in camel
 * case or snake case. Entries without a code or risk types are skipped.
 */
export function parseMeasureCatalog(data: unknown): SeedMeasureType[] {
  const out: SeedMeasureType[] = [];
  const known = new Set<string>(riskTypes);
  const take = (raw: unknown, family: string | null): void => {
    if (typeof raw !== 'object' || raw === null) return;
    const r = raw as Record<string, unknown>;
    const code = typeof r.code === 'string' ? r.code : null;
    const risks = (Array.isArray(r.riskTypes) ? r.riskTypes : Array.isArray(r.risk_types) ? r.risk_types : []).filter(
      (x): x is RiskType => typeof x === 'string' && known.has(x),
    );
    if (!code || risks.length === 0) return;
    if (r.active === false || r.active === 0) return;
    const fam = typeof r.family === 'string' ? r.family : typeof r.familyLabel === 'string' ? r.familyLabel : (family ?? '');
    const name = typeof r.name === 'string' ? r.name : typeof r.label === 'string' ? r.label : code;
    const hasAmount = Boolean(r.hasAmount ?? r.has_amount ?? false);
    out.push({ code, family: fam, name, riskTypes: risks, hasAmount });
  };
  const walk = (value: unknown, family: string | null): void => {
    if (Array.isArray(value)) {
      for (const v of value) {
        if (typeof v === 'object' && v !== null && Array.isArray((v as Record<string, unknown>).types)) {
          const f = v as Record<string, unknown>;
          walk(f.types, typeof f.name === 'string' ? f.name : typeof f.label === 'string' ? f.label : family);
        } else take(v, family);
      }
    } else if (typeof value === 'object' && value !== null) {
      const o = value as Record<string, unknown>;
      if (Array.isArray(o.types)) walk(o.types, family);
      if (Array.isArray(o.families)) walk(o.families, family);
      if (Array.isArray(o.measureTypes)) walk(o.measureTypes, family);
    }
  };
  walk(data, null);
  return out;
}
