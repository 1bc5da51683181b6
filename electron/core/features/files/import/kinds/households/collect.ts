import { householdCreateSchema } from '../../../../../../../shared/contract/households';
import { parseIdNumber } from '../../../../../../../shared/domain/idNumber';
import { cleanIdNumber, codeText, parseYesNo } from '../../../../../../../shared/domain/importClean';
import {
  groupNameKey,
  importFields,
  mapDisabilityCategory,
  mapDisabilityGrade,
  mapEducation,
  mapHealth,
  mapHouseholdKind,
  mapLabor,
  mapRelation,
  mapSchooling,
  mapWorkStatus,
} from '../../../../../../../shared/domain/importFields';
import type { ImportedHousehold, InvalidRow } from '../../types';
import {
  Problems,
  type Row,
  addIssues,
  readChoice,
  readCode,
  readYesNo,
  setIf,
  refuseExcelRoundedIds,
  type Collector,
  type CollectorContext,
  type ImportVillage,
  type UnknownPlace,
} from '../../collect';

import { jobsOf } from '../../national/jobsRead';
import { collectGarbageIfGrown } from '../../../../../memory';

// The households part of the parse: rows grouped by 户编号 into one household with its members,
// checked with the households contract's own schema.

const householdScoped = importFields.households.filter((f) => f.scope === 'household' && !f.informational).map((f) => f.key);
const memberScoped = importFields.households.filter((f) => f.scope === 'member').map((f) => f.key);
const allHouseholdFields = importFields.households.map((f) => f.key);

function villageKey(name: string): string {
  return codeText(name).text.replace(/(村民委员会|村委会|居民委员会|居委会|社区居委会)$/, '').replace(/(村|社区)$/, '');
}

/** One household's outcome: its record, or its rows refused; or it waits for the clerk's mapping of its place. */
interface Settled {
  record: ImportedHousehold | null;
  invalid: InvalidRow[];
  place: Omit<UnknownPlace, 'households'> | null;
}

type Holder = { code: string; line: number };

/**
 * Checks and builds one household from its rows (`ids`: each row's ID number; `otherOf`: another
 * household of the file holding the same ID number, or undefined).
 */
function settle(
  code: string,
  allRows: readonly Row[],
  ids: readonly string[],
  otherOf: (id: string) => Holder | undefined,
  problems: Problems,
  ctx: CollectorContext,
  placeKeys: PlaceKeys,
): Settled {
  const invalid: InvalidRow[] = [];
  const rows: Row[] = [];
  const firstById = new Map<string, Row>();
  for (const [i, row] of allRows.entries()) {
    const id = ids[i]!;
    const first = id === '' ? undefined : firstById.get(id);
    if (first) {
      if (first.sameAs(row, allHouseholdFields)) {
        // The same person twice: reported, imported once.
        invalid.push({
          line: row.line,
          reason: `第 ${row.line} 行：与第 ${first.line} 行完全相同（同一人重复），只按第 ${first.line} 行导入一次`,
          cells: ctx.cellsOf(row.cells),
        });
        continue;
      }
      problems.add(row.line, 'idNumber', `与第 ${first.line} 行的号码相同，但其他内容不同，请核对后删去多余的一行`);
    } else if (id !== '') firstById.set(id, row);
    const other = id === '' ? undefined : otherOf(id);
    if (other) problems.add(row.line, 'idNumber', `与第 ${other.line} 行（户编号 ${other.code}）相同，一人只能在一户，请核对`);
    rows.push(row);
  }
  if (rows.length === 0) return { record: null, invalid, place: null };
  const household = buildHousehold(code, rows, problems, ctx, placeKeys);
  if (household && 'unknownPlace' in household) return { record: null, invalid, place: household.unknownPlace };
  const lines = rows.map((r) => r.line);
  if (household && !problems.onAnyOf(lines)) return { record: { lines, household, ...jobsOf(rows) }, invalid, place: null };
  const bad = lines.filter((l) => problems.has(l));
  for (const row of rows) {
    const reason =
      problems.reason(row.line) ?? `第 ${row.line} 行：同户（户编号 ${code}）第 ${bad.join('、')} 行有误，整户未导入；改正后本行随户一起导入`;
    invalid.push({ line: row.line, reason, cells: ctx.cellsOf(row.cells) });
  }
  return { record: null, invalid, place: null };
}

export function householdsCollector(ctx: CollectorContext): Collector {
  const problems = new Problems(ctx.labelOf);
  const groups = new Map<string, Row[]>();
  const invalid: InvalidRow[] = [];
  const loose: Row[] = [];
  const placeKeys = placeKeysOf(ctx.villages);

  return {
    add(row) {
      const code = readCode(row, 'householdCode', problems, '户编号');
      if (code === '') {
        if (!problems.has(row.line)) problems.add(row.line, 'householdCode', '户编号为空，请填写（同一户的各行户编号相同）');
        loose.push(row);
        return;
      }
      const list = groups.get(code);
      if (list) list.push(row);
      else groups.set(code, [row]);
    },
    finish() {
      for (const row of loose) invalid.push({ line: row.line, reason: problems.reason(row.line) ?? `第 ${row.line} 行有误`, cells: ctx.cellsOf(row.cells) });

      // Each row's ID number, cleaned once for the checks below (in the rows' order).
      const idsOf = new Map<string, string[]>();
      for (const [code, rows] of groups) idsOf.set(code, rows.map(idOf));
      refuseExcelRoundedIds(
        [...groups.values()].flatMap((rows) => rows.map((row) => row.line)),
        [...idsOf.values()].flat(),
        ctx.fromCsv,
        problems,
      );

      // Who appears where: the same ID number in two households of the file is refused in both.
      // The first holder stands alone; a second household's holding is rare (a list only then).
      const idHolders = new Map<string, Holder | Holder[]>();
      for (const [code, rows] of groups) {
        const ids = idsOf.get(code)!;
        rows.forEach((row, i) => {
          const id = ids[i]!;
          if (id === '') return;
          const held = idHolders.get(id);
          if (held === undefined) idHolders.set(id, { code, line: row.line });
          else if (!Array.isArray(held)) {
            if (held.code !== code) idHolders.set(id, [held, { code, line: row.line }]);
          } else if (!held.some((h) => h.code === code)) held.push({ code, line: row.line });
        });
      }

      const records: ImportedHousehold[] = [];
      let built = 0;
      for (const [code, rows] of groups) {
        const ids = idsOf.get(code)!;
        const otherOf = (id: string) => {
          const held = idHolders.get(id);
          return Array.isArray(held) ? held.find((h) => h.code !== code) : undefined;
        };
        const settled = settle(code, rows, ids, otherOf, problems, ctx, placeKeys);
        // The parse's memory: this household's rows go once its record is built (parse.ts).
        groups.delete(code);
        idsOf.delete(code);
        if (++built % 1000 === 0) collectGarbageIfGrown();
        for (const entry of settled.invalid) invalid.push(entry);
        if (settled.place) unknownPlace(ctx, code, settled.place);
        if (settled.record) records.push(settled.record);
      }
      return { records: { kind: 'households', records }, invalid, notApplicable: 0 };
    },
  };
}

/** Two rows' values of a household field mean the same ("1组" = "一组", "是" = "Y"). */
function sameHouseholdValue(field: string, a: string, b: string): boolean {
  if (a === b) return true;
  const norm = (t: string): string => {
    if (field === 'group') return groupNameKey(t);
    if (field === 'village') return villageKey(t);
    if (field === 'kind') return mapHouseholdKind(t) ?? codeText(t).text;
    if (field === 'dibao' || field === 'tekun' || field === 'relocated') return String(parseYesNo(t) ?? codeText(t).text);
    return codeText(t).text;
  };
  return norm(a) === norm(b);
}

function idOf(row: Row): string {
  return cleanIdNumber(codeText(row.value('idNumber')).text);
}

/** The office's village keys and each village's group keys (by village id), worked out once per import rather than once per household. */
interface PlaceKeys {
  villages: string[];
  groups: Map<string, string[]>;
}
function placeKeysOf(villages: readonly ImportVillage[]): PlaceKeys {
  return {
    villages: villages.map((v) => villageKey(v.name)),
    groups: new Map(villages.map((v) => [v.id, v.groups.map((g) => groupNameKey(g.name))])),
  };
}

export function villagePlaceKey(villageText: string): string {
  return `村:${villageKey(villageText)}`;
}
export function groupPlaceKey(villageId: string, groupText: string): string {
  return `组:${villageId}:${groupNameKey(groupText)}`;
}

/** Notes a household whose village or group the office lacks; the household waits for the clerk's mapping. */
function unknownPlace(ctx: CollectorContext, code: string, place: Omit<UnknownPlace, 'households'>): void {
  ctx.waitingCodes.add(code);
  const seen = ctx.unknownPlaces.get(place.key);
  if (seen) seen.households += 1;
  else ctx.unknownPlaces.set(place.key, { ...place, households: 1 });
}

function buildHousehold(
  code: string,
  rows: Row[],
  problems: Problems,
  ctx: CollectorContext,
  placeKeys: PlaceKeys,
): ImportedHousehold['household'] | null | { unknownPlace: Omit<UnknownPlace, 'households'> } {
  const first = rows[0]!;
  // Household fields repeat on every member's row: take the first filled value, and report a row
  // that says otherwise.
  const firstValue = new Map<string, { row: Row; text: string }>();
  for (const row of rows) {
    for (const field of householdScoped) {
      if (field === 'householdCode') continue;
      const text = row.text(field);
      if (text === '') continue;
      const seen = firstValue.get(field);
      if (!seen) firstValue.set(field, { row, text });
      else if (!sameHouseholdValue(field, seen.text, text)) {
        problems.add(row.line, field, `“${text}”与第 ${seen.row.line} 行的“${seen.text}”不同，同一户的户信息应一致`);
      }
    }
  }
  const rowOf = (field: string) => firstValue.get(field)?.row ?? first;

  const input: Record<string, unknown> = { householdCode: code };
  // Village and group by name (or the village's 12-digit code), against the office's villages.
  let villageId = '';
  let groupId = '';
  const villageText = firstValue.get('village')?.text ?? '';
  const villageRow = rowOf('village');
  if (villageText !== '') {
    const key = villageKey(villageText);
    const villageCode = codeText(villageText).text;
    const keys = placeKeys.villages;
    let village = ctx.villages.find((v, i) => v.code === villageCode || keys[i] === key);
    // A national export: a name the office lacks is the clerk's to map (or the admin's to add), once
    // for the whole file — listed in the preview, never refused row by row (issue 11 item 3).
    if (!village && ctx.places) {
      const mapped = ctx.places[villagePlaceKey(villageText)];
      village = ctx.villages.find((v) => v.id === mapped);
      if (!village) return { unknownPlace: { key: villagePlaceKey(villageText), village: villageText, group: null, villageId: null } };
    }
    if (!village) {
      problems.add(villageRow.line, 'village', `“${villageText}”不在本乡镇的村列表中（${ctx.villages.map((v) => v.name).join('、')}），请核对，或先在“设置”中添加该村`);
    } else {
      villageId = village.id;
      const groupText = firstValue.get('group')?.text ?? '';
      if (groupText !== '') {
        const groupKey = groupNameKey(groupText);
        const groupKeys = placeKeys.groups.get(village.id) ?? [];
        let group = village.groups.find((g, i) => g.name === groupText || groupKeys[i] === groupKey);
        if (!group && ctx.places) {
          const key = groupPlaceKey(village.id, groupText);
          const mapped = ctx.places[key];
          group = village.groups.find((g) => g.id === mapped);
          if (!group) return { unknownPlace: { key, village: village.name, group: groupText, villageId: village.id } };
        }
        if (!group) {
          problems.add(
            rowOf('group').line,
            'group',
            `“${groupText}”在${village.name}下找不到（现有：${village.groups.map((g) => g.name).join('、')}），请核对，或先在“设置”中添加该组`,
          );
        } else groupId = group.id;
      }
    }
  }
  if (villageText === '') problems.add(villageRow.line, 'village', '为空，请填写所在行政村');
  else if (villageId !== '' && groupId === '' && !problems.has(rowOf('group').line, 'group')) {
    problems.add(rowOf('group').line, 'group', '为空，请填写村民小组（自然村）');
  }
  input.villageId = villageId;
  input.groupId = groupId;
  setIf(input, 'address', firstValue.get('address')?.text);
  setIf(input, 'phone', firstValue.has('phone') ? codeText(firstValue.get('phone')!.text).text : undefined);
  setIf(input, 'kind', readChoice(rowOf('kind'), 'kind', mapHouseholdKind, problems));
  for (const flag of ['dibao', 'tekun', 'relocated'] as const) setIf(input, flag, readYesNo(rowOf(flag), flag, problems));
  setIf(input, 'helperName', firstValue.get('helperName')?.text);
  setIf(input, 'helperPhone', firstValue.has('helperPhone') ? codeText(firstValue.get('helperPhone')!.text).text : undefined);

  input.members = rows.map((row) => {
    const m: Record<string, unknown> = {};
    m.name = row.text('name');
    const id = readCode(row, 'idNumber', problems, '证件号码');
    m.idNumber = cleanIdNumber(id);
    setIf(m, 'relation', readChoice(row, 'relation', mapRelation, problems));
    const ethnicity = row.text('ethnicity');
    if (ethnicity !== '') m.ethnicity = /族$|^其他|^外国/.test(ethnicity) ? ethnicity : `${ethnicity}族`;
    setIf(m, 'education', readChoice(row, 'education', mapEducation, problems));
    setIf(m, 'schooling', readChoice(row, 'schooling', mapSchooling, problems));
    setIf(m, 'health', readChoice(row, 'health', mapHealth, problems));
    setIf(m, 'disabilityCategory', readChoice(row, 'disabilityCategory', mapDisabilityCategory, problems));
    setIf(m, 'disabilityGrade', readChoice(row, 'disabilityGrade', mapDisabilityGrade, problems));
    setIf(m, 'labor', readChoice(row, 'labor', mapLabor, problems));
    setIf(m, 'workStatus', readChoice(row, 'workStatus', mapWorkStatus, problems));
    setIf(m, 'medicalInsurance', readYesNo(row, 'medicalInsurance', problems));
    setIf(m, 'pensionInsurance', readYesNo(row, 'pensionInsurance', problems));
    const phone = row.has('memberPhone') ? codeText(row.value('memberPhone')).text : '';
    if (phone !== '') m.phone = phone;
    return m;
  });

  const memberFieldOf = (key: string) => (memberScoped.includes(key) ? key : key === 'phone' ? 'memberPhone' : key);
  // What the national system holds comes in (issue 11): a disabled person whose 残疾类别/等级 the
  // file does not give is imported as disabled, and the 待补充 list asks for the details. Only for
  // the check are they read as not disabled; the rule still holds for the forms.
  const disabledPending = new Set<number>();
  (input.members as Record<string, unknown>[]).forEach((m, i) => {
    if (m.health === 'disabled' && (m.disabilityCategory === undefined || m.disabilityGrade === undefined)) {
      disabledPending.add(i);
      m.health = 'healthy';
      delete m.disabilityCategory;
      delete m.disabilityGrade;
    }
  });
  const parsed = householdCreateSchema.safeParse(input);
  if (parsed.success) for (const i of disabledPending) parsed.data.members[i]!.health = 'disabled';
  if (!parsed.success) {
    addIssues(parsed.error.issues, problems, (path) => {
      if (path[0] === 'members' && typeof path[1] === 'number') {
        const row = rows[path[1]] ?? first;
        return { line: row.line, field: memberFieldOf(String(path[2] ?? '')) };
      }
      if (path[0] === 'members') return { line: first.line, field: 'relation' };
      const key = String(path[0] ?? '');
      const field = key === 'villageId' ? 'village' : key === 'groupId' ? 'group' : key;
      return { line: rowOf(field).line, field };
    });
    return null;
  }
  // The core refuses a birth date after today (the schema cannot know today).
  parsed.data.members.forEach((m, i) => {
    const check = parseIdNumber(m.idNumber, ctx.today);
    if (!check.ok) problems.add(rows[i]!.line, 'idNumber', check.message);
  });
  return parsed.data;
}
