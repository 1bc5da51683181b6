import { sql } from 'kysely';
import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { SEARCH_GROUP_LIMIT, type SearchResult } from '../../../../shared/contract/search';
import type { CaseStatus } from '../../../../shared/domain/monitoring';
import { maskIdNumber } from '../../../../shared/domain/privacy';
import type { HandlerContext } from '../../context';
import { searchKeysBehind } from './indexer';
import { codeForm, normalizeQuery, REVERSED } from './keys';

// Every way of typing is a prefix read: of search_keys' index (pinyin, initials, phone, the
// reversed ID number for its last digits) and of the tables' own indexes on names, household codes
// and ID numbers, which the keys leave out (keys.ts). After an import the keys of its households
// come a little later (catchUp.ts): the result says how many are still behind, since only their
// names, ID numbers and codes are found meanwhile.

/** Above any character a key can hold, so [q, q + END) is "starts with q". */
const END = '\uffff';
/** Keys read per kind: enough for SEARCH_GROUP_LIMIT distinct records even when one has several keys. */
const KEYS_PER_KIND = 60;

type Kind = 'household' | 'member';

interface Match {
  record_id: string;
  household_id: string;
}

/**
 * The indexed columns a kind is also read by, with the form a typed query takes for each: the
 * stored keys leave out what these answer (keys.ts), a name or a code written once in its table.
 */
const columns = {
  member: [
    { column: 'name', form: (p: string) => p },
    { column: 'id_number', form: codeForm },
  ],
  household: [
    { column: 'head_name', form: (p: string) => p },
    { column: 'household_code', form: codeForm },
  ],
} as const;

function columnReads(ctx: HandlerContext, kind: Kind, p: string, exact: boolean): Promise<Match[]>[] {
  return columns[kind].map(({ column, form }) => {
    const q = form(p);
    const where = exact ? sql`${sql.ref(column)} = ${q}` : sql`${sql.ref(column)} > ${q} AND ${sql.ref(column)} < ${q + END}`;
    const table = kind === 'member' ? sql`members` : sql`households`;
    const household = kind === 'member' ? sql.ref('household_id') : sql.ref('id');
    return sql<Match>`SELECT id AS record_id, ${household} AS household_id FROM ${table}
      WHERE deleted_at IS NULL AND ${where} ORDER BY ${sql.ref(column)} LIMIT ${KEYS_PER_KIND}`
      .execute(ctx.db)
      .then((r) => r.rows);
  });
}

async function matches(ctx: HandlerContext, kind: Kind, prefixes: readonly string[]): Promise<Match[]> {
  const seen = new Map<string, string>();
  // Whole keys first (lj finds 刘建 before 刘建华), then keys that only start with the query.
  for (const p of prefixes) {
    for (const exact of [true, false]) {
      const range = exact
        ? ctx.db.selectFrom('search_keys').where('key', '=', p)
        : ctx.db.selectFrom('search_keys').where('key', '>', p).where('key', '<', p + END);
      const keyed = range.select(['record_id', 'household_id']).where('kind', '=', kind).orderBy('key').limit(KEYS_PER_KIND).execute();
      // A reversed ID number lives only in the keys.
      const reads = p.startsWith(REVERSED) ? [keyed] : [keyed, ...columnReads(ctx, kind, p, exact)];
      for (const rows of await Promise.all(reads)) {
        for (const r of rows) if (!seen.has(r.record_id)) seen.set(r.record_id, r.household_id);
      }
    }
  }
  return [...seen].map(([record_id, household_id]) => ({ record_id, household_id }));
}

export async function query(ctx: HandlerContext, input: ParsedInputOf<'search.query'>): Promise<OutputOf<'search.query'>> {
  const q = normalizeQuery(input.q);
  const prefixes = [q];
  if (/^[0-9]{3,17}x?$/.test(q)) prefixes.push(REVERSED + [...q].reverse().join(''));
  const [hh, mm, keysBehind] = await Promise.all([matches(ctx, 'household', prefixes), matches(ctx, 'member', prefixes), searchKeysBehind(ctx.db)]);
  const householdIds = hh.slice(0, SEARCH_GROUP_LIMIT).map((r) => r.record_id);
  const memberIds = mm.slice(0, SEARCH_GROUP_LIMIT).map((r) => r.record_id);
  const caseHouseholds = [...new Set([...householdIds, ...mm.slice(0, SEARCH_GROUP_LIMIT).map((r) => r.household_id)])];
  const upper = input.q.trim().toUpperCase();

  const [households, members, cases] = await Promise.all([
    householdIds.length === 0
      ? []
      : ctx.db
          .selectFrom('households as h')
          .innerJoin('villages as v', 'v.id', 'h.village_id')
          .innerJoin('village_groups as g', 'g.id', 'h.group_id')
          .select(['h.id', 'h.household_code', 'h.head_name', 'h.status', 'v.name as village_name', 'g.name as group_name'])
          .where('h.id', 'in', householdIds)
          .execute(),
    memberIds.length === 0
      ? []
      : ctx.db
          .selectFrom('members as m')
          .innerJoin('households as h', 'h.id', 'm.household_id')
          .innerJoin('villages as v', 'v.id', 'h.village_id')
          .select(['m.id', 'm.household_id', 'm.name', 'm.id_number', 'm.status', 'h.household_code', 'v.name as village_name'])
          .where('m.id', 'in', memberIds)
          .execute(),
    ctx.db
      .selectFrom('monitoring_cases as c')
      .innerJoin('households as h', 'h.id', 'c.household_id')
      .innerJoin('villages as v', 'v.id', 'h.village_id')
      .select(['c.id', 'c.case_code', 'c.status', 'h.head_name', 'v.name as village_name'])
      .where('c.deleted_at', 'is', null)
      .where((eb) =>
        eb.or([
          ...(caseHouseholds.length > 0 ? [eb('c.household_id', 'in', caseHouseholds)] : []),
          eb.and([eb('c.case_code', '>=', upper), eb('c.case_code', '<', upper + END)]),
        ]),
      )
      .orderBy(sql`c.status IN ('identifying', 'monitoring')`, 'desc')
      .orderBy('c.case_code', 'desc')
      .limit(SEARCH_GROUP_LIMIT + 1)
      .execute(),
  ]);

  // Keep the order of the index (closest key first).
  const hOrder = new Map(householdIds.map((id, i) => [id, i]));
  const mOrder = new Map(memberIds.map((id, i) => [id, i]));
  const result: SearchResult = {
    households: households
      .sort((a, b) => hOrder.get(a.id)! - hOrder.get(b.id)!)
      .map((h) => ({
        id: h.id,
        householdCode: h.household_code,
        headName: h.head_name,
        villageName: h.village_name,
        groupName: h.group_name,
        closed: h.status === 'closed',
      })),
    members: members
      .sort((a, b) => mOrder.get(a.id)! - mOrder.get(b.id)!)
      .map((m) => ({
        id: m.id,
        householdId: m.household_id,
        householdCode: m.household_code,
        name: m.name,
        idNumberMasked: maskIdNumber(m.id_number),
        villageName: m.village_name,
        current: m.status === 'current',
      })),
    cases: cases.slice(0, SEARCH_GROUP_LIMIT).map((c) => ({
      id: c.id,
      caseCode: c.case_code,
      headName: c.head_name,
      villageName: c.village_name,
      status: c.status as CaseStatus,
    })),
    more: hh.length > SEARCH_GROUP_LIMIT || mm.length > SEARCH_GROUP_LIMIT || cases.length > SEARCH_GROUP_LIMIT,
    keysBehind,
  };
  return result;
}
