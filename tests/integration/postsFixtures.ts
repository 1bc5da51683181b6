// Shared steps of the posts and payments integration tests: a household, a post, a full hiring.
import type { TestOffice } from './harness';
import { householdInput, idOf, member } from './householdsFixtures';

export async function makeHousehold(o: TestOffice, code: string, seq: number) {
  const members = [
    member('王大山', idOf('19650312', 10 + seq * 2 + 1), 'head'),
    member('刘秀英', idOf('19700720', 20 + seq * 2), 'spouse'),
    member('王小军', idOf('19950105', 30 + seq * 2 + 1), 'son'),
  ];
  const { id } = await o.call('households.create', householdInput(o, { householdCode: code, members }));
  const detail = await o.call('households.get', { id });
  const byName = (n: string) => detail.members.find((m) => m.name === n)!.id;
  return { id, head: byName('王大山'), spouse: byName('刘秀英'), son: byName('王小军') };
}

export async function makePost(o: TestOffice, over: Record<string, unknown> = {}) {
  const { id } = await o.call('posts.save', {
    villageId: o.villages[0]!.id,
    name: '坪埠村保洁员',
    postType: '保洁员',
    category: '普通',
    funding: '衔接资金',
    subsidyFen: 50_000,
    minDays: 3,
    places: 2,
    ...over,
  });
  return id;
}

export const people = ['村支书', '村主任'];

/** 公告 → 申报 → 村评议 → 乡审核 → 公示 → 签协议 → 在岗, as the admin (who may sign 乡审核). */
export async function hire(o: TestOffice, postId: string, memberId: string, start = '2026-05-01', end = '2027-04-30') {
  const { id } = await o.call('posts.apply', { postId, memberId, date: '2026-04-10' });
  await o.call('posts.recordStep', { id, step: 'villageReview', date: '2026-04-12', people });
  await o.call('posts.recordStep', { id, step: 'townshipReview', date: '2026-04-14', people: ['乡镇领导'] });
  await o.call('posts.recordStep', { id, step: 'notice', date: '2026-04-15', people, noticeStart: '2026-04-15', noticeEnd: '2026-04-17' });
  const signed = await o.call('posts.recordStep', { id, step: 'sign', date: '2026-04-20', people, agreementType: 'service', startDate: start, endDate: end });
  await o.call('posts.recordStep', { id, step: 'onDuty', date: start, people });
  return { id, warnings: signed.warnings };
}

