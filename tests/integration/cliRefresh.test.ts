// Issue 11 item 4, "the CLI does the same": next month's national export into a filled ledger from
// the command line. The output (and --json) gives the counts per part, the changed households and
// the 文件中已无 list; the clerk decides with options; without a decision the CLI refuses (exit 2,
// naming the options) and writes nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../shared/contract/fileImport';
import { educationLabels, laborLabels, relationLabels } from '../../shared/domain/household';
import { idCheckDigit } from '../../shared/domain/idNumber';
import { stageUpload } from '../../electron/core/files/store';
import { genHouseholds, simpleXlsx, type GenHousehold, type GenPerson } from '../fixtures/importWorkbooks';
import { openTestOffice, type TestOffice } from './harness';

const root = join(import.meta.dirname, '..', '..');
const headers = ['数据日期', '行政村', '自然村', '户编号', '姓名', '证件号码', '与户主关系', '民族', '文化程度', '健康状况', '劳动技能', '户类型'];

function rowsOf(h: GenHousehold, kind: string, people: GenPerson[] = h.members) {
  return people.map((m) => ['202610', h.village, h.group, h.code, m.name, m.idNumber, relationLabels[m.relation], '汉族', educationLabels[m.education], '健康', laborLabels[m.labor], kind]);
}

interface CliOut {
  ok: boolean;
  data?: {
    parts: { part: string; new: number; changed: number; unchanged: number }[];
    preview: { parts: { part: string; new: number; changed: number; unchanged: number }[] };
    refresh: { changedHouseholds: number; missing: { kind: string; id: string; householdCode: string; decision?: unknown }[] };
    undecided?: { kind: string; id: string; householdCode: string }[];
    applied?: Record<string, number>;
  };
  error?: { code: string; message: string };
}

let work: string;
let dataDir: string;
let office: TestOffice | null = null;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'ledger-cli-refresh-'));
  dataDir = join(work, 'data');
});
afterEach(async () => {
  await office?.close();
  office = null;
  rmSync(work, { recursive: true, force: true });
});

function cli(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.LEDGER_DATA_DIR;
  delete env.LEDGER_CLI_LANG;
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'electron', 'cli', 'index.ts'), ...args, '--data', dataDir], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const json = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!) as CliOut;

// 旦上村: h1, h3, h5 (genHouseholds alternates the two villages).
const [h1, , h3, , h5] = genHouseholds(5, 1);
const baby: GenPerson = { name: '新生儿', idNumber: `35042120260101001${idCheckDigit('35042120260101001')}`, relation: 'grandson', education: 'preschool', labor: 'none' };

/** Month one through the core (as the window does it), then the office folder is left for the CLI. */
async function monthOne(): Promise<string> {
  const o = await openTestOffice({ dataDir });
  const staged = stageUpload(dataDir, '9月名单.xlsx', await simpleXlsx(headers, [h1!, h3!, h5!].flatMap((h) => rowsOf(h, '脱贫户')), '已脱贫人口名单'));
  const { jobId } = await o.call('files.importPreview', { fileId: staged.fileId, kind: 'national' });
  const p = (await o.core.jobs.wait(jobId)).result as ImportPreview;
  const apply = await o.call('files.importApply', { previewId: p.previewId, mode: 'allOrNothing' });
  expect((await o.core.jobs.wait(apply.jobId)).status).toBe('done');
  await o.close();
  // Month two: h1 becomes 监测户 with a newborn, h3 is as it was, h5 is gone.
  const file = join(work, '10月名单.xlsx');
  writeFileSync(file, await simpleXlsx(headers, [...rowsOf(h1!, '监测户', [...h1!.members, baby]), ...rowsOf(h3!, '脱贫户')], '已脱贫人口名单'));
  return file;
}

async function ledger() {
  office = await openTestOffice({ dataDir });
  const db = office.core.db;
  const rows = await db.selectFrom('households').select(['household_code', 'kind', 'member_count', 'status', 'closed_date', 'close_reason']).orderBy('household_code').execute();
  const result = new Map(rows.map((r) => [r.household_code, r]));
  const audit = await db.selectFrom('audit_log').select(['entity_id', 'summary']).execute();
  await office.close();
  office = null;
  return { households: result, audit };
}

describe('cli import of a month-two national export', { timeout: 240_000 }, () => {
  it('lists the changes and the missing household, refuses without a decision (exit 2, nothing written), and applies 减员 from --missing leave', async () => {
    const file = await monthOne();

    const refused = cli(['import', file, '--json']);
    expect(refused.status, refused.stderr.slice(-400)).toBe(2);
    const r = json(refused.stdout);
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('DECISION_NEEDED');
    expect(r.error?.message).toContain('--missing keep');
    expect(r.error?.message).toContain('--missing leave --leave-as 迁出 --leave-reason 原因 --leave-date 日期');
    expect(r.data!.preview.parts.find((p) => p.part === 'households')).toMatchObject({ new: 0, changed: 1, unchanged: 1 });
    expect(r.data!.refresh.changedHouseholds).toBe(1);
    expect(r.data!.undecided!.map((m) => [m.kind, m.householdCode])).toEqual([['household', h5!.code]]);
    let after = await ledger();
    expect(after.households.get(h1!.code)).toMatchObject({ kind: 'povertyExited', member_count: h1!.members.length });
    expect(after.households.get(h5!.code)).toMatchObject({ status: 'active' });

    // A 减员 without its date is a usage error before anything is read.
    const noDate = cli(['import', file, '--missing', 'leave', '--leave-reason', '迁出', '--json']);
    expect(noDate.status).toBe(2);
    expect(json(noDate.stdout).error?.message).toContain('--leave-date');

    // The human output names the changed count and the missing household.
    const human = cli(['import', file, '--missing', 'leave', '--leave-reason', '迁出', '--leave-date', '2026-11-30']);
    expect(human.status, human.stderr.slice(-400)).toBe(0);
    expect(human.stdout).toContain('有变化的户：1');
    expect(human.stdout).toContain(`文件中已无 1 行：`);
    expect(human.stdout).toContain(`户 ${h5!.code}（户主 ${h5!.members[0]!.name}`);
    expect(human.stdout).toContain('→ 减员：迁出（2026-11-30，迁出）');
    after = await ledger();
    expect(after.households.get(h1!.code)).toMatchObject({ kind: 'monitored', member_count: h1!.members.length + 1 });
    expect(after.households.get(h3!.code)).toMatchObject({ kind: 'povertyExited', status: 'active' });
    expect(after.households.get(h5!.code)).toMatchObject({ status: 'closed', closed_date: '2026-11-30', close_reason: '迁出' });

    // The same file again: nothing changes and nothing is missing, so no option is needed.
    const again = json(cli(['import', file, '--json']).stdout);
    expect(again.ok).toBe(true);
    expect(again.data!.refresh).toEqual({ changedHouseholds: 0, missing: [] });
    expect(again.data!.parts.find((p) => p.part === 'households')).toMatchObject({ new: 0, changed: 0, unchanged: 2 });
  });

  it('takes the decisions from a --decisions file by id (保留 recorded in the audit log) and refuses an id not on the list', async () => {
    const file = await monthOne();
    const first = json(cli(['import', file, '--json']).stdout);
    const missingId = first.data!.undecided![0]!.id;

    const stray = join(work, 'stray.json');
    writeFileSync(stray, JSON.stringify([{ id: 'not-on-the-list', action: 'keep' }]));
    const strayRun = cli(['import', file, '--decisions', stray, '--json']);
    expect(strayRun.status).toBe(2);
    expect(json(strayRun.stdout).error?.message).toContain('not-on-the-list 不在本次“文件中已无”清单中');

    const decisions = join(work, 'decisions.json');
    writeFileSync(decisions, JSON.stringify([{ id: missingId, action: '保留' }]));
    const run = cli(['import', file, '--decisions', decisions, '--json']);
    expect(run.status, run.stderr.slice(-400)).toBe(0);
    const out = json(run.stdout);
    expect(out.data!.refresh.changedHouseholds).toBe(1);
    expect(out.data!.refresh.missing).toEqual([expect.objectContaining({ id: missingId, householdCode: h5!.code, decision: { id: missingId, action: 'keep' } })]);
    expect(out.data!.parts.map((p) => [p.part, p.new, p.changed, p.unchanged])).toEqual([['households', 0, 1, 1]]);
    const after = await ledger();
    expect(after.households.get(h5!.code)).toMatchObject({ status: 'active' });
    expect(after.households.get(h1!.code)).toMatchObject({ kind: 'monitored', member_count: h1!.members.length + 1 });
    expect(after.audit.filter((a) => a.entity_id === missingId).map((a) => a.summary)).toContainEqual(
      `导入 10月名单.xlsx：户 ${h5!.code}（户主 ${h5!.members[0]!.name}）在文件中已无，经办人选择保留`,
    );
  });
});
