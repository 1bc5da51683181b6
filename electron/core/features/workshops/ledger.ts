import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import type { ParsedExportInput } from '../../../../shared/contract/fileExport';
import type { WorkshopLedgerRow } from '../../../../shared/contract/workshops';
import { workshopCountedKinds, workshopFormLabels, workshopStateLabels, workshopTypeLabels, type WorkshopForm, type WorkshopState, type WorkshopType } from '../../../../shared/domain/workshops';
import type { HandlerContext } from '../../context';
import type { LedgerSource } from '../../files/export/ledgerCommon';
import type { LedgerRecord } from '../../files/export/writers';
import { eligibilityOf } from './eligibility';
import * as repo from './repository';

// 帮扶车间台账 (EMPLOYMENT-FUNDS §1.5: 车间 and people absorbed): one row per workshop with the
// year's staff, the people the reward counts and the reward. A township has tens of workshops,
// so the rows are computed whole and the page is a slice.

type Filter = Pick<ParsedInputOf<'workshops.ledger'>, 'year' | 'villageId' | 'state'>;

export async function workshopLedgerRows(ctx: HandlerContext, f: Filter): Promise<WorkshopLedgerRow[]> {
  const workshops = await repo.listWorkshops(ctx.db, f);
  const eligibility = await eligibilityOf(ctx, workshops, f.year);
  return workshops.map((w) => {
    const e = eligibility.get(w.id)!;
    return {
      id: w.id,
      villageName: w.village_name,
      name: w.name,
      creditCode: w.credit_code,
      form: w.form as WorkshopForm,
      kind: w.kind as WorkshopType,
      recognitionNo: w.recognition_no,
      recognizedOn: w.recognized_on,
      state: w.state as WorkshopState,
      lastCheckOn: w.last_check_on,
      insuranceUntil: w.insurance_until,
      staffInYear: e.people.length,
      povertyStaff: e.people.filter((p) => workshopCountedKinds.includes(p.householdKind)).length,
      countedPeople: e.countedPeople,
      stablePeople: e.stablePeople,
      rewardFen: e.totalFen,
    };
  });
}

export async function workshopLedger(ctx: HandlerContext, input: ParsedInputOf<'workshops.ledger'>): Promise<OutputOf<'workshops.ledger'>> {
  const rows = await workshopLedgerRows(ctx, input);
  return { total: rows.length, rows: rows.slice(input.offset, input.offset + input.limit) };
}

type Filters = Extract<ParsedExportInput, { ledger: 'workshops' }>['filters'];

/** 帮扶车间台账 for the export: the page's own rows. */
export async function workshopsSource(ctx: HandlerContext, filters: Filters): Promise<LedgerSource> {
  const rows = await workshopLedgerRows(ctx, filters);
  async function* batches(): AsyncGenerator<LedgerRecord[]> {
    yield rows.map(
      (r, i): LedgerRecord => ({
        seq: i + 1,
        village: r.villageName,
        name: r.name,
        creditCode: r.creditCode,
        form: workshopFormLabels[r.form],
        kind: workshopTypeLabels[r.kind],
        recognitionNo: r.recognitionNo,
        recognizedOn: r.recognizedOn,
        state: workshopStateLabels[r.state],
        lastCheckOn: r.lastCheckOn,
        insuranceUntil: r.insuranceUntil,
        staffInYear: r.staffInYear,
        povertyStaff: r.povertyStaff,
        countedPeople: r.countedPeople,
        stablePeople: r.stablePeople,
        reward: r.rewardFen,
      }),
    );
  }
  return { total: rows.length, batches: batches() };
}
