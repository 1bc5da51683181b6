import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestOffice } from './harness';
import { householdInput } from './householdsFixtures';

// The command line as county IT runs it: a child process on a real data folder.

const root = join(import.meta.dirname, '..', '..');
let dataDir: string;
let work: string;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}
function cli(args: string[], options: { input?: string; env?: Record<string, string> } = {}): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  delete env.LEDGER_DATA_DIR;
  delete env.LEDGER_CLI_LANG;
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'electron', 'cli', 'index.ts'), ...args], {
    cwd: root,
    env,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
function json(run: Run): { ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string } } {
  const lines = run.stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as { ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string } };
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
  dataDir = join(work, 'data');
  const office = await openTestOffice({ dataDir });
  await office.call('households.create', householdInput(office));
  await office.close();
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Each run starts Node with tsx (about a second or more): the files' tests get room beyond the default.
describe('help and usage', { timeout: 120_000 }, () => {
  it('prints Chinese help by default and English with --lang en', () => {
    const zh = cli(['--help']);
    expect(zh.status).toBe(0);
    expect(zh.stdout).toContain('用法：npm run cli -- <命令> --data 数据文件夹');
    expect(zh.stdout).toContain('退出码');
    const en = cli(['--help', '--lang', 'en']);
    expect(en.status).toBe(0);
    expect(en.stdout).toContain('Usage: npm run cli -- <command> --data DIR');
    expect(en.stdout).toContain('Exit codes');
  });

  it('usage errors exit with 2', () => {
    const unknown = cli(['frobnicate', '--data', dataDir]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('不认识的命令：frobnicate');
    expect(unknown.stderr).toContain('用法');

    expect(cli([]).status).toBe(2);
    const noData = cli(['backup']);
    expect(noData.status).toBe(2);
    expect(noData.stderr).toContain('--data');
    expect(cli(['export', '--data', dataDir, '--ledger', 'nonsense', '--out', work]).status).toBe(2);

    // A passphrase on the command line is refused outright (it would sit in the shell history).
    const plain = cli(['backup', '--data', dataDir, '--passphrase', 'secret123']);
    expect(plain.status).toBe(2);
    expect(plain.stderr).toContain('--passphrase-env');
    const unset = cli(['backup', '--data', dataDir, '--passphrase-env', 'NO_SUCH_VARIABLE_HERE']);
    expect(unset.status).toBe(2);

    const asJson = json(cli(['frobnicate', '--json']));
    expect(asJson).toMatchObject({ ok: false, error: { code: 'USAGE' } });
  });

  it('a folder without a ledger database is refused, not created', () => {
    const empty = join(work, 'empty');
    const r = cli(['check', '--data', empty]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('没有台账数据文件');
    expect(existsSync(join(empty, 'ledger.sqlite'))).toBe(false);
  });
});

describe('export filters as a person writes them', { timeout: 120_000 }, () => {
  it('takes a village by name or code and a group by name; an unknown key or village is a usage error', () => {
    const rowsOf = (filters: object): number => {
      const r = cli(['export', '--data', dataDir, '--ledger', 'households', '--format', 'csv', '--out', join(work, 'filtered/'), '--filters', JSON.stringify(filters), '--json']);
      expect(r.status).toBe(0);
      return Number(json(r).data?.rows);
    };
    const all = rowsOf({});
    expect(all).toBeGreaterThan(0);
    expect(rowsOf({ village: '坪埠村' })).toBe(all);
    expect(rowsOf({ village: '350421101001', group: '一组' })).toBe(all);
    expect(rowsOf({ village: '旦上村' })).toBe(0);
    expect(rowsOf({ villageId: '350421101002' })).toBe(0);

    const misspelt = cli(['export', '--data', dataDir, '--ledger', 'households', '--out', join(work, 'filtered/'), '--filters', '{"vilage":"坪埠村"}']);
    expect(misspelt.status).toBe(2);
    expect(misspelt.stderr).toContain('此台账不认识的条件：vilage');
    const noSuch = cli(['export', '--data', dataDir, '--ledger', 'households', '--out', join(work, 'filtered/'), '--filters', '{"village":"无此村"}']);
    expect(noSuch.status).toBe(2);
    expect(noSuch.stderr).toContain('本乡镇的村：坪埠村（350421101001）、旦上村（350421101002）');
    const noGroup = cli(['export', '--data', dataDir, '--ledger', 'households', '--out', join(work, 'filtered/'), '--filters', '{"village":"旦上村","group":"三组"}']);
    expect(noGroup.status).toBe(2);
    expect(noGroup.stderr).toContain('旦上村没有“三组”');
  });
});

describe('backup, check and restore', { timeout: 120_000 }, () => {
  it('check finds no backup (exit 3); after backup --json it passes (exit 0)', () => {
    const before = cli(['check', '--data', dataDir, '--json']);
    expect(before.status).toBe(3);
    const report = json(before);
    expect(report).toMatchObject({ ok: false, error: { code: 'PROBLEMS_FOUND' }, data: { integrity: ['ok'], foreignKeyProblems: [], pendingMigrations: [] } });

    const backup = cli(['backup', '--data', dataDir, '--json']);
    expect(backup.status).toBe(0);
    const run = json(backup);
    expect(run.ok).toBe(true);
    const file = String(run.data?.file);
    expect(existsSync(file)).toBe(true);
    expect(run.data?.sha256).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'));
    expect(run.data?.encrypted).toBe(false);

    const after = cli(['check', '--data', dataDir, '--json']);
    expect(after.status).toBe(0);
    expect(json(after)).toMatchObject({ ok: true, data: { ok: true, lastBackupAgeDays: 0, problems: [] } });

    // The text report is for a person: local time, Chinese words, no ISO UTC stamp.
    const text = cli(['check', '--data', dataDir]).stdout;
    expect(text).toMatch(/最近一次备份: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（/);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    expect(text).toContain('完整性检查: 正常');
  });

  it('encrypted backup from an environment variable; restore refuses a wrong passphrase from stdin (exit 1) and takes the right one', () => {
    const usb = join(work, 'usb');
    const passphrase = '县里统一的口令 2026';
    const backup = cli(['backup', '--data', dataDir, '--out', usb, '--passphrase-env', 'LEDGER_TEST_PASS'], { env: { LEDGER_TEST_PASS: passphrase } });
    expect(backup.status).toBe(0);
    const [name] = readdirSync(usb);
    expect(name).toMatch(/\.sqlite\.enc$/);
    expect(backup.stdout).toContain('已加密');

    const wrong = cli(['restore', join(usb, name!), '--data', dataDir, '--passphrase-stdin'], { input: 'not the passphrase\n' });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('口令不正确，无法解密备份文件');
    expect(readdirSync(join(dataDir, 'backups')).filter((n) => n.startsWith('pre-restore-'))).toEqual([]);

    const right = cli(['restore', join(usb, name!), '--data', dataDir, '--passphrase-stdin', '--json'], { input: `${passphrase}\n` });
    expect(right.status).toBe(0);
    const result = json(right);
    expect(result).toMatchObject({ ok: true, data: { officeName: '城关乡', signedOut: true } });
    expect(existsSync(String(result.data?.preRestoreFile))).toBe(true);
  });

  it('restore of a file that is not a backup fails with exit 1 and changes nothing', () => {
    const bogus = join(work, 'bogus.sqlite');
    writeFileSync(bogus, 'this is not a database at all, just some text long enough to be read');
    const r = cli(['restore', bogus, '--data', dataDir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/不是台账备份文件|损坏/);
    expect(cli(['check', '--data', dataDir]).status).toBe(0);
  });
});

describe('submission and verify', { timeout: 120_000 }, () => {
  it('verify exits 0 on an intact submission and 3 on a damaged one', () => {
    const out = join(work, 'submission');
    const made = cli(['submission', '--data', dataDir, '--quarter', '2026Q1', '--out', out, '--json']);
    if (made.status !== 0) throw new Error(`submission failed: ${made.stdout} ${made.stderr}`);
    const dir = String(json(made).data?.dir);
    expect(existsSync(join(dir, 'manifest.json'))).toBe(true);

    const intact = cli(['verify', dir]);
    expect(intact.status).toBe(0);

    const workbook = readdirSync(dir).find((n) => n.endsWith('.xlsx'))!;
    const bytes = readFileSync(join(dir, workbook));
    bytes[Math.floor(bytes.length / 2)] = bytes[Math.floor(bytes.length / 2)]! ^ 0xff;
    writeFileSync(join(dir, workbook), bytes);
    const damaged = cli(['verify', dir, '--json']);
    expect(damaged.status).toBe(3);
    const report = json(damaged);
    expect(report).toMatchObject({ ok: false, error: { code: 'PROBLEMS_FOUND' }, data: { altered: [workbook] } });
  });

  it('a bad quarter is the core’s usage refusal (exit 2)', () => {
    const r = cli(['submission', '--data', dataDir, '--quarter', '2026Q9', '--out', join(work, 'sub2')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('季度');
  });
});
