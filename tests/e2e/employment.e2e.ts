import { idCheckDigit } from '../../shared/domain/idNumber';
import { expect, test } from './host';
import { createHousehold, firstRunSetup, login } from './steps';

// The quarter's 务工摸排 (issue 12, item 2): a round is opened, the village's checklist lists the
// labour-age member of a 脱贫户, a new job is recorded from the checklist at once, and the
// household page shows it under 务工记录 with the member marked as working.

const id = (first17: string) => first17 + idCheckDigit(first17);

test('a spell recorded in the 摸排 checklist shows on the household page', async ({ page, host }) => {
  test.setTimeout(180_000);
  await firstRunSetup(page, host.url);
  await login(page, 'admin', 'Admin1234');
  await createHousehold(page, {
    code: '3504211010010021',
    village: '坪埠村',
    group: '一组',
    kind: '脱贫户',
    address: '坪埠村一组 21 号',
    people: [{ name: '陈永福', idNumber: id('35042119850312001'), relation: '户主', education: '初中', labor: '普通劳动力' }],
  });
  await expect(page.getByRole('heading', { name: /户主 陈永福/ })).toBeVisible();
  await expect(page.getByText('尚无务工记录')).toBeVisible();

  await page.getByRole('link', { name: '季度务工摸排' }).click();
  await page.getByRole('button', { name: '建立本轮摸排' }).click();
  const rounds = page.getByRole('table', { name: '摸排轮次' });
  await expect(rounds.getByText('0 / 1 人')).toBeVisible();
  await rounds.getByRole('link', { name: /年第 \d 季度/ }).click();

  await page.getByRole('button', { name: '核对 坪埠村' }).click();
  const checklist = page.getByRole('table', { name: '摸排核对名单' });
  await expect(checklist.getByText('无务工记录')).toBeVisible();
  await checklist.getByRole('button', { name: '陈永福 登记新务工' }).click();

  const dialog = page.getByRole('dialog', { name: '登记务工记录' });
  await dialog.getByLabel('务工所在地').fill('广东省东莞市长安镇');
  await dialog.getByLabel('务工地域').selectOption({ label: '省外' });
  await dialog.getByLabel('务工企业名称').fill('东莞长安电子厂');
  await dialog.getByLabel('就业渠道').selectOption({ label: '有组织输出' });
  // The source is preset to 季度摸排 for a change recorded in the checklist.
  await expect(dialog.getByLabel('信息来源')).toHaveValue('survey');
  // A wage typed wrongly is refused beside the field with what to type.
  await dialog.getByLabel('月收入（元）').fill('四千五');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('月收入请填写数字（单位：元）')).toBeVisible();
  await dialog.getByLabel('月收入（元）').fill('4500');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();

  await expect(checklist.getByText('已登记变化')).toBeVisible();
  await expect(checklist.getByText(/广东省东莞市长安镇（省外） 东莞长安电子厂/)).toBeVisible();
  await expect(page.getByRole('table', { name: '各村进度' }).getByText('1 / 1 人')).toBeVisible();

  await checklist.getByRole('link', { name: '陈永福' }).click();
  const spells = page.getByRole('table', { name: '务工记录' });
  await expect(spells.getByText('广东省东莞市长安镇')).toBeVisible();
  await expect(spells.getByText('在岗')).toBeVisible();
  await expect(spells.getByText('4,500.00')).toBeVisible();
});
