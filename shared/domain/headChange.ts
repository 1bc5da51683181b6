// 户主变更 (issue 15 item 15): every member's 与户主关系 is relative to the head, so when the head
// changes the others' relations must be read again relative to the new head. What follows from
// the two relations alone (the old head's 配偶 is the new head's 母/父 when the new head was 之子)
// is offered; what does not (the old head's 兄弟姐妹 are the new head's uncles, which the list
// has no word for; a 儿媳 when there are several sons) is left null for the clerk to choose.

import type { NonHeadRelation, Relation } from './household';
import type { Sex } from './idNumber';

export interface HeadChangeMember {
  id: string;
  /** Relation to the old head. */
  relation: Relation;
  sex: Sex;
}

const bySex = (sex: Sex, male: NonHeadRelation, female: NonHeadRelation): NonHeadRelation => (sex === 'male' ? male : female);

const childOf = (r: Relation) => r === 'son' || r === 'daughter';
const grandchildOf = (r: Relation) => r === 'grandson' || r === 'granddaughter';
const inLawChildOf = (r: Relation) => r === 'sonInLaw' || r === 'daughterInLaw';
const parentOf = (r: Relation) => r === 'father' || r === 'mother';
const parentInLawOf = (r: Relation) => r === 'fatherInLaw' || r === 'motherInLaw';
const grandparentOf = (r: Relation) => r === 'grandfather' || r === 'grandmother';

/** What the household tells beyond the two relations: is the new head the old head's only child here. */
interface Household {
  /** The new head is the only 之子/之女 in the household, so every 儿媳/女婿 is the new head's spouse and every grandchild the new head's child. */
  onlyChild: boolean;
}

/** The old head's relation to the new head (the former head stays in the household). */
export function formerHeadRelation(newHeadRelation: Relation, formerHeadSex: Sex): NonHeadRelation | null {
  const s = formerHeadSex;
  if (newHeadRelation === 'spouse') return 'spouse';
  if (childOf(newHeadRelation)) return bySex(s, 'father', 'mother');
  if (inLawChildOf(newHeadRelation)) return bySex(s, 'fatherInLaw', 'motherInLaw');
  if (grandchildOf(newHeadRelation)) return bySex(s, 'grandfather', 'grandmother');
  if (parentOf(newHeadRelation)) return bySex(s, 'son', 'daughter');
  if (parentInLawOf(newHeadRelation)) return bySex(s, 'sonInLaw', 'daughterInLaw');
  if (grandparentOf(newHeadRelation)) return bySex(s, 'grandson', 'granddaughter');
  if (newHeadRelation === 'sibling') return 'sibling';
  return null;
}

/** Another member's relation to the new head, or null when the two relations do not settle it. */
export function relationToNewHead(newHeadRelation: Relation, member: Pick<HeadChangeMember, 'relation' | 'sex'>, household: Household): NonHeadRelation | null {
  const m = member.relation;
  const s = member.sex;
  const n = newHeadRelation;
  if (m === 'head' || m === 'other') return null;

  if (childOf(n)) {
    // The new head is the old head's child.
    if (m === 'spouse') return bySex(s, 'father', 'mother');
    if (childOf(m)) return 'sibling';
    if (parentOf(m) || parentInLawOf(m)) return bySex(s, 'grandfather', 'grandmother');
    // A 儿媳 is the new head's wife only when the new head is the only child here; else a sibling's.
    if (inLawChildOf(m) && household.onlyChild) return 'spouse';
    if (grandchildOf(m) && household.onlyChild) return bySex(s, 'son', 'daughter');
    return null;
  }
  if (n === 'spouse') {
    if (childOf(m) || inLawChildOf(m) || grandchildOf(m)) return m;
    if (parentOf(m)) return bySex(s, 'fatherInLaw', 'motherInLaw');
    if (parentInLawOf(m)) return bySex(s, 'father', 'mother');
    return null;
  }
  if (parentOf(n)) {
    // A parent takes over from a child: the other parent is the spouse, the grandchildren move up.
    if (m === 'spouse') return bySex(s, 'sonInLaw', 'daughterInLaw');
    if (childOf(m)) return bySex(s, 'grandson', 'granddaughter');
    if (m === 'sibling') return bySex(s, 'son', 'daughter');
    if (parentOf(m)) return 'spouse';
    return null;
  }
  if (n === 'sibling') {
    if (parentOf(m)) return m;
    if (m === 'sibling') return 'sibling';
    return null;
  }
  if (inLawChildOf(n) && household.onlyChild) {
    // The only child's spouse takes over: the child is the spouse, the grandchildren are the children.
    if (childOf(m)) return 'spouse';
    if (grandchildOf(m)) return bySex(s, 'son', 'daughter');
    if (m === 'spouse') return bySex(s, 'fatherInLaw', 'motherInLaw');
    return null;
  }
  return null;
}

export interface DerivedRelation {
  memberId: string;
  from: Relation;
  /** The relation to the new head, or null when the clerk must choose. */
  to: NonHeadRelation | null;
}

/**
 * The relations of every member but the new head after 户主变更: the former head first (relative
 * to the new head), then the others. `members` are the household's current members.
 */
export function rederiveRelations(members: readonly HeadChangeMember[], newHeadId: string): DerivedRelation[] {
  const next = members.find((m) => m.id === newHeadId);
  if (!next) return [];
  const n = next.relation;
  const sameKindAsNew = members.filter((m) => m.id !== next.id && (childOf(n) ? childOf(m.relation) : inLawChildOf(n) ? childOf(m.relation) : false));
  const onlyChild = childOf(n) ? sameKindAsNew.length === 0 : inLawChildOf(n) ? sameKindAsNew.length === 1 : false;
  return members
    .filter((m) => m.id !== next.id)
    .map((m) => ({
      memberId: m.id,
      from: m.relation,
      to: m.relation === 'head' ? formerHeadRelation(n, m.sex) : relationToNewHead(n, m, { onlyChild }),
    }));
}
