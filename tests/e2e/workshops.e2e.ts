import type { Page } from '@playwright/test';
import { idCheckDigit } from '../../shared/domain/idNumber';
import { expect, test } from './host';
import { firstRunSetup, login, typeDate } from './steps';

// 就业帮扶车间 (issue 12 item 5): a clerk registers a workshop with its 认定文号, adds five people of
// 脱贫户 to its roster from the household register, and the page shows the year's reward: the
// 5–9 人 tier of the default settings, and for each person why they count.

const id = (first17: string) => first17 + idCheckDigit(first17);

async function api<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const res = await page.request.post(`${new URL(page.url()).origin}/api/${channel}`, { data: input });
  const body = (await res.json()) as { ok: boolean; data?: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message ?? 'failed'}`);
  return body.data as T;
}

test('registers a workshop, adds its staff and shows the reward eligibility', async ({ page, host }) => {
  test.setTimeout(180_000);
  await host.stop();
  host.setClock('2026-11-20');
  await host.start();
  await firstRunSetup(page, host.url);
  await login(page, 'admin', 'Admin1234');
  await expect(page.getByRole('link', { name: '户籍台账', exact: true })).toBeVisible();

  const office = await api<{ villages: { id: string; groups: { id: string }[] }[] }>(page, 'settings.office', {});
  const village = office.villages[0]!;
  const names = ['吴一凤', '吴二凤', '吴三凤', '郑一林', '郑二林'];
  // Born 1980-01-1x; an even sequence number is a woman's (吴…凤), an odd one a man's (郑…林).
  const member = (i: number, relation: string) => ({ name: names[i]!, idNumber: id(`350421198001${10 + i}${String(i < 3 ? 2 * i + 2 : 2 * i + 1).padStart(3, '0')}`), relation, education: 'juniorHigh', labor: 'normal' });
  for (const [code, people] of [
    ['3504211010010041', [member(0, 'head'), member(1, 'sibling'), member(2, 'sibling')]],
    ['3504211010010042', [member(3, 'head'), member(4, 'sibling')]],
  ] as const) {
    await api(page, 'households.create', { householdCode: code, villageId: village.id, groupId: village.groups[0]!.id, address: '坪埠村一组', kind: 'povertyExited', members: people });
  }

  await page.getByRole('link', { name: '帮扶车间', exact: true }).click();
  await expect(page.getByText('还没有登记帮扶车间')).toBeVisible();
  await page.getByRole('button', { name: '登记帮扶车间' }).click();
  const form = page.getByRole('dialog', { name: '登记帮扶车间' });
  await form.getByLabel('车间名称').fill('坪埠村竹编帮扶车间');
  // A mistyped credit code is refused beside the field with what to check.
  await form.getByLabel('统一社会信用代码').fill('91110108551385082R');
  await form.getByLabel('所在村').selectOption({ label: '坪埠村' });
  await form.getByLabel('认定文号').fill('明人社〔2026〕8号');
  await typeDate(form.getByLabel('认定日期'), '2026-03-01');
  await form.getByRole('button', { name: '保存', exact: true }).click();
  await expect(form.getByRole('alert')).toContainText('校验位不对');
  await form.getByLabel('统一社会信用代码').fill('91110108551385082Q');
  await form.getByRole('button', { name: '保存', exact: true }).click();
  await expect(form).toBeHidden();
  await expect(page.getByRole('heading', { name: '坪埠村竹编帮扶车间' })).toBeVisible();
  await expect(page.getByText('尚无务工人员')).toBeVisible();

  for (const name of names) {
    await page.getByRole('button', { name: '登记务工人员' }).click();
    const dialog = page.getByRole('dialog', { name: /登记务工人员/ });
    await dialog.getByLabel('查找人员').fill(name);
    const select = dialog.getByLabel('务工人员');
    await expect(select.locator('option')).toHaveCount(2);
    await select.selectOption({ index: 1 });
    await typeDate(dialog.getByLabel('开始日期'), '2026-01-01');
    await dialog.getByLabel('月工资（元）').fill('1500');
    await dialog.getByRole('button', { name: '登记', exact: true }).click();
    await expect(dialog).toBeHidden();
  }

  const roster = page.getByRole('table', { name: '车间务工人员' });
  await expect(roster.getByRole('row')).toHaveCount(6);
  // January to November: 11 months at 1,500 元 — five 脱贫人口 reach the 5–9 人 tier; none has 12 months yet.
  await expect(page.getByText('2026 年可享奖补合计 10,000.00 元')).toBeVisible();
  await expect(page.getByText(/稳定就业脱贫人口 5 人（达到 5 人档）/)).toBeVisible();
  const people = page.getByRole('table', { name: '奖补计入人员' });
  await expect(people.getByRole('row', { name: /吴一凤/ })).toContainText('未满 12 个月，无稳岗奖补');

  await page.getByRole('link', { name: '帮扶车间台账', exact: true }).first().click();
  await expect(page.getByRole('heading', { name: '帮扶车间台账' })).toBeVisible();
  await expect(page.getByText('坪埠村竹编帮扶车间')).toBeVisible();
  await expect(page.getByText('10,000.00')).toBeVisible();
});
