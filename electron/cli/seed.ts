import { openDatabase } from '../core/db/open';
import { readFlag } from '../core/dataDir';
import { generateTownship } from './seed/generator';
import { generateMonitoring } from './seed/monitoringGenerator';
import { seedCatalog, writeMonitoring } from './seed/monitoringWrite';
import { writeSeed } from './seed/write';
import { writePosts } from './seed/postsWrite';
import { writeEmployment } from './seed/employmentWrite';
import { writeWorkshops } from './seed/workshopsWrite';
import { writeFunds } from './seed/funds';
import { writeLoans } from './seed/loans';

const usage = `用法 / usage:
  npm run seed -- --data DIR [--households N] [--seed S] [--villages V]
                  [--county-code 350421 --township-code 350421101 --county-name 明溪县 --township-name 城关乡]
                  [--admin admin --password Admin1234] [--as-of YYYY-MM-DD] [--monitoring] [--posts] [--funds]
写入一个乡镇（或县规模）的示例数据到新的空数据文件夹。相同的 --seed 生成相同的数据。
--monitoring 另写入近三年的监测数据：年度标准、每户收入、监测对象（约为户数的 10%）及流程、帮扶措施、走访记录。
--posts 另写入公益性岗位、在岗人员（约每 15 户 1 人）、近 12 个月考勤和银行账号。
--funds 另写入五年的资金项目数据：200 个资金批次、600 个项目、约 2 万条拨付记录，以及约 3,000 笔小额信贷。
Writes a realistic township (or county-scale) data set into a new, empty data folder; deterministic per --seed.
--monitoring adds three years of thresholds, incomes, monitoring cases, measures and visits (scaled to --households).`;

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage);
    return 0;
  }
  const dataDir = readFlag(argv, '--data') ?? process.env.LEDGER_DATA_DIR;
  if (!dataDir) {
    console.error(`请用 --data 指定数据文件夹 / --data DIR is required\n\n${usage}`);
    return 2;
  }
  const int = (name: string, fallback: number) => {
    const v = readFlag(argv, name);
    const n = v === undefined ? fallback : Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} 应为非负整数 / must be a whole number: ${v}`);
    return n;
  };
  const countyCode = readFlag(argv, '--county-code') ?? '350421';
  const townshipCode = readFlag(argv, '--township-code') ?? `${countyCode}101`;
  const asOf = readFlag(argv, '--as-of') ?? new Date().toISOString().slice(0, 10);
  const villages = readFlag(argv, '--villages');
  const started = performance.now();
  const township = generateTownship({
    seed: int('--seed', 1),
    households: int('--households', 3000),
    countyCode,
    townshipCode,
    asOf,
    ...(villages ? { villages: int('--villages', 0) } : {}),
  });
  const { db } = await openDatabase({ dataDir });
  try {
    const counts = await writeSeed(
      db,
      township,
      {
        countyName: readFlag(argv, '--county-name') ?? '明溪县',
        countyCode,
        townshipName: readFlag(argv, '--township-name') ?? '城关乡',
        townshipCode,
        adminUsername: readFlag(argv, '--admin') ?? 'admin',
        adminPassword: readFlag(argv, '--password') ?? 'Admin1234',
      },
      new Date(),
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`已写入 ${township.villages.length} 个村、${counts.households} 户、${counts.members} 人，用时 ${seconds} 秒。`);
    const e = await writeEmployment(db, { seed: int('--seed', 1), asOf, now: new Date() });
    console.log(`务工记录：劳动年龄 ${e.labourAge} 人，其中 ${e.withSpells} 人有务工记录（共 ${e.spells} 条）。`);
    const w = await writeWorkshops(db, { seed: int('--seed', 1), asOf, now: new Date() });
    console.log(`帮扶车间：${w.workshops} 个，吸纳 ${w.staff} 人（务工记录渠道为就业帮扶车间）。`);
    if (argv.includes('--monitoring')) {
      const monitoringStarted = performance.now();
      const catalog = seedCatalog();
      const data = generateMonitoring(township, { seed: int('--seed', 1), asOf, catalog: catalog.types });
      const m = await writeMonitoring(db, township, data, new Date());
      const took = ((performance.now() - monitoringStarted) / 1000).toFixed(1);
      console.log(
        `监测数据：${m.thresholdYears} 个年度标准、${m.incomes} 条收入、${m.cases} 个监测对象（${m.steps} 个流程步骤）、` +
          `${m.measures} 条帮扶措施、${m.visits} 次走访，用时 ${took} 秒。`,
      );
    }
    if (argv.includes('--posts')) console.log(`公益性岗位：${JSON.stringify(await writePosts(db, asOf))}`);
    if (argv.includes('--funds')) {
      console.log(`资金项目数据：${JSON.stringify(await writeFunds(db, { seed: int('--seed', 1), asOf }))}`);
      console.log(`小额信贷：${JSON.stringify(await writeLoans(db, { seed: int('--seed', 1), asOf }))}`);
    }
    console.log(`登录名 ${readFlag(argv, '--admin') ?? 'admin'}，密码 ${readFlag(argv, '--password') ?? 'Admin1234'}（请登录后修改）。数据文件夹：${dataDir}`);
    return 0;
  } finally {
    await db.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
