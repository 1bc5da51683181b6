import { openDatabase } from '../../electron/core/db/open';
import { generateTownship } from '../../electron/cli/seed/generator';
import { generateMonitoring } from '../../electron/cli/seed/monitoringGenerator';
import { seedCatalog, writeMonitoring } from '../../electron/cli/seed/monitoringWrite';
import { writeSeed } from '../../electron/cli/seed/write';

// A data folder holding a generated township with its monitoring cases, visits and incomes, as the
// command line's seed writes it: for tests that need a ledger of some size rather than a few rows.

export const seedAsOf = '2026-11-23';
export const seedOffice = { countyName: '明溪县', countyCode: '350421', townshipName: '城关乡', townshipCode: '350421101', adminUsername: 'admin', adminPassword: 'Admin1234' };

/** Writes `households` generated households (and their monitoring) into the new data folder `dataDir`. */
export async function writeSeededFolder(dataDir: string, options: { seed: number; households: number }): Promise<void> {
  const township = generateTownship({ seed: options.seed, households: options.households, countyCode: '350421', townshipCode: '350421101', asOf: seedAsOf });
  const data = generateMonitoring(township, { seed: options.seed, asOf: seedAsOf, catalog: seedCatalog().types });
  const opened = await openDatabase({ dataDir });
  try {
    await writeSeed(opened.db, township, seedOffice, new Date(`${seedAsOf}T01:00:00Z`));
    await writeMonitoring(opened.db, township, data, new Date(`${seedAsOf}T08:00:00Z`));
  } finally {
    await opened.db.destroy();
  }
}
