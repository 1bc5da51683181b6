import type { Insertable, Kysely } from 'kysely';
import { projectSteps, projectTypes, type ProjectStepKind } from '../../../shared/domain/funds';
import { addDays } from '../../../shared/lib/dates';
import type { DB, FundAllocationTable, FundBatchTable, FundDisbursementTable, FundProjectStepTable, FundProjectTable } from '../../core/db/schema';
import { uuidv7 } from '../../core/ids';
import { createRng } from './generator';

// Funds sample data at county scale (issue 13's bench line): `years` × `batchesPerYear` batches,
// `projects` projects spread over the years, all through the library, allocations that never
// exceed a batch or a budget, and `disbursements` payments that never exceed their allocation —
// the invariants hold by construction, as the core would have enforced them.

export interface FundsSeedOptions {
  seed: number;
  asOf: string;
  years?: number;
  batchesPerYear?: number;
  projects?: number;
  disbursements?: number;
}

export interface FundsSeedCounts {
  batches: number;
  projects: number;
  steps: number;
  allocations: number;
  disbursements: number;
}

const chunk = 400;

async function insertAll<T extends keyof DB>(db: Kysely<DB>, table: T, rows: Insertable<DB[T]>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    // Kysely's generic insert needs the concrete table type; the rows are built for `table`.
    await db.insertInto(table).values(rows.slice(i, i + chunk) as never).execute();
  }
}

export async function writeFunds(db: Kysely<DB>, o: FundsSeedOptions): Promise<FundsSeedCounts> {
  const years = o.years ?? 5;
  const batchesPerYear = o.batchesPerYear ?? 40;
  const projectCount = o.projects ?? 600;
  const disbursementCount = o.disbursements ?? 20_000;
  const office = await db.selectFrom('office').select('township_code').executeTakeFirst();
  const admin = await db.selectFrom('users').select('id').where('role', '=', 'admin').orderBy('created_at').executeTakeFirst();
  if (!office || !admin) throw new Error('数据文件夹中还没有单位数据：请先写入示例农户，再写入资金项目数据');
  if (await db.selectFrom('fund_batches').select('id').executeTakeFirst()) throw new Error('该数据文件夹已有资金数据：资金示例数据只写入一次');
  const villages = (await db.selectFrom('villages').select('id').execute()).map((v) => v.id);
  const sources = (await db.selectFrom('fund_sources').select(['code', 'level']).execute());
  const rng = createRng(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const between = (a: number, b: number) => a + Math.floor(rng() * (b - a + 1));
  const lastYear = Number(o.asOf.slice(0, 4));
  const cap = (d: string) => (d < o.asOf ? d : o.asOf);
  const stamp = (d: string) => `${d}T02:00:00.000Z`;
  const meta = (date: string) => ({ id: uuidv7(), office_code: office.township_code, created_at: stamp(date), updated_at: stamp(date), updated_by: admin.id, deleted_at: null, delete_reason: null });

  const batches: Insertable<FundBatchTable>[] = [];
  const projects: Insertable<FundProjectTable>[] = [];
  const steps: Insertable<FundProjectStepTable>[] = [];
  const allocations: Insertable<FundAllocationTable>[] = [];
  const pairs: { batchId: string; projectId: string; amount: number; date: string }[] = [];

  const perYear = Math.ceil(projectCount / years);
  let made = 0;
  for (let y = lastYear - years + 1; y <= lastYear; y++) {
    const current = y === lastYear;
    const budgets: number[] = [];
    const yearProjects: { id: string; budget: number; start: string }[] = [];
    for (let i = 0; i < perYear && made < projectCount; i++, made++) {
      const budget = between(2_000, 20_000) * 100_00;
      const start = cap(`${y}-0${between(1, 2)}-${String(between(10, 28))}`);
      const id = uuidv7();
      const lastIndex = current ? projectSteps.indexOf('implement') : projectSteps.length - 1;
      let date = start;
      for (let s = 0; s <= lastIndex; s++) {
        const kind: ProjectStepKind = projectSteps[s]!;
        const notice = kind === 'villageNotice' || kind === 'townshipNotice' || kind === 'libraryNotice';
        const end = notice ? addDays(date, 9) : null;
        steps.push({ ...meta(cap(date)), project_id: id, step: kind, step_date: cap(date), people: '林主任、张会计', outcome: 'passed', doc_no: null, notice_start: notice ? cap(date) : null, notice_end: end, note: null });
        date = end !== null ? addDays(end, 1) : addDays(date, s < 7 ? 2 : 30);
      }
      const lastStep = projectSteps[lastIndex]!;
      projects.push({
        ...meta(start),
        id,
        project_code: `XM${y}-${String(i + 1).padStart(4, '0')}`,
        name: `${pick(['食用菌大棚', '茶叶加工厂', '村道硬化', '安全饮水提升', '光伏电站', '冷链仓储', '农田水利', '特色种植基地'])}项目（${i + 1}）`,
        project_type: pick(projectTypes),
        year: y,
        village_ids: JSON.stringify([pick(villages)]),
        content: '建设内容见实施方案',
        scale: null,
        start_date: null,
        end_date: null,
        implementing_unit: '村股份经济合作社',
        budget_fen: budget,
        budget_sources: '[]',
        beneficiary_households: between(10, 200),
        beneficiary_people: between(30, 600),
        beneficiary_exited: between(0, 10),
        beneficiary_monitored: between(0, 3),
        performance_target: '带动脱贫户和监测户增收',
        farmer_link: '务工带动、入股分红',
        status: current ? 'inLibrary' : 'finished',
        last_step: lastStep,
        last_step_date: cap(date),
        due_date: null,
      });
      budgets.push(budget);
      yearProjects.push({ id, budget, start });
    }
    // Batches of the year: together a little more than the year's budgets.
    const total = Math.floor(budgets.reduce((a, b) => a + b, 0) * 1.1);
    const yearBatches: { id: string; left: number; date: string }[] = [];
    for (let b = 0; b < batchesPerYear; b++) {
      const amount = Math.floor(total / batchesPerYear / 100) * 100;
      const source = pick(sources);
      const date = cap(`${y}-0${between(1, 3)}-${String(between(10, 28))}`);
      const id = uuidv7();
      batches.push({ ...meta(date), id, doc_no: `明财农〔${y}〕${b + 1}号`, issued_date: date, year: y, level: source.level ?? 'county', source_code: source.code, amount_fen: amount, use_direction: '巩固衔接项目', note: null });
      yearBatches.push({ id, left: amount, date });
    }
    // Allocate 60–100 % of each budget from the batches in turn.
    let k = 0;
    for (const p of yearProjects) {
      let need = Math.floor((p.budget * between(60, 100)) / 100);
      while (need > 0 && k < yearBatches.length) {
        const b = yearBatches[k]!;
        const take = Math.min(need, b.left);
        if (take > 0) {
          const date = cap(`${y}-04-${String(between(10, 28))}`);
          allocations.push({ ...meta(date), batch_id: b.id, project_id: p.id, entry_date: date, amount_fen: take, reverses_id: null, note: null });
          pairs.push({ batchId: b.id, projectId: p.id, amount: take, date });
          b.left -= take;
          need -= take;
        }
        if (b.left === 0) k++;
      }
    }
  }

  // Payments: each pair pays out 30–100 % of its allocation in roughly equal shares.
  const disbursements: Insertable<FundDisbursementTable>[] = [];
  const perPair = Math.max(1, Math.round(disbursementCount / Math.max(1, pairs.length)));
  for (const pair of pairs) {
    if (disbursements.length >= disbursementCount) break;
    const paid = Math.floor((pair.amount * between(30, 100)) / 100);
    const n = Math.min(perPair, disbursementCount - disbursements.length);
    const share = Math.floor(paid / n);
    if (share <= 0) continue;
    for (let i = 0; i < n; i++) {
      const date = cap(addDays(pair.date, 5 + i * 3));
      disbursements.push({
        ...meta(date),
        batch_id: pair.batchId,
        project_id: pair.projectId,
        entry_date: date,
        amount_fen: share,
        voucher_no: `记-${String(disbursements.length + 1).padStart(6, '0')}`,
        payee_kind: pick(['contractor', 'supplier', 'cooperative', 'villageCollective'] as const),
        stage: i === 0 ? 'advance' : 'progress',
        reverses_id: null,
        note: null,
      });
    }
  }

  await db.transaction().execute(async (tx) => {
    await insertAll(tx, 'fund_batches', batches);
    await insertAll(tx, 'fund_projects', projects);
    await insertAll(tx, 'fund_project_steps', steps);
    await insertAll(tx, 'fund_allocations', allocations);
    await insertAll(tx, 'fund_disbursements', disbursements);
  });
  return { batches: batches.length, projects: projects.length, steps: steps.length, allocations: allocations.length, disbursements: disbursements.length };
}
