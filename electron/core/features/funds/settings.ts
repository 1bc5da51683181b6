import type { Kysely, Transaction } from 'kysely';
import { fundSettingsFor, type FundSettings } from '../../../../shared/domain/funds';
import type { DB } from '../../db/schema';
import { savedSettingsRows, toFundSettings } from './repository';

type Db = Kysely<DB> | Transaction<DB>;

/** The funds settings in force for `year` (saved, the latest earlier year, or the suggestion). */
export async function fundSettingsOf(db: Db, year: number): Promise<FundSettings & { source: 'saved' | 'default' }> {
  const saved = (await savedSettingsRows(db)).map(toFundSettings);
  return fundSettingsFor(saved, year);
}
