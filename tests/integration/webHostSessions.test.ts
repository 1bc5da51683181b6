import { request } from 'node:http';
import { readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adminPassword } from './harness';
import { useWebHost } from './webHostHarness';

// Issue 16 #7 (part) and #12: the browser host's sessions and raw requests.
const host = useWebHost({ maxUploadBytes: 1024 * 1024 });

interface Reply {
  status: number;
  body: string;
  cookie: string | undefined;
}

function send(path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: init.method ?? 'POST', headers: { 'content-type': 'application/json', ...init.headers } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, cookie: res.headers['set-cookie']?.[0]?.split(';')[0] }));
      },
    );
    req.on('error', reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

/** Sends only the head of a request and a few bytes of its body, then waits for an answer. */
function sendHeadOnly(head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(host.port, '127.0.0.1');
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(`STILL OPEN: ${text}`);
    }, 3000);
    socket.on('data', (c: Buffer) => (text += c.toString()));
    // The host closes the connection after its answer instead of waiting for the rest.
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(text || 'NO ANSWER');
    });
    socket.on('error', reject);
    socket.write(head + 'partial body');
  });
}

/** A chunked upload (no Content-Length) of `size` bytes; resolves with the status and body. */
function chunkedUpload(cookie: string, size: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path: '/upload?name=big.csv', method: 'POST', headers: { cookie, 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', (err) => reject(err));
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    for (let sent = 0; sent < size; sent += chunk.length) req.write(chunk);
    req.end();
  });
}

describe('browser host sessions', () => {
  it('gives a fresh session id at sign-in, so a planted one is never signed in', async () => {
    const planted = 'ledger_sid=planted-by-someone-else-0123456789';
    const login = await send('/api/users.login', { body: JSON.stringify({ username: 'admin', password: adminPassword }), headers: { cookie: planted } });
    expect(JSON.parse(login.body).ok).toBe(true);
    expect(login.cookie).toMatch(/^ledger_sid=/);
    expect(login.cookie).not.toBe(planted);
    const asPlanted = await send('/api/users.me', { body: '{}', headers: { cookie: planted } });
    expect(JSON.parse(asPlanted.body).data.user).toBeNull();
    const asFresh = await send('/api/users.me', { body: '{}', headers: { cookie: login.cookie! } });
    expect(JSON.parse(asFresh.body).data.user.username).toBe('admin');
  });

  it('answers a malformed % in the address with 400, not 500', async () => {
    expect((await send('/api/users.%E0%A4%A', { body: '{}' })).status).toBe(400);
    expect((await send('/%E0%A4%A', { method: 'GET' })).status).toBe(400);
  });

  it('refuses an upload before sign-in with 401 without waiting for its body', async () => {
    const answer = await sendHeadOnly(
      `POST /upload?name=a.csv HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nContent-Type: application/octet-stream\r\nContent-Length: 104857600\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 401/);
    expect(answer).toContain('请先登录');
  });

  it('refuses a declared upload over the cap with 413 and a Chinese message, unread', async () => {
    const login = await send('/api/users.login', { body: JSON.stringify({ username: 'admin', password: adminPassword }) });
    const answer = await sendHeadOnly(
      `POST /upload?name=a.csv HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: ${login.cookie}\r\nContent-Type: application/octet-stream\r\nContent-Length: ${2 * 1024 * 1024}\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer).toContain('文件超过 1 MB');
  });

  it('streams an upload to the staging folder, and refuses one that grows past the cap leaving nothing behind', async () => {
    const login = await send('/api/users.login', { body: JSON.stringify({ username: 'admin', password: adminPassword }) });
    const ok = await chunkedUpload(login.cookie!, 512 * 1024);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).data.size).toBe(512 * 1024);
    const staging = join(host.office.dataDir, 'staging');
    const before = readdirSync(staging).length;
    const big = await chunkedUpload(login.cookie!, 3 * 1024 * 1024).catch(() => ({ status: 0, body: '' }));
    if (big.status !== 0) expect(big.status).toBe(413);
    await new Promise((r) => setTimeout(r, 200));
    expect(readdirSync(staging).length).toBe(before);
  });
});
