import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { z } from 'zod';
import { jobStartedSchema } from '../../shared/contract/jobs';
import type { AppErrorShape } from '../../shared/lib/result';
import { createCore, type Core } from '../core/core';
import { databaseFileName } from '../core/db/open';
import { currentHolder, programLabels } from '../core/lock';
import { UsageError, type ParsedArgs } from './args';
import type { Lang } from './help';

// What every command shares: its outcome, the data folder, a core opened for it, a channel call,
// a job waited for, and the checks of its arguments.

/** The name the command line acts under in the audit log. */
export const cliActor = '命令行';
const systemSessionKey = `system-${cliActor}`;

export interface CommandOutcome {
  /** 0 ok, 1 failed, 2 usage, 3 problems found. */
  exitCode: 0 | 1 | 2 | 3;
  data?: unknown;
  error?: AppErrorShape | { code: string; message: string };
  /** What a person reads on stdout (human mode). */
  lines: string[];
}

/** A refusal from the core (or a job) that ends the command. */
export class CommandFailed extends Error {
  constructor(readonly error: AppErrorShape | { code: string; message: string }) {
    super(error.message);
  }
}

export interface CommandEnv {
  args: ParsedArgs;
  lang: Lang;
  /** Progress lines go to stderr; silenced by --quiet. */
  progress(line: string): void;
  readStdin(): Promise<string>;
  env: NodeJS.ProcessEnv;
  cwd: string;
  now(): Date;
}

export const t = (lang: Lang, zh: string, en: string): string => (lang === 'en' ? en : zh);

export function dataDirOf(env: CommandEnv, required: boolean): string | null {
  const flag = env.args.flags.get('--data') ?? env.env.LEDGER_DATA_DIR;
  if (!flag) {
    if (!required) return null;
    throw new UsageError(t(env.lang, '请用 --data 指定数据文件夹（或设置环境变量 LEDGER_DATA_DIR）', '--data DIR is required (or set LEDGER_DATA_DIR)'));
  }
  const dir = resolve(env.cwd, flag);
  if (!existsSync(join(dir, databaseFileName))) {
    throw new CommandFailed({
      code: 'NOT_FOUND',
      message: t(env.lang, `数据文件夹“${dir}”里没有台账数据文件（${databaseFileName}），请检查 --data`, `No ledger database (${databaseFileName}) in "${dir}"; check --data`),
    });
  }
  return dir;
}

export async function withCore<T>(dataDir: string, run: (core: Core) => Promise<T>, readOnly = false): Promise<T> {
  const core = await createCore({ dataDir, program: 'cli', readOnly, logError: (err) => console.error(err) });
  try {
    return await run(core);
  } finally {
    await core.close();
  }
}

/**
 * For commands that only read (export): the core as usual, or — when another program holds the
 * folder — a read-only one, so an export can be taken while the office works.
 */
export async function withReadingCore<T>(env: CommandEnv, dataDir: string, run: (core: Core) => Promise<T>): Promise<T> {
  const holder = currentHolder(dataDir);
  if (!holder) return withCore(dataDir, run);
  env.progress(t(env.lang, `数据文件夹正被“${programLabels[holder.program]}”使用，以只读方式打开`, `The data folder is in use (${holder.program}); opening it read-only`));
  return withCore(dataDir, run, true);
}

export async function call(core: Core, channel: string, input: unknown): Promise<unknown> {
  const result = await core.invokeAsSystem(cliActor, channel, input);
  if (!result.ok) throw new CommandFailed(result.error);
  return result.data;
}

/** Starts a job channel, prints its progress, waits, and returns its parsed result. */
export async function runJob<S extends z.ZodType>(core: Core, env: CommandEnv, channel: string, input: unknown, schema: S): Promise<z.output<S>> {
  const { jobId } = jobStartedSchema.parse(await call(core, channel, input));
  let last = '';
  const show = () => {
    try {
      const s = core.jobs.get(jobId, systemSessionKey);
      const line = s.total > 0 ? `${s.message} ${s.done}/${s.total}` : s.message;
      if (line !== last) env.progress(line);
      last = line;
    } catch {
      // The job is gone (finished and pruned): nothing to show.
    }
  };
  const timer = setInterval(show, 250);
  try {
    const snapshot = await core.jobs.wait(jobId);
    if (snapshot.status === 'failed') throw new CommandFailed(snapshot.error ?? { code: 'INTERNAL', message: '任务失败' });
    if (snapshot.status === 'cancelled') throw new CommandFailed({ code: 'CONFLICT', message: '任务已取消，数据未改动' });
    return schema.parse(snapshot.result);
  } finally {
    clearInterval(timer);
  }
}

export async function passphraseOf(env: CommandEnv): Promise<string | undefined> {
  const name = env.args.flags.get('--passphrase-env');
  if (name !== undefined) {
    const value = env.env[name];
    if (!value) throw new UsageError(t(env.lang, `环境变量 ${name} 没有设置或为空`, `Environment variable ${name} is not set or empty`));
    return value;
  }
  if (env.args.switches.has('--passphrase-stdin')) {
    const first = (await env.readStdin()).split(/\r?\n/)[0] ?? '';
    if (!first) throw new UsageError(t(env.lang, '标准输入的第一行没有口令', 'No passphrase on the first line of standard input'));
    return first;
  }
  return undefined;
}

export function requireFlag(env: CommandEnv, name: string, what: string): string {
  const v = env.args.flags.get(name);
  if (v === undefined || v.trim() === '') throw new UsageError(t(env.lang, `请用 ${name} 指定${what}`, `${name} is required`));
  return v;
}

export function onePositional(env: CommandEnv, what: string): string {
  const [first, ...rest] = env.args.positionals;
  if (!first) throw new UsageError(t(env.lang, `请给出${what}`, `Missing ${what}`));
  if (rest.length > 0) throw new UsageError(t(env.lang, `多余的参数：${rest.join(' ')}`, `Unexpected arguments: ${rest.join(' ')}`));
  return first;
}

export function noPositionals(env: CommandEnv): void {
  if (env.args.positionals.length > 0) {
    throw new UsageError(t(env.lang, `多余的参数：${env.args.positionals.join(' ')}`, `Unexpected arguments: ${env.args.positionals.join(' ')}`));
  }
}

export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
