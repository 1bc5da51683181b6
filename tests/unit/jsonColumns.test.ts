import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as codecs from '../../electron/core/db/jsonColumns';
import { jsonColumns, type JsonColumn } from '../../electron/core/db/jsonColumns';
import { AppError } from '../../shared/lib/result';

// Each JSON column's codec: a value of the stored shape round-trips to the same bytes, a value
// that does not fit is refused with a Chinese message naming the column; and no file of the core
// parses JSON itself beyond the few listed below (files, worker messages, request references).

const secure = { status: 'secure', note: null };
const allSecure = { food: secure, clothing: secure, education: secure, medical: secure, housing: secure, water: secure };

const good: [JsonColumn<unknown, never>, string][] = [
  [codecs.auditChanges, '[{"field":"name","before":"甲","after":"乙"}]'],
  [codecs.thresholdHolidays, '["2026-10-01","2026-10-02"]'],
  [codecs.thresholdMakeupWorkdays, '[]'],
  [codecs.caseGuarantees, JSON.stringify({ ...allSecure, medical: { status: 'atRisk', note: '住院' } })],
  [codecs.stepPeople, '["王干部","刘会计"]'],
  [codecs.stepDetailsColumn, '{"notice":{"startDate":"2026-04-24","endDate":"2026-04-28","place":"村务公开栏"}}'],
  [codecs.visitVisitors, '["王干部"]'],
  [codecs.visitGuarantees, JSON.stringify(allSecure)],
  [codecs.measureTypeRisks, '["illness","disability"]'],
  [codecs.measureRisks, '["illness"]'],
  [codecs.printedDataColumn, '{"kind":"form.approval","rows":[1,"二",null,true]}'],
  [codecs.signedData, '{"a":{"b":[1,2]}}'],
  [codecs.noticeColumns, '["headName","group"]'],
  [codecs.presetMapping, '{"户编号":"householdCode","备注":null}'],
  [codecs.presetPlaces, '{"坪埠村":"v1"}'],
  [codecs.backupRecipient, '{"v":1,"publicKey":"p","salt":"s","iv":"i","wrappedPrivateKey":"w"}'],
  [codecs.surveyKinds, '["povertyExited","monitored"]'],
  [codecs.transportTiers, '{"outOfProvince":40000,"inProvince":30000,"inCounty":0}'],
  [codecs.workshopTiers, '[{"minPeople":10,"rewardFen":500000}]'],
  [codecs.fundMilestones, '[{"date":"06-30","percent":50}]'],
  [codecs.projectVillageIds, '["v1","v2"]'],
  [codecs.projectBudgetSources, '[{"sourceCode":"county","amountFen":100}]'],
  [codecs.assetValueSources, '[{"sourceCode":"county","amountFen":100}]'],
  [codecs.assetPlanStepPeople, '["村支书"]'],
  [codecs.appointmentStepPeople, '["村支书","村主任"]'],
];

describe('JSON column codecs', () => {
  it('every codec the module names is tried here (or in the monthly figures case)', () => {
    const tried = new Set([...good.map(([c]) => c), codecs.monthlyFigures]);
    expect(jsonColumns.filter((c) => !tried.has(c)).map((c) => `${c.table}.${c.column}`)).toEqual([]);
  });

  it.each(good.map(([c, text]) => [`${c.table}.${c.column}`, c, text] as const))('%s: a stored value round-trips to the same bytes', (_name, codec, text) => {
    expect(codec.encode(codec.decode(text) as never)).toBe(text);
  });

  it.each(jsonColumns.map((c) => [`${c.table}.${c.column}`, c] as const))('%s: a damaged value is refused naming the column', (_name, codec) => {
    for (const broken of ['{"x":', '12345', '"文本"']) {
      if (codec === codecs.printedDataColumn || codec === codecs.signedData) {
        if (broken !== '{"x":') continue; // every JSON value is data to these
      }
      let err: unknown;
      try {
        codec.decode(broken);
      } catch (e) {
        err = e;
      }
      if (codec === codecs.visitVisitors && broken === '{"x":') continue; // not JSON: read as the old plain text
      expect(err, broken).toBeInstanceOf(AppError);
      expect((err as AppError).message).toContain(`${codec.table}.${codec.column}`);
      expect((err as AppError).message).toMatch(/已损坏.*(备份|重新设置)/);
      expect(codec.safeDecode(broken)).toBeUndefined();
    }
  });

  it('reads what earlier versions wrote', () => {
    expect(codecs.visitVisitors.decode('张三、李四, 王五')).toEqual(['张三', '李四', '王五']);
    expect(codecs.caseGuarantees.decode('{"food":{"status":"atRisk","note":""}}')).toEqual({ ...allSecure, food: { status: 'atRisk', note: null } });
    const reopened = codecs.stepDetailsColumn.decode('{"reason":"返贫","eliminatedDate":null,"eliminationMethod":null}');
    expect(reopened.eliminationMethod).toBeUndefined();
    expect(reopened.reason).toBe('返贫');
    expect(codecs.stepDetailsColumn.decode('{"imported":{"fileName":"a.xlsx","sha256":"x","lines":[3]},"extra":1}')).toMatchObject({ extra: 1 });
    expect(codecs.measureRisks.decode('["illness","gone"]')).toEqual(['illness']);
  });

  it('monthly figures are read as their schema, undefined from safeDecode when damaged', () => {
    expect(codecs.monthlyFigures.safeDecode('{"month":"2026-10"}')).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------

const core = fileURLToPath(new URL('../../electron/core', import.meta.url));

/** Files that parse JSON that is not a JSON column, with how many calls and why. */
const otherJson: Record<string, { calls: number; why: string }> = {
  'pendingAudit.ts': { calls: 1, why: 'the pending-audit file on disk' },
  'lock.ts': { calls: 1, why: 'the folder lock file' },
  'features/backups/crypto.ts': { calls: 2, why: 'the recipient inside a backup file header' },
  'features/files/export/verify.ts': { calls: 1, why: 'an export folder manifest' },
  'features/files/export/householdSource.ts': { calls: 2, why: 'a json_array() the export query builds per household and per member' },
  'features/files/export/incomeSource.ts': { calls: 1, why: 'a json_array() the export query builds per income row' },
  'features/funds/trailData.ts': { calls: 1, why: 'the one json_object() text the 资金流向表 query builds' },
  'features/print/service.ts': { calls: 1, why: 'record_ref: a notice names its rows as a JSON list' },
  'features/notices/documents.ts': { calls: 1, why: 'record_ref of a notice, also given by the print request' },
  'features/posts/documents.ts': { calls: 1, why: 'record_ref of a post notice, also given by the print request' },
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return path.endsWith(join('db', 'jsonColumns')) ? [] : sources(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

describe('JSON parsing in the core', () => {
  it('only db/jsonColumns parses a JSON column: every other JSON.parse is listed with its reason', () => {
    const found: Record<string, number> = {};
    for (const file of sources(core)) {
      const n = (readFileSync(file, 'utf8').match(/JSON\.parse\(/g) ?? []).length;
      if (n > 0) found[file.slice(core.length + 1).split('\\').join('/')] = n;
    }
    expect(found).toEqual(Object.fromEntries(Object.entries(otherJson).map(([f, v]) => [f, v.calls])));
  });
});
