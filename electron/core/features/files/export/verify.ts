import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { manifestSchema, type Manifest, type VerifyReport } from '../../../../../shared/contract/fileExport';
import { AppError } from '../../../../../shared/lib/result';
import { isPlainFileName } from '../../../files/export/paths';
import { hashFile } from '../../../files/export/sink';

// 核验报送包: the office before handing the stick over, or the county on receiving it, checks
// the folder against manifest.json: every listed file present, whole and unchanged, nothing else.

/** The folder holding manifest.json: the one given, or its only submission subfolder. */
function manifestFolder(dir: string): string {
  if (existsSync(join(dir, 'manifest.json'))) return dir;
  let candidates: string[] = [];
  try {
    candidates = readdirSync(dir, { withFileTypes: true })
      // A hidden folder is a submission still being written (or killed midway): never a submission.
      .filter((e) => e.isDirectory() && !e.name.startsWith('.') && existsSync(join(dir, e.name, 'manifest.json')))
      .map((e) => e.name);
  } catch {
    // reported below
  }
  if (candidates.length === 1) return join(dir, candidates[0]!);
  if (candidates.length > 1) {
    throw new AppError('INVALID_INPUT', `"${dir}"中有 ${candidates.length} 份报送：${candidates.join('、')}。请填写其中一个报送文件夹的路径`, { dir: '请选择其中一份报送' });
  }
  throw new AppError('NOT_FOUND', `在"${dir}"中找不到报送清单 manifest.json。请选择报送文件夹（名称如"城关乡_2026Q3季度报送"）`, { dir: '找不到 manifest.json' });
}

export async function verifySubmission(input: { dir: string }): Promise<VerifyReport> {
  if (!isAbsolute(input.dir)) throw new AppError('INVALID_INPUT', '请填写报送文件夹的完整路径', { dir: '请填写完整路径' });
  const given = resolve(input.dir);
  let isDir: boolean;
  try {
    isDir = statSync(given).isDirectory();
  } catch {
    throw new AppError('NOT_FOUND', `找不到文件夹"${given}"。请确认 U 盘已插好、路径填写正确`, { dir: '文件夹不存在' });
  }
  if (!isDir) throw new AppError('INVALID_INPUT', `"${given}"不是文件夹`, { dir: '不是文件夹' });
  const dir = manifestFolder(given);

  let manifest: Manifest;
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
    if (!parsed.success) throw new Error('shape');
    manifest = parsed.data;
  } catch {
    throw new AppError('RULE', `"${dir}"中的 manifest.json 已损坏或不是本程序生成的报送清单，无法核验。请让报送单位重新生成报送`);
  }
  // The manifest names files in its own folder only: "../x", "/etc/x", "C:\\x" or a device name
  // would make the check read (and report on) files elsewhere on this computer.
  const outside = manifest.files.find((f) => !isPlainFileName(f.name));
  if (outside) {
    throw new AppError('RULE', `"${dir}"中的 manifest.json 列出了报送文件夹以外的文件"${outside.name}"，这份清单不可信，无法核验。请让报送单位重新生成报送`);
  }

  const missing: string[] = [];
  const truncated: string[] = [];
  const altered: string[] = [];
  const files: VerifyReport['files'] = [];
  const listed = new Set(manifest.files.map((f) => f.name));
  for (const f of manifest.files) {
    const path = join(dir, f.name);
    let size: number | null;
    try {
      const st = statSync(path);
      size = st.isFile() ? st.size : null;
    } catch {
      size = null;
    }
    if (size === null) {
      missing.push(f.name);
      files.push({ name: f.name, status: 'missing', expectedSize: f.size, size: null, rows: f.rows });
      continue;
    }
    if (size < f.size) {
      truncated.push(f.name);
      files.push({ name: f.name, status: 'truncated', expectedSize: f.size, size, rows: f.rows });
      continue;
    }
    const { sha256 } = await hashFile(path);
    const status = sha256 === f.sha256 && size === f.size ? 'ok' : 'altered';
    if (status === 'altered') altered.push(f.name);
    files.push({ name: f.name, status, expectedSize: f.size, size, rows: f.rows });
  }
  const extra = readdirSync(dir)
    .filter((name) => name !== 'manifest.json' && !listed.has(name))
    .sort();
  for (const name of extra) {
    let size: number | null;
    try {
      size = statSync(join(dir, name)).size;
    } catch {
      size = null;
    }
    files.push({ name, status: 'extra', expectedSize: null, size, rows: null });
  }
  return {
    ok: missing.length + extra.length + truncated.length + altered.length === 0,
    dir,
    office: manifest.office,
    quarter: manifest.quarter,
    quarterLabel: manifest.quarterLabel,
    createdBy: manifest.createdBy,
    createdAt: manifest.createdAt,
    missing,
    extra,
    truncated,
    altered,
    files,
  };
}
