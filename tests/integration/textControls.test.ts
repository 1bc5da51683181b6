// Invisible characters (issue 16, item 14): a right-to-left override prints a name backwards on a
// notice, so names are refused at the contract, through the core and through the import alike.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stageUpload } from '../../electron/core/files/store';
import type { ImportPreview } from '../../shared/contract/fileImport';
import { simpleXlsx } from '../fixtures/importWorkbooks';
import { openTestOffice, type TestOffice } from './harness';
import { householdInput, idOf, member, zhangSan } from './householdsFixtures';

let office: TestOffice;
beforeEach(async () => {
  office = await openTestOffice();
});
afterEach(async () => {
  await office.close();
});

describe('names with invisible controls', () => {
  it('refuses a household whose member name holds a bidi override, and writes nothing', async () => {
    const err = await office.fail('households.create', householdInput(office, { members: [member('\u202e三张', zhangSan, 'head')] }));
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.fields?.['members.0.name']).toBe('姓名中含有改变文字方向的不可见字符，请删除后重新输入');
    expect(await office.core.db.selectFrom('households').select('id').execute()).toHaveLength(0);
  });

  it('refuses NUL and an escape sequence in a member edit and an address, keeping the stored values', async () => {
    const { id } = await office.call('households.create', householdInput(office));
    const { members } = await office.call('households.get', { id });
    const err = await office.fail('households.updateMember', { id: members[0]!.id, patch: { name: '张\u0000三' } });
    expect(err.fields?.['patch.name']).toBe('姓名中含有不可见的控制字符，请删除后重新输入');
    const addr = await office.fail('households.update', { id, patch: { address: '坪埠村\u001b[2J一组' } });
    expect(addr.fields?.['patch.address']).toBe('住址中含有不可见的控制字符，请删除后重新输入');
    const after = await office.call('households.get', { id });
    expect(after.members[0]!.name).toBe('张三');
    expect(after.household.address).toBe('坪埠村一组 8 号');
  });

  it('stores names in NFC', async () => {
    await office.call('households.create', householdInput(office, { members: [member('Zoe\u0301', zhangSan, 'head')] }));
    const row = await office.core.db.selectFrom('members').select('name').executeTakeFirstOrThrow();
    expect(row.name).toBe('Zo\u00e9');
  });

  it('the import reports a row whose name holds a bidi override as an error with its line number', async () => {
    const headers = ['户编号', '行政村', '自然村', '户类型', '姓名', '证件号码', '与户主关系', '文化程度', '劳动技能'];
    const row = (code: string, name: string, id: string) => [code, '坪埠村', '一组', '脱贫户', name, id, '户主', '初中', '普通劳动力'];
    const bytes = await simpleXlsx(headers, [
      row('3504211010010001', '张三', idOf('19650312', 11)),
      row('3504211010010002', '\u202e四李', idOf('19680720', 22)),
      row('3504211010010003', '王五', idOf('19700101', 31)),
    ]);
    const staged = stageUpload(office.dataDir, '户籍.xlsx', bytes);
    const { jobId } = await office.call('files.importPreview', { fileId: staged.fileId, kind: 'households' });
    const snap = await office.core.jobs.wait(jobId);
    expect(snap.status).toBe('done');
    const preview = snap.result as ImportPreview;
    expect(preview.counts).toMatchObject({ new: 2, invalid: 1 });
    expect(preview.invalidRows).toEqual([{ line: 3, reason: expect.stringMatching(/^第 3 行：.*姓名中含有改变文字方向的不可见字符/) }]);
  });
});
