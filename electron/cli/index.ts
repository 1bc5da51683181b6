// 乡村振兴台账 command line: `npm run cli -- <command> --data DIR …` (see help.ts). It runs the same
// core as both hosts — createCore, then each channel as the administrator named 命令行 — so the
// rules, the audit log and the files it writes are exactly the window's.
import { parseArgs, UsageError, type ParsedArgs } from './args';
import { CommandFailed, commands, type CommandOutcome } from './commands';
import { helpText, seeHelp, type Lang } from './help';

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

function langOf(argv: readonly string[], env: NodeJS.ProcessEnv): Lang {
  const i = argv.indexOf('--lang');
  const flag = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--lang='))?.slice(7);
  const value = flag ?? env.LEDGER_CLI_LANG;
  return value?.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

function emit(outcome: CommandOutcome, json: boolean, lang: Lang): void {
  if (json) {
    const body =
      outcome.exitCode === 0
        ? { ok: true, data: outcome.data ?? null }
        : { ok: false, error: outcome.error ?? { code: 'INTERNAL', message: '' }, ...(outcome.data !== undefined ? { data: outcome.data } : {}) };
    process.stdout.write(`${JSON.stringify(body)}\n`);
    return;
  }
  for (const line of outcome.lines) process.stdout.write(`${line}\n`);
  if (outcome.exitCode !== 0 && outcome.error) process.stderr.write(`${lang === 'en' ? 'Error' : '错误'}：${outcome.error.message}\n`);
}

export async function main(argv: readonly string[]): Promise<number> {
  const lang = langOf(argv, process.env);
  const json = argv.includes('--json');
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    return usageFailure(err instanceof Error ? err.message : String(err), json, lang);
  }
  if (args.switches.has('--help') || args.switches.has('-h') || args.command === 'help') {
    process.stdout.write(`${helpText(lang)}\n`);
    return 0;
  }
  if (args.command === null) return usageFailure(lang === 'en' ? 'No command given.' : '请给出命令。', json, lang, true);
  const command = commands[args.command];
  if (!command) return usageFailure(lang === 'en' ? `Unknown command: ${args.command}` : `不认识的命令：${args.command}`, json, lang, true);

  const quiet = args.switches.has('--quiet');
  let outcome: CommandOutcome;
  try {
    outcome = await command({
      args,
      lang,
      progress: (line) => {
        if (!quiet) process.stderr.write(`${line}\n`);
      },
      readStdin,
      env: process.env,
      cwd: process.cwd(),
      now: () => new Date(),
    });
  } catch (err) {
    if (err instanceof UsageError) return usageFailure(err.message, json, lang);
    if (err instanceof CommandFailed) {
      // The core refused the input itself (a bad quarter, a short passphrase): a usage error.
      outcome = { exitCode: err.error.code === 'INVALID_INPUT' ? 2 : 1, error: err.error, lines: [] };
    } else {
      const message = err instanceof Error ? err.message : String(err);
      outcome = { exitCode: 1, error: { code: 'INTERNAL', message }, lines: [] };
    }
  }
  emit(outcome, json, lang);
  return outcome.exitCode;
}

function usageFailure(message: string, json: boolean, lang: Lang, withUsage = false): number {
  if (json) {
    process.stdout.write(`${JSON.stringify({ ok: false, error: { code: 'USAGE', message } })}\n`);
  } else {
    process.stderr.write(`${message}\n${withUsage ? `\n${helpText(lang)}\n` : seeHelp(lang)}\n`);
  }
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
