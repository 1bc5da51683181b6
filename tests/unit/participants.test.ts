import { describe, expect, it } from 'vitest';
import { participantName, participantOf, participantProblem, participantText } from '../../shared/domain/participants';
import { approvers, investigators } from '../../electron/core/features/forms/documents/facts';
import { checkHomeCheck } from '../../shared/domain/workflow';
import type { CaseStep } from '../../shared/contract/monitoring';

describe('participants', () => {
  it.each([
    [{ role: '村委会主任', name: '陈刚' }, '陈刚（村委会主任）'],
    [{ role: '', name: '王干部' }, '王干部'],
    [{ role: ' 村民代表 ', name: ' 李四 ' }, '李四（村民代表）'],
  ])('keeps %j as %s and reads it back', (p, text) => {
    expect(participantText(p)).toBe(text);
    expect(participantOf(text)).toEqual({ role: p.role.trim(), name: p.name.trim() });
  });

  it('reads entries recorded before posts were asked for as they were', () => {
    expect(participantOf('村两委')).toEqual({ role: '', name: '村两委' });
    expect(participantName('县乡村振兴局')).toBe('县乡村振兴局');
  });

  it.each([
    [{ role: '', name: '' }, null],
    [{ role: '村民代表', name: '' }, '请填写村民代表的姓名'],
    [{ role: '', name: '陈刚、李四' }, '一栏只填一人的姓名；多人请点“添加人员”逐人填写'],
    [{ role: '主任(代)', name: '陈刚' }, '姓名和职务中不要加括号'],
    [{ role: '村委会主任', name: '陈刚' }, null],
  ])('%j: %s', (p, problem) => {
    expect(participantProblem(p)).toBe(problem);
  });
});

const step = (s: string, people: string[]): CaseStep => ({
  id: s,
  workflow: 'identification',
  round: 1,
  step: s,
  stepLabel: s,
  date: '2026-03-02',
  people,
  outcome: 'passed',
  note: null,
  details: {},
  recordedBy: '林主任',
  recordedAt: '2026-03-02T02:00:00.000Z',
});

describe('the forms name the person who signs, not the post', () => {
  it('村级评议 by 村委会主任 陈刚 and 村民代表 李四 is signed by 陈刚', () => {
    const steps = [step('villageReview', ['陈刚（村委会主任）', '李四（村民代表）']), step('townshipReview', ['林主任'])];
    expect(approvers(steps)).toEqual({ village: '陈刚', township: '林主任' });
  });

  it('the two investigators of 入户核实 sign by name', () => {
    expect(investigators([step('homeCheck', ['李明（驻村工作队员）', '赵强（帮扶责任人）'])], '王大山')).toEqual({ head: '王大山', investigator1: '李明', investigator2: '赵强' });
  });

  it('one person under two posts is one investigator', () => {
    const problem = checkHomeCheck({ workflow: 'elimination', people: ['李明（驻村工作队员）', '李明（帮扶责任人）'], outcome: 'passed' });
    expect(problem?.message).toMatch(/至少两名核查人员，当前只填写了 1 人/);
  });
});
