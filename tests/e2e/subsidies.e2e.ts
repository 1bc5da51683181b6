import { idCheckDigit } from '../../shared/domain/idNumber';
import { expect, test } from './host';
import { createHousehold, firstRunSetup, login, typeDate } from './steps';

// 培训与补贴 (issue 12 item 6): a person who has worked out of the province since June gets a
// 一次性交通补助 from the year's tier (400 元 by default); the application is approved and put on
// a 交通补助 payment list in one click.

const id = (first17: string) => first17 + idCheckDigit(first17);

test('a transport subsidy is applied for, approved and put on a payment list', async ({ page, host }) => {
  test.setTimeout(180_000);
  await firstRunSetup(page, host.url);
  await login(page, 'admin', 'Admin1234');
  await createHousehold(page, {
    code: '3504211010010031',
    village: '坪埠村',
    group: '一组',
    kind: '脱贫户',
    address: '坪埠村一组 31 号',
    people: [{ name: '林春生', idNumber: id('35042119880415001'), relation: '户主', education: '初中', labor: '普通劳动力' }],
  });
  await expect(page.getByRole('heading', { name: /户主 林春生/ })).toBeVisible();

  await page.getByRole('button', { name: '登记务工' }).click();
  const spell = page.getByRole('dialog', { name: '登记务工记录' });
  await spell.getByLabel('务工所在地').fill('浙江省宁波市北仑区');
  await spell.getByLabel('务工地域').selectOption({ label: '省外' });
  await spell.getByLabel('就业渠道').selectOption({ label: '自主外出' });
  await typeDate(spell.getByLabel('开始日期'), '2026-06-01');
  await spell.getByLabel('月收入（元）').fill('5000');
  await spell.getByRole('button', { name: '保存' }).click();
  await expect(spell).toBeHidden();

  await page.getByRole('link', { name: '培训与补贴' }).click();
  await page.getByRole('button', { name: '登记补贴申请' }).click();
  const apply = page.getByRole('dialog', { name: '登记就业补贴申请' });
  await apply.getByRole('combobox', { name: '申请人' }).fill('林春生');
  await page.getByRole('option', { name: /林春生（坪埠村/ }).click();
  await expect(apply.getByText('符合条件：400.00 元')).toBeVisible();
  await expect(apply.getByText(/省外务工 2026-06-01 至/)).toBeVisible();
  await apply.getByRole('button', { name: '登记申请' }).click();
  await expect(apply).toBeHidden();

  const ledger = page.getByRole('table', { name: '就业补贴申请' });
  await expect(ledger.getByText('待审核')).toBeVisible();
  await ledger.getByText('林春生').click();
  const decide = page.getByRole('dialog', { name: '审核补贴申请' });
  await expect(decide.getByText(/一次性交通补助：400.00 元/)).toBeVisible();
  await decide.getByRole('button', { name: '确定' }).click();
  await expect(decide).toBeHidden();
  await expect(ledger.getByText('已审核通过')).toBeVisible();

  await page.getByRole('button', { name: '已审核的一次性交通补助列入发放清册' }).click();
  await expect(page).toHaveURL(/\/payments\//);
  await expect(page.getByText(/全乡 \d{4} 年一次性交通补助/).first()).toBeVisible();
  await expect(page.getByText('林春生').first()).toBeVisible();
  await expect(page.getByText('400.00').first()).toBeVisible();
});
