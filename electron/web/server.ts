import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type { Core } from '../core/core';
import { printViewScript } from '../core/features/print/previewScript';

const maxBodyBytes = 20 * 1024 * 1024;
const defaultMaxUploadBytes = 300 * 1024 * 1024;
const cookieName = 'ledger_sid';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
};

export interface WebHostOptions {
  core: Core;
  staticDir: string;
  /** The largest upload accepted (300 MB; tests use less). */
  maxUploadBytes?: number;
}

/**
 * The browser host: the same handler registry as the Electron window, over HTTP on loopback only.
 * Each browser gets a session cookie; requests from any other origin or Host are refused, so a web
 * page open in the same browser cannot drive the ledger (CSRF, DNS rebinding).
 */
export function createWebHost({ core, staticDir, maxUploadBytes = defaultMaxUploadBytes }: WebHostOptions): Server {
  const megabytes = Math.round(maxUploadBytes / 1024 / 1024);
  const tooLarge = { ok: false, error: { code: 'INVALID_INPUT', message: `文件超过 ${megabytes} MB，请拆分后再导入` } };
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error(err);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: '本机服务出错，请刷新页面重试' } });
    });
  });

  function allowedHosts(): Set<string> {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const hosts = allowedHosts();
    if (!hosts.has(req.headers.host ?? '')) return refuse(res, '只接受本机地址的访问');
    const origin = req.headers.origin;
    if (origin !== undefined && !hosts.has(origin.replace(/^http:\/\//, ''))) return refuse(res, '拒绝来自其他网站的请求');

    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const pathname = decodePath(url.pathname);
    if (pathname === null) return sendJson(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: '地址中有无效的 % 编码，请检查地址' } });
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'INVALID_INPUT', message: '请用 POST 调用' } });
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendJson(res, 415, { ok: false, error: { code: 'INVALID_INPUT', message: '请求格式应为 JSON' } });
      }
      const channel = pathname.slice('/api/'.length);
      let input: unknown;
      try {
        input = JSON.parse((await readBody(req)) || '{}');
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: '请求内容不是有效的 JSON' } });
      }
      const sid = sessionId(req, res);
      const result = await core.invoke(channel, input, sid);
      // A fresh session id at sign-in: an id the browser brought along (or someone planted in it)
      // never becomes a signed-in session.
      if (channel === 'users.login' && result.ok) core.renewSession(sid, newSession(res));
      return sendJson(res, 200, result);
    }
    if (url.pathname === '/upload') return upload(url, req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, '不支持的请求');
    if (url.pathname === '/print-helper.js') return sendPrintHelper(res);
    const produced = /^\/(files|print)\/([0-9a-f-]{36})$/.exec(url.pathname);
    if (produced) return serveProduced(produced[1] === 'print', produced[2]!, req, res);
    return serveStatic(pathname, req, res);
  }

  // The browser's file picker sends the bytes here (the desktop copies them from its open dialog).
  async function upload(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'INVALID_INPUT', message: '请用 POST 上传' } });
    if (!(req.headers['content-type'] ?? '').startsWith('application/octet-stream')) {
      return sendJson(res, 415, { ok: false, error: { code: 'INVALID_INPUT', message: '上传格式应为 application/octet-stream' } });
    }
    // Signed in first, size second, and only then the body: a stranger's upload is never read.
    const sid = sessionId(req, res);
    if (!core.isSignedIn(sid)) return refuseUnread(req, res, 401, { ok: false, error: { code: 'NOT_SIGNED_IN', message: '请先登录后再上传文件' } });
    const declared = Number(req.headers['content-length'] ?? Number.NaN);
    if (declared > maxUploadBytes) return refuseUnread(req, res, 413, tooLarge);
    const name = url.searchParams.get('name') ?? '文件';
    try {
      // Written to the staging folder as it arrives, never held whole in memory.
      const staged = await core.stageUploadStream(sid, name, limited(req, maxUploadBytes));
      return sendJson(res, 200, { ok: true, data: staged });
    } catch (err) {
      if (err instanceof TooLarge) return refuseUnread(req, res, 413, tooLarge);
      throw err;
    }
  }

  // A produced file: /files/ID downloads it; /print/ID shows a document in the tab for the
  // browser's own print (or 另存为 PDF). Only the signed-in session that may read files gets it.
  function serveProduced(inline: boolean, fileId: string, req: IncomingMessage, res: ServerResponse): void {
    const file = core.outboxFile(sessionId(req, res), fileId);
    if (!file) {
      res.writeHead(404, { ...securityHeaders, 'content-type': 'text/plain; charset=utf-8' });
      res.end('找不到这个文件：可能已过期，或尚未登录。请回到程序重新生成。');
      return;
    }
    const ext = extname(file.fileName).toLowerCase();
    const headers: Record<string, string> = {
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      'content-length': String(file.size),
    };
    if (inline && (ext === '.html' || ext === '.htm')) {
      Object.assign(headers, {
        'content-type': 'text/html; charset=utf-8',
        // The document has no scripts of its own: only the print button's helper from this host.
        'content-security-policy':
          "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'self' data:; script-src 'self'; base-uri 'none'; form-action 'none'",
      });
    } else {
      Object.assign(headers, {
        'content-type': downloadTypes[ext] ?? 'application/octet-stream',
        'content-disposition': `attachment; filename="download${ext}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      });
    }
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file.path).pipe(res);
  }

  function serveStatic(pathname: string, req: IncomingMessage, res: ServerResponse): void {
    const relative = normalize(pathname).replace(/^([/\\])+/, '');
    let file = join(staticDir, relative);
    if (!file.startsWith(staticDir + sep) && file !== staticDir) return refuse(res, '路径无效');
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(staticDir, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('界面文件缺失：请先运行 npm run build');
      return;
    }
    sessionId(req, res);
    res.writeHead(200, {
      ...securityHeaders,
      'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'cache-control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  }

  return server;
}

const downloadTypes: Record<string, string> = {
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.pdf': 'application/pdf',
  '.html': 'text/html; charset=utf-8',
  '.zip': 'application/zip',
};

// Wires the document's 打印 button (id print-now) to the browser's print dialog.

function sendPrintHelper(res: ServerResponse): void {
  res.writeHead(200, { ...securityHeaders, 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
  res.end(printViewScript);
}

function sessionId(req: IncomingMessage, res: ServerResponse): string {
  const cookies = req.headers.cookie ?? '';
  const match = new RegExp(`(?:^|;\\s*)${cookieName}=([A-Za-z0-9_-]{20,64})`).exec(cookies);
  if (match?.[1]) return `web-${match[1]}`;
  return newSession(res);
}

/** A new random session id, sent as the cookie (replacing one set earlier in this response). */
function newSession(res: ServerResponse): string {
  const sid = randomBytes(24).toString('base64url');
  res.setHeader('set-cookie', `${cookieName}=${sid}; Path=/; HttpOnly; SameSite=Strict`);
  return `web-${sid}`;
}

/** The path with %-escapes decoded, or null when an escape is malformed (answered with 400). */
function decodePath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

/** Answers without reading the request body and closes the connection, so the rest is never sent. */
function refuseUnread(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  res.setHeader('connection', 'close');
  sendJson(res, status, body);
  res.on('finish', () => req.destroy());
}

async function readBody(req: IncomingMessage): Promise<string> {
  return (await readBytes(req, maxBodyBytes)).toString('utf8');
}

function readBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('请求内容过大'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

class TooLarge extends Error {}

/** The request body, chunk by chunk, ending in TooLarge once it passes `limit` bytes. */
async function* limited(req: IncomingMessage, limit: number): AsyncGenerator<Buffer> {
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new TooLarge();
    yield chunk;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...securityHeaders, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function refuse(res: ServerResponse, message: string): void {
  sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', message } });
}
