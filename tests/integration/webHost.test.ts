import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { adminPassword } from './harness';
import { useWebHost } from './webHostHarness';

const host = useWebHost();

interface Reply {
  status: number;
  body: string;
  cookie: string | undefined;
}

function send(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const body = init.body === undefined ? undefined : JSON.stringify(init.body);
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: init.method ?? 'POST', headers: { 'content-type': 'application/json', ...init.headers } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, cookie: res.headers['set-cookie']?.[0]?.split(';')[0] }));
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

describe('the browser host', () => {
  it('serves the page and gives each browser its own session cookie', async () => {
    const page = await send('/', { method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('乡村振兴台账');
    expect(page.cookie).toMatch(/^ledger_sid=/);
  });

  it('signs in through the same core and keeps the session in the cookie', async () => {
    const anon = await send('/api/users.login', { body: { username: 'admin', password: adminPassword } });
    expect(JSON.parse(anon.body)).toMatchObject({ ok: true, data: { user: { username: 'admin' } } });
    const me = await send('/api/users.me', { body: {}, headers: { cookie: anon.cookie! } });
    expect(JSON.parse(me.body)).toMatchObject({ ok: true, data: { user: { role: 'admin' } } });
    const stranger = await send('/api/households.list', { body: {} });
    expect(JSON.parse(stranger.body)).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });

  it('refuses other origins, other host names, non-JSON posts and unknown channels', async () => {
    const evil = await send('/api/users.me', { body: {}, headers: { origin: 'http://evil.example' } });
    expect(evil.status).toBe(403);
    const rebinding = await send('/api/users.me', { body: {}, headers: { host: `ledger.example:${host.port}` } });
    expect(rebinding.status).toBe(403);
    const form = await send('/api/users.me', { body: {}, headers: { 'content-type': 'text/plain' } });
    expect(form.status).toBe(415);
    const own = await send('/api/users.me', { body: {}, headers: { origin: `http://127.0.0.1:${host.port}` } });
    expect(own.status).toBe(200);
    const unknown = await send('/api/audit.delete', { body: {} });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('answers bad input with a Chinese message and the fields to fix', async () => {
    const r = await send('/api/users.login', { body: { username: '', password: '' } });
    const parsed = JSON.parse(r.body) as { ok: boolean; error: { code: string; message: string; fields: Record<string, string> } };
    expect(parsed.error.code).toBe('INVALID_INPUT');
    expect(parsed.error.fields).toEqual({ username: '请填写登录名', password: '请填写密码' });
    expect(parsed.error.message).toBe('请填写登录名（共 2 处需要修改）');
  });
});
