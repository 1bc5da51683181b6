import type { importModes } from '../../../../../shared/contract/fileImport';
import type { ImportSource } from '../../../../../shared/domain/importFields';

// What the import page and its preview share.

export type Mode = (typeof importModes)[number];
export type Mapping = Record<string, string | null>;
/** The value of the mapping select that means “do not import this column”. */
export const IGNORE = '';

/** What one record of each kind is called in the counts (rows with problems are counted in 行). */
export const unitOf: Readonly<Record<ImportSource, string>> = { national: '项', households: '户', incomes: '条', cases: '条', measures: '条', visits: '次', loans: '笔' };
