import { roleLabels, roles } from '../../../../shared/contract';

/** Role choices in the order an office thinks of them: clerk first, admin last. */
export const roleOptions = [...roles].reverse().map((r) => ({ value: r, label: roleLabels[r] }));
