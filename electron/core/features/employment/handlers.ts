import type { FeatureHandlers } from '../../handler';
import { migrantLedger } from './ledger';
import { linkSpellToMeasure } from './measureLink';
import * as settings from './settings';
import * as spells from './spells';
import * as survey from './survey';

export const employmentHandlers = {
  'employment.forHousehold': (input, ctx) => spells.forHousehold(ctx, input),
  // The spell, its 就业帮扶 measure and their audit rows: one transaction.
  'employment.saveSpell': async (input, ctx) => {
    const saved = await spells.saveSpell(ctx, input);
    const link = input.id === undefined ? await linkSpellToMeasure(ctx, saved) : { note: null };
    return { ...saved, measureNote: link.note };
  },
  'employment.endSpell': (input, ctx) => spells.endSpell(ctx, input),
  'employment.wageSuggestion': (input, ctx) => spells.wageSuggestion(ctx, input),
  'employment.settings': (_input, ctx) => settings.list(ctx),
  'employment.saveSettings': (input, ctx) => settings.save(ctx, input),
  'employment.surveyRounds': (_input, ctx) => survey.rounds(ctx),
  'employment.createRound': (input, ctx) => survey.createRound(ctx, input),
  'employment.surveyRound': (input, ctx) => survey.round(ctx, input),
  'employment.checklist': (input, ctx) => survey.checklist(ctx, input),
  'employment.check': (input, ctx) => survey.check(ctx, input),
  'employment.surveyTodo': (_input, ctx) => survey.todo(ctx),
  'employment.migrantLedger': (input, ctx) => migrantLedger(ctx, input),
} satisfies FeatureHandlers<'employment'>;
