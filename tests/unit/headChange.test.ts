import { describe, expect, it } from 'vitest';
import { formerHeadRelation, rederiveRelations, relationToNewHead, type HeadChangeMember } from '../../shared/domain/headChange';
import type { Relation } from '../../shared/domain/household';
import type { Sex } from '../../shared/domain/idNumber';

// 户主变更: the others' relations re-read relative to the new head (issue 15 item 15).

describe('the former head relative to the new head', () => {
  it.each<[Relation, ReturnType<typeof formerHeadRelation>]>([
    ['son', 'father'],
    ['daughter', 'father'],
    ['spouse', 'spouse'],
    ['father', 'son'],
    ['mother', 'son'],
    ['daughterInLaw', 'fatherInLaw'],
    ['grandson', 'grandfather'],
    ['fatherInLaw', 'sonInLaw'],
    ['sibling', 'sibling'],
    ['other', null],
  ])('new head was %s, a male former head → %s', (newHead, expected) => {
    expect(formerHeadRelation(newHead, 'male')).toBe(expected);
  });

  it('reads the former head by sex', () => {
    expect(formerHeadRelation('son', 'female')).toBe('mother');
    expect(formerHeadRelation('father', 'female')).toBe('daughter');
  });
});

describe('another member relative to the new head', () => {
  const only = { onlyChild: true };
  const several = { onlyChild: false };
  it.each<[Relation, Relation, Sex, { onlyChild: boolean }, ReturnType<typeof relationToNewHead>]>([
    // The new head was 之子: the old head's 配偶 is the new head's mother (or father).
    ['son', 'spouse', 'female', only, 'mother'],
    ['son', 'spouse', 'male', only, 'father'],
    ['son', 'daughter', 'female', several, 'sibling'],
    ['son', 'mother', 'female', only, 'grandmother'],
    ['son', 'fatherInLaw', 'male', only, 'grandfather'],
    ['son', 'daughterInLaw', 'female', only, 'spouse'],
    ['son', 'daughterInLaw', 'female', several, null], // a brother's wife, perhaps
    ['son', 'grandson', 'male', only, 'son'],
    ['son', 'granddaughter', 'female', only, 'daughter'],
    ['son', 'grandson', 'male', several, null], // a nephew, perhaps
    ['son', 'sibling', 'male', only, null], // an uncle: the list has no word for it
    ['son', 'grandfather', 'male', only, null],
    ['son', 'other', 'male', only, null],
    // The new head was 配偶.
    ['spouse', 'son', 'male', only, 'son'],
    ['spouse', 'daughterInLaw', 'female', only, 'daughterInLaw'],
    ['spouse', 'granddaughter', 'female', only, 'granddaughter'],
    ['spouse', 'mother', 'female', only, 'motherInLaw'],
    ['spouse', 'fatherInLaw', 'male', only, 'father'],
    ['spouse', 'sibling', 'female', only, null],
    // A parent takes over from a child.
    ['father', 'spouse', 'female', only, 'daughterInLaw'],
    ['father', 'son', 'male', only, 'grandson'],
    ['father', 'sibling', 'female', only, 'daughter'],
    ['mother', 'father', 'male', only, 'spouse'],
    // A sibling takes over.
    ['sibling', 'mother', 'female', only, 'mother'],
    ['sibling', 'sibling', 'male', only, 'sibling'],
    ['sibling', 'spouse', 'female', only, null],
    // The only son's wife takes over.
    ['daughterInLaw', 'son', 'male', only, 'spouse'],
    ['daughterInLaw', 'grandson', 'male', only, 'son'],
    ['daughterInLaw', 'son', 'male', several, null],
  ])('new head was %s; %s (%s) → %s', (newHead, member, sex, household, expected) => {
    expect(relationToNewHead(newHead, { relation: member, sex }, household)).toBe(expected);
  });
});

describe('a household after 户主变更', () => {
  const m = (id: string, relation: Relation, sex: Sex): HeadChangeMember => ({ id, relation, sex });

  it('an elderly father hands over to his only son: wife → 之母, son → 户主, daughter-in-law → 配偶, grandchild → 之子', () => {
    const household = [m('f', 'head', 'male'), m('w', 'spouse', 'female'), m('s', 'son', 'male'), m('dil', 'daughterInLaw', 'female'), m('gs', 'grandson', 'male')];
    expect(rederiveRelations(household, 's')).toEqual([
      { memberId: 'f', from: 'head', to: 'father' },
      { memberId: 'w', from: 'spouse', to: 'mother' },
      { memberId: 'dil', from: 'daughterInLaw', to: 'spouse' },
      { memberId: 'gs', from: 'grandson', to: 'son' },
    ]);
  });

  it('with two sons, the in-laws and grandchildren are left to the clerk', () => {
    const household = [m('f', 'head', 'male'), m('s1', 'son', 'male'), m('s2', 'son', 'male'), m('dil', 'daughterInLaw', 'female'), m('gd', 'granddaughter', 'female')];
    expect(rederiveRelations(household, 's1')).toEqual([
      { memberId: 'f', from: 'head', to: 'father' },
      { memberId: 's2', from: 'son', to: 'sibling' },
      { memberId: 'dil', from: 'daughterInLaw', to: null },
      { memberId: 'gd', from: 'granddaughter', to: null },
    ]);
  });

  it('an unknown new head gives nothing', () => {
    expect(rederiveRelations([m('f', 'head', 'male')], 'x')).toEqual([]);
  });
});
