import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { newOutboxFile } from '../../electron/core/files/store';
import { JobRegistry } from '../../electron/core/jobs';
import { adminPassword } from './harness';
import { useWebHost } from './webHostHarness';

// Files and long jobs as a clerk meets them: a picked file reaches the core only for a signed-in
// browser, a produced file goes back only to one, a document opens for printing with no room for
// scripts of its own, and a long job reports progress, can be cancelled, and is nobody else's.

const host = useWebHost();

interface Reply {
  status: number;
  body: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

function send(path: string, method: string, body?: Buffer | string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

async function signedInCookie(): Promise<string> {
  const login = await send('/api/users.login', 'POST', JSON.stringify({ username: 'admin', password: adminPassword }), { 'content-type': 'application/json' });
  const cookie = (login.headers['set-cookie'] as string[] | undefined)?.[0]?.split(';')[0];
  if (!cookie) throw new Error('no cookie');
  expect(JSON.parse(login.body.toString()).ok).toBe(true);
  return cookie;
}

describe('files through the browser host', () => {
  it('refuses an upload from a browser that has not signed in', async () => {
    const reply = await send('/upload?name=a.csv', 'POST', Buffer.from('x'), { 'content-type': 'application/octet-stream' });
    expect(JSON.parse(reply.body.toString())).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });

  it('stages the exact bytes a signed-in clerk uploads, under a safe name', async () => {
    const cookie = await signedInCookie();
    const bytes = Buffer.from('户编号,姓名\n0001,张三\n', 'utf8');
    const reply = await send(`/upload?name=${encodeURIComponent('..\\..\\村名单.csv')}`, 'POST', bytes, {
      'content-type': 'application/octet-stream',
      cookie,
    });
    const result = JSON.parse(reply.body.toString()) as { ok: boolean; data: { fileId: string; fileName: string; size: number } };
    expect(result.ok).toBe(true);
    expect(result.data.fileName).toBe('村名单.csv');
    expect(result.data.size).toBe(bytes.length);
  });

  it('hands a produced file only to a signed-in browser, as a download with its Chinese name', async () => {
    const out = newOutboxFile(host.office.dataDir, '户籍台账.csv');
    writeFileSync(out.path, '\ufeff户编号\n');
    const anonymous = await send(`/files/${out.fileId}`, 'GET');
    expect(anonymous.status).toBe(404);
    const cookie = await signedInCookie();
    const reply = await send(`/files/${out.fileId}`, 'GET', undefined, { cookie });
    expect(reply.status).toBe(200);
    expect(String(reply.headers['content-disposition'])).toContain(encodeURIComponent('户籍台账.csv'));
    expect(reply.body.toString('utf8')).toBe('\ufeff户编号\n');
  });

  it('opens a document for printing with a policy that allows no script but the print button', async () => {
    const out = newOutboxFile(host.office.dataDir, '识别公示.html');
    writeFileSync(out.path, '<!doctype html><p>公示</p>');
    const cookie = await signedInCookie();
    const reply = await send(`/print/${out.fileId}`, 'GET', undefined, { cookie });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toContain('text/html');
    expect(reply.headers['content-disposition']).toBeUndefined();
    expect(String(reply.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(reply.headers['content-security-policy'])).not.toContain('unsafe-eval');
    const helper = await send('/print-helper.js', 'GET');
    expect(helper.body.toString()).toContain('window.print()');
  });

  it('answers an unknown or malformed file id with 404, never a file outside the outbox', async () => {
    const cookie = await signedInCookie();
    expect((await send('/files/00000000-0000-7000-8000-000000000000', 'GET', undefined, { cookie })).status).toBe(404);
    const escape = await send('/files/..%2F..%2Fledger.sqlite', 'GET', undefined, { cookie });
    expect(escape.body.subarray(0, 15).toString()).not.toBe('SQLite format 3');
  });
});

describe('long jobs', () => {
  it('reports progress, ends with its result, and belongs to the session that started it', async () => {
    const jobs = new JobRegistry();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const id = jobs.start('test', 'window-1', async (control) => {
      control.report(3, 10, '正在读取第 3 行');
      await gate;
      return { rows: 10 };
    });
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(jobs.get(id, 'window-1')).toMatchObject({ status: 'running', done: 3, total: 10, message: '正在读取第 3 行' });
    expect(() => jobs.get(id, 'window-2')).toThrow(/找不到这项任务/);
    release();
    expect(await jobs.wait(id)).toMatchObject({ status: 'done', result: { rows: 10 }, done: 10 });
  });

  it('stops at the next check when the clerk cancels, and says nothing was changed', async () => {
    const jobs = new JobRegistry();
    let steps = 0;
    const id = jobs.start('test', 'w', async (control) => {
      for (;;) {
        control.throwIfCancelled();
        steps += 1;
        await new Promise((r) => setTimeout(r, 5));
      }
    });
    await new Promise((r) => setTimeout(r, 20));
    jobs.cancel(id, 'w');
    const end = await jobs.wait(id);
    expect(end.status).toBe('cancelled');
    expect(end.message).toContain('数据未改动');
    expect(steps).toBeGreaterThan(0);
  });

  it('turns a failure into the Chinese message of its error', async () => {
    const jobs = new JobRegistry(undefined, () => undefined);
    const id = jobs.start('test', 'w', async () => {
      throw new Error('disk on fire');
    });
    const end = await jobs.wait(id);
    expect(end.status).toBe('failed');
    expect(end.error?.message).toContain('程序内部错误');
  });

  it('reads job progress through jobs.get only for the session that started it', async () => {
    const clerk = await host.office.loginAs('clerk');
    const err = await host.office.fail('jobs.get', { jobId: '00000000-0000-7000-8000-000000000000' }, clerk);
    expect(err.code).toBe('NOT_FOUND');
  });
});
