import { describe, expect, it } from 'vitest';
import { isNameList, MemberListDetector } from '../../electron/core/features/files/import/memberList';

describe('members listed in one cell', () => {
  it('tells a list of names from one name', () => {
    expect(isNameList('张三、李四')).toBe(true);
    expect(isNameList('张建国，王秀英， 张伟')).toBe(true);
    expect(isNameList('买买提·艾力 阿依古丽')).toBe(true);
    expect(isNameList('张建国')).toBe(false);
    expect(isNameList('3')).toBe(false);
  });

  it('flags a member column where many rows list several names, not a helper column with two helpers', () => {
    const headers = [
      { index: 1, header: '家庭成员' },
      { index: 2, header: '帮扶责任人姓名' },
    ];
    const one = new MemberListDetector(headers);
    one.add(3, ['张三、李四', '陈干部、林干部']);
    one.add(4, ['王五', '陈干部、林干部']);
    expect(one.problem()).toContain('“家庭成员”列，共 1 行，如第 3 行“张三、李四”');

    const helpersOnly = new MemberListDetector(headers);
    for (let line = 3; line < 10; line++) helpersOnly.add(line, ['王五', '陈干部、林干部']);
    expect(helpersOnly.problem()).toBeNull();
  });
});
