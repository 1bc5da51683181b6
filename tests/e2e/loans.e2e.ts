import { idCheckDigit } from '../../shared/domain/idNumber';
import { expect, test } from './host';
import { createHousehold, firstRunSetup, login, typeDate } from './steps';

// 脱贫人口小额信贷 (issue 13 item 6): a loan is recorded on the household page as the bank made
// it (a forbidden use is kept, with the warning), a repayment lowers the balance, and the
// 小额信贷台账 lists it with its balance and warning.

const id = (first17: string) => first17 + idCheckDigit(first17);

test('a loan recorded on the household page, repaid in part, shows on the 小额信贷台账', async ({ page, host }) => {
  test.setTimeout(180_000);
  await firstRunSetup(page, host.url);
  await login(page, 'admin', 'Admin1234');
  await createHousehold(page, {
    code: '3504211010010031',
    village: '坪埠村',
    group: '一组',
    kind: '脱贫户',
    address: '坪埠村一组 31 号',
    people: [{ name: '林春生', idNumber: id('35042119800312001'), relation: '户主', education: '初中', labor: '普通劳动力' }],
  });
  await expect(page.getByText('尚无小额信贷')).toBeVisible();
  await page.getByRole('button', { name: '登记贷款' }).click();

  const dialog = page.getByRole('dialog', { name: '登记小额信贷' });
  await dialog.getByLabel('贷款银行').fill('县农商银行');
  await dialog.getByLabel('合同编号').fill('NS2026-0101');
  await dialog.getByLabel('贷款金额（元）').fill('50000');
  await dialog.getByLabel('年利率（%）').fill('3.45');
  await typeDate(dialog.getByLabel('放款日'), '2025.6.1');
  await typeDate(dialog.getByLabel('到期日'), '20280601');
  // Without a use, the form says what to choose.
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('请选择贷款用途')).toBeVisible();
  await dialog.getByLabel('贷款用途').selectOption({ label: '建房' });
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/林春生 的小额信贷已保存。请注意：用途“建房”不符合政策/)).toBeVisible();

  const loans = page.getByRole('table', { name: '小额信贷' });
  await expect(loans.getByRole('row', { name: /林春生 县农商银行 NS2026-0101 50,000.00 .* 50,000.00 正常/ })).toBeVisible();
  await expect(loans.getByText('1 项提示')).toBeVisible();
  await loans.getByRole('button', { name: /林春生 的贷款 NS2026-0101 的还款与贴息/ }).click();

  const detail = page.getByRole('dialog', { name: '小额信贷明细' });
  await expect(detail.getByText('尚无还款或贴息记录')).toBeVisible();
  await detail.getByLabel('归还本金（元）').fill('20000');
  await detail.getByLabel('支付利息（元）').fill('862.5');
  await detail.getByRole('button', { name: '登记', exact: true }).click();
  await expect(detail.getByText(/尚欠本金 30,000.00 元/)).toBeVisible();
  await expect(detail.getByRole('table', { name: '还款与贴息记录' }).getByText('20,000.00')).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByRole('link', { name: '小额信贷台账' }).click();
  const ledger = page.getByRole('grid', { name: '小额信贷台账' }).or(page.getByRole('table', { name: '小额信贷台账' }));
  await expect(ledger.getByText('NS2026-0101')).toBeVisible();
  await expect(ledger.getByText('30,000.00')).toBeVisible();
  await expect(page.getByText(/共 1 笔，余额 30,000.00 元，逾期 0 笔/)).toBeVisible();

  // The year's rules: not saved yet, the page says the values are the program's starting ones.
  await page.getByRole('link', { name: '小额信贷参数' }).click();
  await expect(page.getByText(/小额信贷参数尚未保存/)).toBeVisible();
  await page.getByLabel('贴息比例（%）').fill('80');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText(/年小额信贷参数已保存/)).toBeVisible();
  await expect(page.getByText(/小额信贷参数尚未保存/)).toBeHidden();
});
