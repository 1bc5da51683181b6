import { idCheckDigit } from '../../shared/domain/idNumber';
import { expect, test } from './host';
import { createHousehold, firstRunSetup, login } from './steps';

// Lost updates (issue 16, item 2): two browsers edit one household; the second save is refused
// with who changed it, what the second person typed stays in the form, and reloading is offered.

const id = (first17: string) => first17 + idCheckDigit(first17);

test('two pages edit one household: the second save shows the conflict and keeps the typed value', async ({ page, host, browser }) => {
  await firstRunSetup(page, host.url);
  await login(page, 'admin', 'Admin1234');
  await createHousehold(page, {
    code: '3504211010010001',
    village: '坪埠村',
    group: '一组',
    kind: '脱贫户',
    address: '坪埠村一组 1 号',
    people: [{ name: '张建国', idNumber: id('35042119750312001'), relation: '户主', education: '初中', labor: '普通劳动力' }],
  });
  await expect(page.getByRole('heading', { name: /户主 张建国/ })).toBeVisible();
  const householdUrl = page.url();

  // A second browser (its own session) opens the same household.
  const other = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const second = await other.newPage();
  await second.goto(host.url);
  await login(second, 'admin', 'Admin1234');
  await expect(second.getByRole('link', { name: '户籍台账', exact: true })).toBeVisible();
  await second.goto(householdUrl);
  await expect(second.getByRole('heading', { name: /户主 张建国/ })).toBeVisible();

  // Both start editing 户信息 before either saves.
  await page.getByRole('button', { name: '编辑', exact: true }).click();
  await second.getByRole('button', { name: '编辑', exact: true }).click();
  const firstForm = page.getByRole('form', { name: '编辑户信息' });
  const secondForm = second.getByRole('form', { name: '编辑户信息' });

  await firstForm.getByLabel('住址').fill('坪埠村一组 8 号');
  await firstForm.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByText('已修改：住址')).toBeVisible();

  await secondForm.getByLabel('住址').fill('坪埠村二组 9 号');
  await secondForm.getByRole('button', { name: '保存', exact: true }).click();
  const alert = second.getByRole('alert').filter({ hasText: '没有保存：记录已被他人修改' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(/此记录已被 林主任 于 \d{2}:\d{2} 修改，与您填写的不同之处：住址/);
  // What the second person typed is still there.
  await expect(secondForm.getByLabel('住址')).toHaveValue('坪埠村二组 9 号');

  // Reloading on request shows the first person's save.
  await alert.getByRole('button', { name: /载入最新内容/ }).click();
  await expect(secondForm.getByLabel('住址')).toHaveValue('坪埠村一组 8 号');
  await expect(alert).toBeHidden();
  await other.close();
});
