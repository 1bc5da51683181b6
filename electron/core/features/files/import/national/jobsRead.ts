import { cellText, codeText, parseYesNo } from '../../../../../../shared/domain/importClean';
import type { Row } from '../collect';
import type { ImportedJob } from '../types';

// The national export's 务工 columns (issue 12 item 8), read per person in the parse half. What
// the file lacks or writes in a way we cannot read is left null: the spell still comes in and
// the 待补充 list asks for the detail — never a refused row.

function text(row: Row, field: string): string | null {
  if (!row.has(field)) return null;
  const t = codeText(cellText(row.value(field))).text.trim();
  return t === '' || t === '无' || t === '/' || t === '-' ? null : t;
}

/** 0–12 months; "6个月", "6.0" read; anything else null. */
function months(row: Row, field: string): number | null {
  const t = text(row, field);
  if (t === null) return null;
  const m = /^(\d{1,2})(?:\.0+)?\s*(?:个月|月)?$/.exec(t);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 0 && n <= 12 ? n : null;
}

function jobOf(row: Row): ImportedJob | null {
  const job: ImportedJob = {
    place: text(row, 'jobPlace'),
    employer: text(row, 'jobEmployer'),
    months: months(row, 'jobMonths'),
    abroad: row.has('jobAbroad') ? parseYesNo(row.value('jobAbroad')) : null,
    postType: text(row, 'postType'),
    postMonths: months(row, 'postMonths'),
    channel: text(row, 'jobChannel'),
  };
  // Someone who works: a place, an employer, months of work, or a public-welfare post.
  const works = job.place !== null || job.employer !== null || (job.months ?? 0) > 0 || job.postType !== null || (job.postMonths ?? 0) > 0;
  return works ? job : null;
}

/** The household's members' jobs, or nothing when no member has one (most households: no memory spent). */
export function jobsOf(rows: readonly Row[]): { jobs?: (ImportedJob | null)[] } {
  const jobs = rows.map(jobOf);
  return jobs.some((j) => j !== null) ? { jobs } : {};
}
