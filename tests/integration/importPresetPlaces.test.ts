// Issue 11, item 3 (leftover): the clerk's mapping of a national export's unknown village names is
// kept with the preset (import_presets.places_json, 0026) and applied when that preset is used
// again, so next month's export from the same system maps itself.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../shared/contract/fileImport';
import { educationLabels, laborLabels, relationLabels } from '../../shared/domain/household';
import { stageUpload } from '../../electron/core/files/store';
import { genHouseholds, simpleXlsx } from '../fixtures/importWorkbooks';
import { openTestOffice, type TestOffice } from './harness';

let office: TestOffice;
beforeEach(async () => {
  office = await openTestOffice();
  office.clock.set('2026-03-10');
});
afterEach(async () => {
  await office.close();
});

async function preview(bytes: Buffer, extra: { presetId?: string; places?: Record<string, string> } = {}): Promise<ImportPreview> {
  const staged = stageUpload(office.dataDir, '脱贫人口名单.xlsx', bytes);
  const { jobId } = await office.call('files.importPreview', { fileId: staged.fileId, kind: 'national', ...extra });
  const snap = await office.core.jobs.wait(jobId);
  if (snap.status !== 'done') throw new Error(`preview ${snap.status}: ${snap.error?.message ?? ''}`);
  return snap.result as ImportPreview;
}

describe('village mapping kept with the preset', () => {
  it('saves the preview’s village mapping in a national preset (versioned) and applies it when the preset is used again', async () => {
    const gen = genHouseholds(3, 1);
    const headers = ['行政村', '自然村', '户编号', '姓名', '证件号码', '与户主关系', '文化程度', '劳动技能', '户类型'];
    // The national system still calls 坪埠村 by its old name.
    const rows = gen.flatMap((h) =>
      h.members.map((m) => [h.village === '坪埠村' ? '坪埠老村' : h.village, h.group, h.code, m.name, m.idNumber, relationLabels[m.relation], educationLabels[m.education], laborLabels[m.labor], '脱贫户']),
    );
    const bytes = await simpleXlsx(headers, rows, '已脱贫人口名单');
    const first = await preview(bytes);
    const waiting = gen.filter((h) => h.village === '坪埠村').length;
    expect(first.unknownPlaces).toEqual([expect.objectContaining({ village: '坪埠老村', group: null, households: waiting })]);
    const pingbu = office.villages.find((v) => v.name === '坪埠村')!;
    const places = { [first.unknownPlaces[0]!.key]: pingbu.id };

    const saved = await office.call('files.saveImportPreset', { kind: 'national', name: '国家系统名单', mapping: {}, places, version: null });
    expect(saved).toMatchObject({ kind: 'national', places, mapping: {}, version: 1 });
    expect(await office.call('files.importPresets', { kind: 'national' })).toEqual([saved]);
    // A national preset without any village mapping is refused with what to do.
    await expect(office.call('files.saveImportPreset', { kind: 'national', name: '空', mapping: {}, places: {}, version: null })).rejects.toThrow(/村组对应/);

    const again = await preview(bytes, { presetId: saved.id });
    expect(again.unknownPlaces).toEqual([]);
    expect(again.counts).toMatchObject({ new: 3, invalid: 0 });

    // Saving it again with another mapping raises the version; a stale save is refused.
    const other = office.villages.find((v) => v.name !== '坪埠村')!;
    const resaved = await office.call('files.saveImportPreset', { kind: 'national', name: '国家系统名单', mapping: {}, places: { [first.unknownPlaces[0]!.key]: other.id }, version: 1 });
    expect(resaved.version).toBe(2);
    await expect(office.call('files.saveImportPreset', { kind: 'national', name: '国家系统名单', mapping: {}, places, version: 1 })).rejects.toThrow();
  });
});
