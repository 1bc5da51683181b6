import { pinyin } from 'pinyin-pro';
import { openDatabase } from '../../electron/core/db/open';
import { generateTownship } from '../../electron/cli/seed/generator';
import { generateMonitoring } from '../../electron/cli/seed/monitoringGenerator';
import { seedCatalog, writeMonitoring } from '../../electron/cli/seed/monitoringWrite';
import { writeSeed } from '../../electron/cli/seed/write';
import { expect, test } from './host';
import { login } from './steps';

// 工作台 (issue 14): sign in and land on the workbench, click a 待办 count into the ledger it
// counts (the same number listed), open a chart's numbers as a table, and find a household with
// the search box by the initials of its head's name.

const asOf = '2026-11-23';

function initials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' }).join('').toLowerCase();
}

test('the workbench: a to-do opens its filtered list, a chart shows its table, lj finds 刘建', async ({ page, host }) => {
  test.setTimeout(180_000);
  await host.stop();
  const township = generateTownship({ seed: 11, households: 300, countyCode: '350421', townshipCode: '350421101', asOf });
  // One 刘建 in the office, and no one else whose initials start with lj, so the first hit is his.
  const people = township.households.flatMap((h) => h.members);
  for (const m of people) if (initials(m.name).startsWith('lj')) m.name = `王${m.name.slice(1)}`;
  const target = township.households[0]!;
  const head = target.members.find((m) => m.relation === 'head')!;
  head.name = '刘建';
  const opened = await openDatabase({ dataDir: host.dataDir });
  await writeSeed(opened.db, township, { countyName: '明溪县', countyCode: '350421', townshipName: '城关乡', townshipCode: '350421101', adminUsername: 'admin', adminPassword: 'Admin1234' }, new Date(`${asOf}T01:00:00Z`));
  await writeMonitoring(opened.db, township, generateMonitoring(township, { seed: 11, asOf, catalog: seedCatalog().types }), new Date(`${asOf}T08:00:00Z`));
  await opened.db.destroy();
  host.setClock(asOf);
  await host.start();

  await page.goto(host.url);
  await login(page, 'admin', 'Admin1234');
  // The first page after sign-in on a busy two-core machine: the bundle with the charts takes a moment.
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('list', { name: '待办事项' })).toBeVisible();
  await expect(page.getByTestId('key-figures')).toContainText('在册农户');
  await page.screenshot({ path: 'tests/output/workbench.png', fullPage: true });

  // A to-do: the overdue visits, opened into 走访待办 showing exactly those.
  const todo = page.getByTestId('todo-visit.overdue').getByRole('link').first();
  const count = Number((await todo.locator('span').first().innerText()).replace(/,/g, ''));
  expect(count).toBeGreaterThan(0);
  await todo.click();
  await expect(page.getByRole('heading', { name: '走访待办' })).toBeVisible();
  await expect(page).toHaveURL(/#\/due$/);
  await expect(page.getByRole('radio', { name: '只看已逾期' })).toBeChecked();
  await expect(page.getByText(`共 ${count.toLocaleString('zh-CN')} 户`).first()).toBeVisible();

  // Another: identifications past their limit, opened into 监测对象台账 with that filter.
  await page.getByRole('link', { name: '工作台', exact: true }).click();
  const ident = page.getByTestId('todo-identification.overdue').getByRole('link').first();
  const identCount = Number((await ident.locator('span').first().innerText()).replace(/,/g, ''));
  await ident.click();
  await expect(page.getByRole('heading', { name: '监测对象台账' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: '时限' })).toHaveValue('deadline');
  await expect(page.getByText(`共 ${identCount.toLocaleString('zh-CN')} 个监测对象`)).toBeVisible();

  // A chart's numbers as a table.
  await page.getByRole('link', { name: '工作台', exact: true }).click();
  const chart = page.getByTestId('chart-各村监测户');
  await chart.getByRole('button', { name: '数据表' }).click();
  const table = chart.getByRole('table', { name: '各村监测户（数据表）' });
  await expect(table).toBeVisible();
  await expect(table.getByRole('columnheader', { name: '合计' })).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(township.villages.length + 1);

  // The search box (Ctrl+K), by the initials of the head's name; Enter opens the household.
  await page.keyboard.press('Control+K');
  const search = page.getByRole('textbox', { name: '查找内容' });
  await expect(search).toBeFocused();
  await search.fill('lj');
  await expect(page.getByRole('group', { name: '查找结果' }).getByText('刘建户')).toBeVisible();
  await page.getByRole('group', { name: '查找结果' }).getByRole('button', { name: /刘建户/ }).click();
  await expect(page.getByRole('heading', { name: /户主 刘建/ })).toBeVisible();
  await expect(page.getByText(target.householdCode).first()).toBeVisible();
});
