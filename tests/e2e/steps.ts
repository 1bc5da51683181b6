import type { Locator, Page } from '@playwright/test';
import { expect } from './host';

// Steps several end-to-end tests share: what a clerk does before the part each test is about.

export async function firstRunSetup(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByText('首次设置').first()).toBeVisible();
  await page.getByLabel('县（市、区）名称').fill('明溪县');
  await page.getByLabel('县代码').fill('350421');
  await page.getByLabel('乡镇名称').fill('城关乡');
  await page.getByLabel('乡镇代码').fill('350421101');
  await page.getByLabel('办公电话').fill('0598-2812345');
  await page.getByLabel('村名').first().fill('坪埠村');
  await expect(page.getByLabel('村代码').first()).toHaveValue('350421101001');
  await page.getByLabel('村民小组').first().fill('一组、二组、三组');
  await page.getByLabel('登录名').fill('admin');
  await page.getByLabel('姓名').fill('林主任');
  await page.getByLabel('密码', { exact: true }).fill('Admin1234');
  await page.getByLabel('确认密码').fill('Admin1234');
  await page.getByRole('button', { name: '完成设置' }).click();
}

export async function login(page: Page, username: string, password: string): Promise<void> {
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
  await page.getByLabel('登录名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** The screen after signing in with a password an admin chose: nothing else opens until it is changed. */
export async function changeForcedPassword(page: Page, oldPassword: string, newPassword: string): Promise<void> {
  await expect(page.getByRole('heading', { name: '请修改密码' })).toBeVisible();
  await page.getByLabel('原密码').fill(oldPassword);
  await page.getByLabel('新密码', { exact: true }).fill(newPassword);
  await page.getByLabel('确认新密码').fill(newPassword);
  await page.getByRole('button', { name: '保存' }).click();
}

export interface PersonInput {
  name: string;
  idNumber: string;
  relation: string;
  education: string;
  labor: string;
}

/** 新建户 through the form; ends on the new household's page. */
export async function createHousehold(
  page: Page,
  h: { code: string; village: string; group: string; kind: string; address: string; people: readonly PersonInput[] },
): Promise<void> {
  await page.getByRole('link', { name: '户籍台账', exact: true }).click();
  await page.getByRole('link', { name: '新建户' }).click();
  // Wait for the form itself: the ledger's search box (姓名/身份证号/户编号) also answers to "户编号".
  await expect(page.getByRole('heading', { name: '新建户' })).toBeVisible();
  await page.getByRole('textbox', { name: /^户编号/ }).fill(h.code);
  await page.getByRole('combobox', { name: /^村/ }).selectOption({ label: h.village });
  await page.getByRole('combobox', { name: /^组/ }).selectOption({ label: h.group });
  await page.getByRole('combobox', { name: /^户类型/ }).selectOption({ label: h.kind });
  await page.getByLabel('住址').fill(h.address);
  for (const [i, p] of h.people.entries()) {
    if (i > 0) await page.getByRole('button', { name: '添加成员' }).click();
    const field = (label: string) => page.getByLabel(`第${i + 1}位成员 ${label}`, { exact: true });
    await field('姓名').fill(p.name);
    await field('身份证号').fill(p.idNumber);
    await field('与户主关系').selectOption({ label: p.relation });
    await field('文化程度').selectOption({ label: p.education });
    await field('劳动技能').selectOption({ label: p.labor });
  }
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByText('已新建户')).toBeVisible();
}

/**
 * Types a date into a date field as a clerk would (any of 2026-12-05, 20261205, 2026.12.5) and
 * leaves the field, so it shows the day it took in its own form.
 */
export async function typeDate(field: Locator, text: string): Promise<void> {
  await field.fill(text);
  await field.press('Tab');
}

/**
 * Fills a step's 参与人员, one row a person: `people` reads as a clerk would say it,
 * "村委会主任 陈刚、村民代表 李四" (a post is optional: "李明、赵强").
 */
export async function fillParticipants(form: Locator, people: string): Promise<void> {
  for (const [i, entry] of people.split('、').entries()) {
    const parts = entry.trim().split(/\s+/);
    const name = parts.pop() ?? '';
    const nameField = form.getByLabel(`第${i + 1}位参与人员 姓名`, { exact: true });
    if ((await nameField.count()) === 0) await form.getByRole('button', { name: '添加人员' }).click();
    if (parts.length > 0) await form.getByLabel(`第${i + 1}位参与人员 职务`, { exact: true }).fill(parts.join(' '));
    await nameField.fill(name);
  }
}

/** Opens one tab of the case page (概况 / 流程 / 措施 / 走访 / 表单与签字 / 时间线). */
export async function caseTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('tab', { name, exact: true });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}
