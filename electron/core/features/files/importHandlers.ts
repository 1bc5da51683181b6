import type { Handler } from '../../handler';
import type { ImportChannel } from './channels';
import { listPresets, savePreset } from './import/presets';
import { startApply, startPreview } from './import/service';

export const importHandlers: { [C in ImportChannel]: Handler<C> } = {
  'files.importPreview': (input, ctx) => startPreview(ctx, input),
  'files.importApply': async (input, ctx) => startApply(ctx, input.previewId, input.mode, input.decisions),
  'files.importPresets': (input, ctx) => listPresets(ctx.db, input.kind),
  'files.saveImportPreset': (input, ctx) => savePreset(ctx, input.kind, input.name, input.mapping, input.version, input.places),
};
