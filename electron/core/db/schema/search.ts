/**
 * A household whose search keys must be rebuilt: noted by triggers when a searchable column of the
 * household or a member is written, cleared when the keys are rebuilt (migration 0022).
 */
export interface SearchDirtyTable {
  household_id: string;
}

/** One row (id 1) whose n moves with every write that changes a workbench figure (migration 0022). */
export interface FiguresVersionTable {
  id: number;
  n: number;
}
