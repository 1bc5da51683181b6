// Help texts of the command line, in Chinese (default) and English (`--lang en`).

export type Lang = 'zh' | 'en';

const zh = `乡村振兴台账 命令行（与桌面程序使用同一套核心代码）

用法：npm run cli -- <命令> --data 数据文件夹 [选项…]

命令：
  import 文件 [--kind households|incomes|cases|measures|visits|loans]（不写 --kind：国家系统导出名单，户籍+收入+监测一次导入） [--mode all-or-nothing|valid-only] [--errors 错误清单.xlsx]
        导入 Excel/CSV：户籍与家庭成员、年度收入或监测对象。默认“全部成功才导入”；
        valid-only 只导入正确的行，其余写入错误清单（默认放在导入文件旁）。
        每月更新时，台账有而文件中已无的户和成员须逐项决定（不决定则不导入，退出码 2）：
        --missing keep 全部保留；--missing leave --leave-as 迁出|死亡|其他减员 --leave-reason 原因
        --leave-date 2026-11-30 全部减员；--decisions 文件.json 按编号逐项指定
        （[{"id":"…","action":"leave","status":"movedOut","date":"…","reason":"…"}]，其余按 --missing）。
  export --ledger households|monitoring|measures|visits|visitsDue|income [--format xlsx|csv] --out 文件或文件夹
        [--filters '{"village":"坪埠村"}']  导出一本台账（条件同页面上的筛选；村写村名或村代码）。
  submission --quarter 2026Q3 --out 文件夹      生成季度报送（台账、汇总表和 manifest.json）。
  verify 文件夹                                  按 manifest.json 核对报送文件是否缺失、被截断或改动。
  backup [--out 文件夹] [--passphrase-env 变量名 | --passphrase-stdin]
        立即备份；给出口令则加密（AES-256-GCM）。不带 --out 时放在数据文件夹的 backups/manual。
  restore 文件 [--passphrase-env 变量名 | --passphrase-stdin]
        从备份恢复：先检查备份是否完好，并把当前数据另存一份；恢复后所有人需重新登录。
        桌面程序或浏览器服务正在使用数据文件夹时拒绝恢复：请先关闭它，或在它的“备份与恢复”页恢复。
  check                                          检查数据文件：完整性、外键、待执行的升级、最近一次备份的时间。

通用选项：
  --data 文件夹     数据文件夹（含 ledger.sqlite）；也可用环境变量 LEDGER_DATA_DIR。
  --json            在标准输出打印一个 JSON 对象：{ "ok": true, "data": … } 或 { "ok": false, "error": … }。
  --quiet           不打印进度。
  --lang en         英文帮助和提示。
  --help            显示本帮助。

同一数据文件夹同时只能由一个程序写入（数据文件夹中的 ledger.lock 记录是谁在使用）。
它正被桌面程序或浏览器服务使用时，export、verify 和 check 以只读方式运行，其他命令拒绝执行。

口令不能写在命令行上：用 --passphrase-env 指定存放口令的环境变量名，或用 --passphrase-stdin 从标准输入读第一行。

退出码：0 成功；1 操作失败；2 用法错误；3 核对（verify/check）发现问题。

示例：
  npm run cli -- backup --data D:\\台账数据 --out E:\\备份 --passphrase-env LEDGER_BACKUP_PASS
  npm run cli -- check --data D:\\台账数据 --json`;

const en = `Township ledger command line (runs the same core code as the desktop program)

Usage: npm run cli -- <command> --data DIR [options…]

Commands:
  import FILE [--kind households|incomes|cases|measures|visits|loans] (no --kind: national export, all parts at once) [--mode all-or-nothing|valid-only] [--errors ERRORS.xlsx]
        Import an Excel/CSV file of households and members, yearly incomes or monitoring cases.
        Default all-or-nothing; valid-only applies the valid rows and writes the rest to an error
        workbook (next to the imported file unless --errors is given).
        A monthly refresh lists the households and people the ledger has and the file no longer
        lists; each needs a decision or nothing is imported (exit 2): --missing keep, or
        --missing leave --leave-as movedOut|dead|otherLeft --leave-reason TEXT --leave-date YYYY-MM-DD,
        or --decisions FILE.json ([{"id":"…","action":"keep"}], the rest by --missing).
  export --ledger households|monitoring|measures|visits|visitsDue|income [--format xlsx|csv] --out FILE|DIR
        [--filters '{"village":"坪埠村"}']  Export one ledger (filters as on its page; a village by name or code).
  submission --quarter 2026Q3 --out DIR      Write the quarterly submission (ledgers, summaries, manifest.json).
  verify DIR                                 Check a submission folder against its manifest.json.
  backup [--out DIR] [--passphrase-env VAR | --passphrase-stdin]
        Back up now; with a passphrase the file is encrypted (AES-256-GCM). Without --out it goes
        to backups/manual in the data folder.
  restore FILE [--passphrase-env VAR | --passphrase-stdin]
        Restore a backup: it is checked first and the current data is kept as a copy; everyone
        must sign in again. Refused while the desktop program or the browser host has the data
        folder open: close it first, or restore from its backups page.
  check                                      Check the data file: integrity, foreign keys, pending
                                             migrations, age of the last backup.

Common options:
  --data DIR        The data folder (holding ledger.sqlite); or the LEDGER_DATA_DIR environment variable.
  --json            Print one JSON object on stdout: { "ok": true, "data": … } or { "ok": false, "error": … }.
  --quiet           No progress lines.
  --lang en         English help and messages.
  --help            This help.

One program at a time writes to a data folder (ledger.lock in the folder names the holder). While
the desktop program or the browser host holds it, export, verify and check run read-only and the
other commands are refused.

A passphrase is never taken as an argument: name the environment variable that holds it with
--passphrase-env, or pass --passphrase-stdin to read the first line of standard input.

Exit codes: 0 ok; 1 the operation failed; 2 usage error; 3 verify/check found problems.

Examples:
  npm run cli -- backup --data /srv/ledger --out /media/usb/backups --passphrase-env LEDGER_BACKUP_PASS
  npm run cli -- check --data /srv/ledger --json`;

export function helpText(lang: Lang): string {
  return lang === 'en' ? en : zh;
}

/** A short line pointing at the help, after a usage error. */
export function seeHelp(lang: Lang): string {
  return lang === 'en' ? 'Run with --help for usage.' : '用 --help 查看用法。';
}
