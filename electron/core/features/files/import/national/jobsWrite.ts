import { sql, type Selectable } from 'kysely';
import { spellSaveSchema } from '../../../../../../shared/contract/employment';
import { jobChannelLabels, type JobChannel, type WorkArea } from '../../../../../../shared/domain/employment';
import { parseIdNumber } from '../../../../../../shared/domain/idNumber';
import type { HandlerContext } from '../../../../context';
import type { EmploymentSpellTable } from '../../../../db/schema';
import { linkSpellToMeasure } from '../../../employment/measureLink';
import { saveSpell } from '../../../employment/spells';
import { inChunks } from '../planCommon';
import type { ImportedHousehold, ImportedJob } from '../types';
import type { Tx } from '../write';

// The national export's 务工 columns written as job spells (issue 12 item 8), through the
// employment service's own saveSpell (its checks, its audit rows, the member's 务工状况 it keeps)
// and the 就业帮扶 measure it ticks, in the import's transaction.
//
// What the export does not give is not invented and not an error: the monthly income is 0, the
// spell starts on 1 January of the export's year with the file's months for that year, and the
// 待补充 list (pending kind jobDetail) asks for the income and the exact dates while the
// imported spell has no income.
//
// A 公益性岗位类型 becomes a spell with channel 公益性岗位 and the type as its 岗位, never an
// appointment: an appointment here is the record of the hiring steps (公告 → 申报 → 村评议 →
// 乡审核 → 公示 → 签协议), two of which only a reviewer may sign, with the agreement's dates and
// subsidy — none of which the export carries. Creating one would invent signed steps. The
// 待补充 list names the person until the clerk registers the appointment on the posts page.
//
// Idempotent: a person has at most one spell from the export per year (source 国家系统导出,
// starting 1 January); the same file again finds it unchanged, a later month's file updates it.

type SpellRow = Selectable<EmploymentSpellTable>;

const channelSynonyms: Readonly<Record<string, JobChannel>> = {
  有组织劳务输出: 'organized',
  劳务输出: 'organized',
  自主就业: 'selfOut',
  自发外出: 'selfOut',
  帮扶车间: 'workshop',
  扶贫车间: 'workshop',
  公益岗位: 'welfarePost',
  自主创业: 'selfEmployed',
};

function channelOf(job: ImportedJob): JobChannel {
  if (job.postType !== null || (job.postMonths ?? 0) > 0) return 'welfarePost';
  const t = job.channel ?? '';
  const found = (Object.entries(jobChannelLabels) as [JobChannel, string][]).find(([, label]) => label === t);
  // A channel the catalog does not know is 其他 (the clerk may correct it on the spell).
  return found?.[0] ?? channelSynonyms[t] ?? 'other';
}

/** 务工地域 from what the file says; where it says nothing the clerk confirms it with the income (待补充). */
function areaOf(job: ImportedJob, channel: JobChannel): WorkArea {
  if (job.abroad === true) return 'outOfProvince';
  const place = job.place ?? '';
  if (channel === 'welfarePost' || channel === 'workshop' || /县内|本县|本乡|本镇|本村|乡内|镇内|村内/.test(place)) return 'inCounty';
  if (/省外|外省|国外|境外/.test(place)) return 'outOfProvince';
  return 'inProvince';
}

export interface JobCounts {
  added: number;
  updated: number;
  unchanged: number;
}

/** `ctx` must be bound to the import's transaction (boundTo). */
/** The file's jobs by ID number: taken before the apply lets go of the records (issue 16). */
export function jobsWanted(records: readonly ImportedHousehold[], today: string): Map<string, ImportedJob> {
  const wanted = new Map<string, ImportedJob>();
  for (const r of records) {
    if (!r.jobs) continue;
    r.household.members.forEach((m, i) => {
      const job = r.jobs?.[i];
      const id = parseIdNumber(m.idNumber, today);
      if (job && id.ok) wanted.set(id.value, job);
    });
  }
  return wanted;
}

export async function importJobs(ctx: HandlerContext, tx: Tx, wanted: ReadonlyMap<string, ImportedJob>, year: number): Promise<JobCounts> {
  const counts: JobCounts = { added: 0, updated: 0, unchanged: 0 };
  const today = ctx.today();
  if (wanted.size === 0) return counts;
  const people = await inChunks([...wanted.keys()], async (json) =>
    (
      await sql<{ id: string; id_number: string; birth_date: string }>`SELECT m.id, m.id_number, m.birth_date FROM members m JOIN households h ON h.id = m.household_id
        WHERE m.id_number IN (SELECT value FROM json_each(${json})) AND m.status = 'current' AND m.deleted_at IS NULL
          AND h.status = 'active' AND h.deleted_at IS NULL`.execute(tx)
    ).rows,
  );
  const start = `${year}-01-01` <= today ? `${year}-01-01` : today;
  const existing = new Map(
    (
      await inChunks(
        people.map((p) => p.id),
        async (json) =>
          (
            await sql<SpellRow>`SELECT * FROM employment_spells WHERE member_id IN (SELECT value FROM json_each(${json}))
              AND source = 'national' AND start_date = ${start} AND deleted_at IS NULL`.execute(tx)
          ).rows,
      )
    ).map((s) => [s.member_id, s]),
  );
  for (const p of people) {
    const job = wanted.get(p.id_number)!;
    // Someone born after the spell would start cannot have worked that year: nothing to record.
    if (p.birth_date >= start) continue;
    const channel = channelOf(job);
    const months = channel === 'welfarePost' ? (job.postMonths ?? job.months) : job.months;
    const input = spellSaveSchema.parse({
      memberId: p.id,
      place: (job.place ?? (channel === 'welfarePost' ? '本村（公益性岗位）' : '待补充')).slice(0, 60),
      area: areaOf(job, channel),
      abroad: job.abroad === true,
      employer: job.employer?.slice(0, 60) ?? null,
      job: job.postType?.slice(0, 30) ?? null,
      startDate: start,
      months,
      monthsYear: months === null ? null : year,
      monthlyIncomeFen: 0,
      channel,
      source: 'national',
      note: '国家系统导出名单导入：月收入、起止日期待补充',
    });
    const before = existing.get(p.id);
    if (before) {
      const same =
        before.place === input.place &&
        before.area === input.area &&
        before.abroad === (input.abroad ? 1 : 0) &&
        before.employer === input.employer &&
        before.job === input.job &&
        before.months === input.months &&
        before.channel === input.channel;
      if (same) {
        counts.unchanged += 1;
        continue;
      }
      // The clerk's own figures (income, dates, note) stay; only what the export gives moves.
      await saveSpell(ctx, {
        ...input,
        id: before.id,
        version: before.version,
        monthlyIncomeFen: before.monthly_income_fen,
        endDate: before.end_date,
        note: before.note,
        province: before.province,
        city: before.city,
        industry: before.industry,
        workPhone: before.work_phone,
      });
      counts.updated += 1;
      continue;
    }
    const saved = await saveSpell(ctx, input);
    await linkSpellToMeasure(ctx, saved);
    counts.added += 1;
  }
  return counts;
}
