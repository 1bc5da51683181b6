import type { ChannelName, OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { postSettingsFor, type PostSettings } from '../../../../shared/domain/posts';
import { formatYuan } from '../../../../shared/lib/money';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { newRowMeta, touched } from '../../rows';
import { refuseStaleSave } from '../../staleSave';
import { postCatalog } from './catalog';
import * as repo from './repository';
import { rule } from './rule';

type In<C extends ChannelName> = ParsedInputOf<C>;

// 公益岗位 set-up: the shipped catalog, the yearly settings and the posts with their 公告.

export function catalog(): OutputOf<'posts.catalog'> {
  return postCatalog();
}

/** The settings in force on `date`: a saved year, else the program's defaults (like the thresholds). */
export async function settingsOn(db: repo.Db, date: string): Promise<PostSettings & { source: 'saved' | 'default' }> {
  return postSettingsFor((await repo.savedSettings(db)).map(repo.toSettings), date);
}

export async function settings(ctx: HandlerContext): Promise<OutputOf<'posts.settings'>> {
  const rows = await repo.savedSettings(ctx.db);
  return { saved: rows.map((r) => ({ ...repo.toSettings(r), id: r.id, version: r.version })), inForce: await settingsOn(ctx.db, ctx.today()) };
}

export async function saveSettings(ctx: HandlerContext, input: In<'posts.saveSettings'>): Promise<OutputOf<'posts.saveSettings'>> {
  if (input.minAge >= Math.min(input.maxAgeMale, input.maxAgeFemale)) {
    throw rule('最低年龄应低于年龄上限，请核对', 'minAge');
  }
  const { version, ...s } = input;
  const columns = {
    year: s.year,
    min_age: s.minAge,
    max_age_male: s.maxAgeMale,
    max_age_female: s.maxAgeFemale,
    warn_age: s.warnAge,
    notice_days: s.noticeDays,
    max_term_months: s.maxTermMonths,
  };
  return ctx.mutate(async (tx, audit) => {
    const existing = await tx.selectFrom('post_settings').selectAll().where('year', '=', s.year).where('deleted_at', 'is', null).executeTakeFirst();
    const summary = `年龄 ${s.minAge}–男${s.maxAgeMale}/女${s.maxAgeFemale} 周岁，${s.warnAge} 周岁提醒，公示 ${s.noticeDays} 天，协议最长 ${s.maxTermMonths} 个月`;
    let id: string;
    if (existing) {
      await refuseStaleSave(tx, existing, version, ctx.clock.now(), [{ path: 'year', label: `${s.year} 年公益岗设置` }]);
      await tx.updateTable('post_settings').set({ ...columns, ...touched(ctx) }).where('id', '=', existing.id).execute();
      id = existing.id;
      await audit.record({ entity: 'postSettings', entityId: id, summary: `修改 ${s.year} 年公益岗设置：${summary}`, before: repo.toSettings(existing) as unknown as Record<string, unknown>, after: s });
    } else {
      const meta = await newRowMeta(ctx);
      id = meta.id;
      await tx.insertInto('post_settings').values({ ...meta, ...columns }).execute();
      await audit.record({ entity: 'postSettings', entityId: id, summary: `录入 ${s.year} 年公益岗设置：${summary}`, after: s });
    }
    const row = (await tx.selectFrom('post_settings').selectAll().where('id', '=', id).executeTakeFirst())!;
    return { ...repo.toSettings(row), id, version: row.version };
  });
}

export function list(ctx: HandlerContext, input: In<'posts.list'>): Promise<OutputOf<'posts.list'>> {
  return repo.selectPosts(ctx.db, input);
}

function checkCatalog(input: In<'posts.save'>): void {
  const c = postCatalog();
  if (!c.postTypes.includes(input.postType)) throw rule(`岗位类型「${input.postType}」不在目录中，请从列表中选择`, 'postType');
  if (!c.categories.includes(input.category)) throw rule(`岗位类别「${input.category}」不在目录中，请从列表中选择`, 'category');
  if (!c.fundings.includes(input.funding)) throw rule(`资金渠道「${input.funding}」不在目录中，请从列表中选择`, 'funding');
}

export async function save(ctx: HandlerContext, input: In<'posts.save'>): Promise<OutputOf<'posts.save'>> {
  checkCatalog(input);
  const columns = {
    village_id: input.villageId,
    name: input.name,
    post_type: input.postType,
    category: input.category,
    funding: input.funding,
    employer: input.employer,
    subsidy_fen: input.subsidyFen,
    min_days: input.minDays,
    places: input.places,
    active: input.active ? 1 : 0,
  };
  return ctx.mutate(async (tx, audit) => {
    const village = await tx.selectFrom('villages').select('name').where('id', '=', input.villageId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!village) throw rule('请选择岗位所在的村', 'villageId');
    if (input.id) {
      const p = await repo.findPost(tx, input.id);
      if (!p) throw new AppError('NOT_FOUND', '找不到这个岗位，可能已被删除；请刷新');
      await refuseStaleSave(tx, p, input.version, ctx.clock.now(), [{ path: 'name', label: '岗位' }]);
      const holding = (await repo.selectPosts(tx, { id: p.id }))[0]?.holding ?? 0;
      if (input.places < holding) throw rule(`这个岗位已有 ${holding} 人在聘或在选聘中，岗位数不能少于 ${holding}`, 'places');
      if (input.villageId !== p.village_id && holding > 0) throw rule('岗位已有人员，不能改到其他村', 'villageId');
      await tx.updateTable('welfare_posts').set({ ...columns, ...touched(ctx) }).where('id', '=', p.id).execute();
      await audit.record({ entity: 'welfarePost', entityId: p.id, summary: `修改公益性岗位「${input.name}」（${village.name}）`, after: columns });
      return { id: p.id };
    }
    const meta = await newRowMeta(ctx);
    await tx.insertInto('welfare_posts').values({ ...meta, ...columns, announced_on: null, announce_note: null }).execute();
    await audit.record({
      entity: 'welfarePost',
      entityId: meta.id,
      summary: `新设公益性岗位「${input.name}」（${village.name}，${input.postType}，${formatYuan(input.subsidyFen)} 元/月，${input.places} 个）`,
      after: columns,
    });
    return { id: meta.id };
  });
}

export async function announce(ctx: HandlerContext, input: In<'posts.announce'>): Promise<OutputOf<'posts.announce'>> {
  if (input.date > ctx.today()) throw rule(`公告日期 ${input.date} 晚于今天，请填写实际发布的日期`, 'date');
  return ctx.mutate(async (tx, audit) => {
    const p = await repo.findPost(tx, input.id);
    if (!p) throw new AppError('NOT_FOUND', '找不到这个岗位；请刷新');
    if (p.active !== 1) throw rule('岗位已停用，不能发布招聘公告；请先启用岗位');
    await tx.updateTable('welfare_posts').set({ announced_on: input.date, announce_note: input.note, ...touched(ctx) }).where('id', '=', p.id).execute();
    await audit.record({ entity: 'welfarePost', entityId: p.id, summary: `岗位「${p.name}」发布招聘公告（${input.date}）` });
    return { id: p.id };
  });
}
