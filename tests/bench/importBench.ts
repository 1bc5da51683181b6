import type { SeedTownship } from '../../electron/core/seed/generator';

// Stub: filled in by its slice. dataDir holds the seeded county (30,000 households + monitoring set).
export async function importBench(dataDir: string, township: SeedTownship): Promise<void> {
  void dataDir;
  void township;
}
