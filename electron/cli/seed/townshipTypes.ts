// The township the generator writes: villages, households and members as plain data.

import type { DisabilityCategory, DisabilityGrade, Education, Health, HouseholdKind, Labor, Relation, Schooling, WorkStatus } from '../../../shared/domain/household';

export interface SeedVillage {
  code: string;
  name: string;
  groups: string[];
}
export interface SeedMember {
  name: string;
  idNumber: string;
  relation: Relation;
  ethnicity: string;
  education: Education;
  schooling: Schooling;
  health: Health;
  disabilityCategory: DisabilityCategory | null;
  disabilityGrade: DisabilityGrade | null;
  labor: Labor;
  workStatus: WorkStatus;
  medicalInsurance: boolean;
  pensionInsurance: boolean;
  phone: string | null;
}
export interface SeedHousehold {
  householdCode: string;
  villageIndex: number;
  groupIndex: number;
  address: string;
  phone: string | null;
  kind: HouseholdKind;
  dibao: boolean;
  tekun: boolean;
  relocated: boolean;
  helperName: string | null;
  /** members[0] is the head (relation 'head'). */
  members: SeedMember[];
}
export interface SeedOptions {
  seed: number;
  households: number;
  /** 6 digits; also the region code of every generated ID number. */
  countyCode: string;
  /** 9 digits, starting with countyCode. */
  townshipCode: string;
  /** 'YYYY-MM-DD': the day ages are counted on. */
  asOf: string;
  villages?: number;
}
export interface SeedTownship {
  villages: SeedVillage[];
  households: SeedHousehold[];
}
