/** Σ allocated and Σ disbursed per project, kept by triggers on the entry tables (migration 0027). */
export interface FundProjectTotalsTable {
  project_id: string;
  allocated_fen: number;
  disbursed_fen: number;
}
