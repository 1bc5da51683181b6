import type { Eligibility } from '../../../../shared/contract/workshops';
import type { EmploymentSettings } from '../../../../shared/domain/employmentSettings';
import type { HouseholdKind } from '../../../../shared/domain/household';
import { formatYuan } from '../../../../shared/lib/money';
import { workshopEligibility, type WorkshopPerson, type WorkshopState } from '../../../../shared/domain/workshops';
import type { HandlerContext } from '../../context';
import { spellFacts } from '../employment/spells';
import { settingsForYear } from '../employment/settings';
import type { StaffSpellRecord, WorkshopRecord } from './repository';
import * as repo from './repository';

// The year's reward of each workshop, from the spells of its staff and the year's employment
// settings (saved or the program's defaults). The rule itself is shared/domain/workshops.ts.

/** The settings' rule in one sentence, so the page says what it computed with. */
export function ruleSentence(s: EmploymentSettings): string {
  const tiers = [...s.workshopTiers].sort((a, b) => a.minPeople - b.minPeople);
  const parts = tiers.map((t, i) => {
    const next = tiers[i + 1];
    const range = next ? `${t.minPeople}–${next.minPeople - 1} 人` : `${t.minPeople} 人以上`;
    return `${range} ${formatYuan(t.rewardFen)} 元`;
  });
  return `吸纳脱贫人口务工满 ${s.workshopMinMonths} 个月、月均工资不低于 ${formatYuan(s.workshopMinWageFen)} 元的计入人数：${parts.join('，')}；满 ${s.workshopStableMonths} 个月的每人另给稳岗奖补 ${formatYuan(s.workshopPerPersonFen)} 元`;
}

function people(spells: readonly StaffSpellRecord[]): WorkshopPerson[] {
  const byMember = new Map<string, WorkshopPerson & { spells: ReturnType<typeof spellFacts>[] }>();
  for (const r of spells) {
    let p = byMember.get(r.member_id);
    if (!p) {
      p = { memberId: r.member_id, name: r.member_name, householdKind: r.household_kind as HouseholdKind, spells: [] };
      byMember.set(r.member_id, p);
    }
    p.spells.push(spellFacts(r));
  }
  return [...byMember.values()];
}

/** Eligibility of each workshop for `year`, keyed by workshop id. */
export async function eligibilityOf(ctx: HandlerContext, workshops: readonly WorkshopRecord[], year: number): Promise<Map<string, Eligibility>> {
  const settings = await settingsForYear(ctx, year);
  const source = 'source' in settings && settings.source === 'saved' ? 'saved' : 'default';
  const spells = await repo.staffSpells(ctx.db, workshops.map((w) => w.id), year);
  const byWorkshop = new Map<string, StaffSpellRecord[]>();
  for (const s of spells) {
    const list = byWorkshop.get(s.workshop_id!) ?? [];
    list.push(s);
    byWorkshop.set(s.workshop_id!, list);
  }
  const asOf = ctx.today();
  const rule = ruleSentence(settings);
  const out = new Map<string, Eligibility>();
  for (const w of workshops) {
    const result = workshopEligibility({ recognizedOn: w.recognized_on, state: w.state as WorkshopState }, people(byWorkshop.get(w.id) ?? []), settings, year, asOf);
    out.set(w.id, { ...result, settingsSource: source, rule });
  }
  return out;
}
