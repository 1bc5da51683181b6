// Static tables of the township generator: household shapes by kind, health, education and work
// shares, and the day table birth dates are drawn from.

import type { DisabilityCategory, DisabilityGrade, Education, HouseholdKind, Relation, WorkStatus } from '../../../shared/domain/household';
import type { Sex } from '../../../shared/domain/idNumber';
import { surnameShares } from './names';
import { Weighted } from './sampling';

export const nationalSurnames = new Weighted(surnameShares);
export const singleCharSurnames = surnameShares.filter(([s]) => s.length === 1).map(([s]) => s);

export type Composition =
  | 'singleElder'
  | 'singleAdult'
  | 'elderCouple'
  | 'nuclear'
  | 'singleParent'
  | 'threeGen'
  | 'withParent'
  | 'skipGen';

// Exited and monitored households are older and more often incomplete: the registry's 因病/因残/
// 缺劳动力 causes live in exactly those shapes.
export const compositions: Readonly<Record<HouseholdKind, Weighted<Composition>>> = {
  ordinary: new Weighted<Composition>([
    ['singleElder', 8], ['singleAdult', 3], ['elderCouple', 16], ['nuclear', 40],
    ['singleParent', 3], ['threeGen', 20], ['withParent', 8], ['skipGen', 2],
  ]),
  povertyExited: new Weighted<Composition>([
    ['singleElder', 14], ['singleAdult', 6], ['elderCouple', 16], ['nuclear', 29],
    ['singleParent', 6], ['threeGen', 19], ['withParent', 7], ['skipGen', 3],
  ]),
  monitored: new Weighted<Composition>([
    ['singleElder', 12], ['singleAdult', 6], ['elderCouple', 14], ['nuclear', 31],
    ['singleParent', 8], ['threeGen', 19], ['withParent', 7], ['skipGen', 3],
  ]),
};

export const healthFactor: Readonly<Record<HouseholdKind, number>> = { ordinary: 0.85, povertyExited: 1.6, monitored: 2.3 };
export const dibaoBase: Readonly<Record<HouseholdKind, number>> = { ordinary: 0.007, povertyExited: 0.22, monitored: 0.3 };
export const relocatedShare: Readonly<Record<HouseholdKind, number>> = { ordinary: 0, povertyExited: 0.1, monitored: 0.05 };

export const disabilityCategoryTable = new Weighted<DisabilityCategory>([
  ['physical', 30], ['hearing', 22], ['visual', 15], ['multiple', 14], ['intellectual', 8], ['mental', 8], ['speech', 3],
]);
export const disabilityGradeTable = new Weighted<DisabilityGrade>([[1, 12], [2, 23], [3, 28], [4, 37]]);

export type AdultEducation = Exclude<Education, 'preschool'>;
export const adultEducation = {
  born1990s: new Weighted<AdultEducation>([['none', 1], ['primary', 6], ['juniorHigh', 44], ['seniorHigh', 18], ['vocational', 14], ['college', 17]]),
  born1970s: new Weighted<AdultEducation>([['none', 3], ['primary', 20], ['juniorHigh', 55], ['seniorHigh', 13], ['vocational', 5], ['college', 4]]),
  born1960s: new Weighted<AdultEducation>([['none', 10], ['primary', 38], ['juniorHigh', 40], ['seniorHigh', 9], ['vocational', 2], ['college', 1]]),
  born1950s: new Weighted<AdultEducation>([['none', 30], ['primary', 46], ['juniorHigh', 18], ['seniorHigh', 5], ['college', 1]]),
  older: new Weighted<AdultEducation>([['none', 55], ['primary', 36], ['juniorHigh', 7], ['seniorHigh', 2]]),
};

export const workTables = {
  youngMale: new Weighted<WorkStatus>([['outOfProvince', 34], ['inProvince', 20], ['inCounty', 12], ['local', 10], ['selfEmployed', 6], ['welfarePost', 1], ['none', 17]]),
  youngFemale: new Weighted<WorkStatus>([['outOfProvince', 24], ['inProvince', 16], ['inCounty', 10], ['local', 12], ['selfEmployed', 4], ['welfarePost', 1], ['none', 33]]),
  older: new Weighted<WorkStatus>([['outOfProvince', 12], ['inProvince', 12], ['inCounty', 14], ['local', 18], ['selfEmployed', 4], ['welfarePost', 3], ['none', 37]]),
};

// Husbands are usually 0–4 years older; never more than 6 years apart either way.
export const spouseGap = new Weighted<number>([[-2, 4], [-1, 8], [0, 14], [1, 16], [2, 16], [3, 13], [4, 10], [5, 7], [6, 4]]);
export const countTable = (weights: readonly number[]): Weighted<number> => new Weighted(weights.map((w, i) => [i, w] as const));
export const nuclearChildren = countTable([0, 35, 45, 17, 3]);
export const singleParentChildren = countTable([0, 50, 40, 10]);
export const withParentChildren = countTable([15, 35, 40, 10]);
export const grandchildren = countTable([12, 38, 38, 12]);

// Days of a non-leap year; leap days are left out so an age never has to be re-derived.
export const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
export const MONTH_DAYS: readonly number[] = MONTH_LENGTHS.flatMap((len, m) => Array.from({ length: len }, (_, d) => (m + 1) * 100 + d + 1));

/** Who lives in a household, before names, IDs and attributes are filled in. */
export interface Draft {
  relation: Relation;
  sex: Sex;
  age: number;
  surname: string;
  ethnicity: string;
}
