import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isAppPage } from '../../electron/main/appUrl';
import { permissionAllowed } from '../../electron/main/permissions';
import { PickedPaths, typedFolderRefused } from '../../electron/main/pickedPaths';

// Issue 16 #16: the Electron main process's checks, as plain functions (Electron cannot run here).
const app = 'file:///C:/Program%20Files/township-ledger/resources/app.asar/out/renderer/index.html';

describe('the IPC sender check', () => {
  it('accepts exactly the program’s own page, whatever route it shows', () => {
    expect(isAppPage(app, app)).toBe(true);
    expect(isAppPage(`${app}#/households?village=1`, app)).toBe(true);
  });

  it('refuses any other file:// page, a query, other schemes and nonsense', () => {
    expect(isAppPage('file:///C:/Users/clerk/Downloads/evil.html', app)).toBe(false);
    expect(isAppPage('file:///C:/Program%20Files/township-ledger/resources/app.asar/out/renderer/index.html.evil.html', app)).toBe(false);
    expect(isAppPage('file://attacker-share/C:/Program%20Files/township-ledger/resources/app.asar/out/renderer/index.html', app)).toBe(false);
    expect(isAppPage(`${app}?x=1`, app)).toBe(false);
    expect(isAppPage('https://example.com/index.html', app)).toBe(false);
    expect(isAppPage(undefined, app)).toBe(false);
    expect(isAppPage('not a url', app)).toBe(false);
  });

  it('in development accepts the dev server’s origin only', () => {
    const dev = 'http://localhost:5173/';
    expect(isAppPage('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAppPage('http://localhost:5174/', dev)).toBe(false);
    expect(isAppPage('file:///tmp/index.html', dev)).toBe(false);
  });
});

describe('the permission policy', () => {
  it('denies everything but clipboard writing, and that only to the program’s own page', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen', 'hid', 'usb', 'serial', 'unknown']) {
      expect(permissionAllowed(p, app, app)).toBe(false);
    }
    expect(permissionAllowed('clipboard-sanitized-write', app, app)).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', 'file:///C:/evil.html', app)).toBe(false);
  });
});

describe('folders only from the main process’s own dialog', () => {
  it('accepts a folder the window picked and refuses a typed one, or another window’s', () => {
    const picked = new PickedPaths();
    const usb = picked.remember('window-1', 'E:\\上报');
    expect(picked.check('window-1', 'files.submit', { quarter: '2026Q1', targetDir: usb })).toBeNull();
    expect(picked.check('window-1', 'files.submit', { quarter: '2026Q1', targetDir: 'C:\\Windows\\System32' })).toBe(typedFolderRefused);
    expect(picked.check('window-2', 'files.submit', { quarter: '2026Q1', targetDir: usb })).toBe(typedFolderRefused);
    expect(picked.check('window-1', 'files.verifySubmission', { dir: '..\\..\\' })).toBe(typedFolderRefused);
    expect(picked.check('window-1', 'backups.run', { targetDir: 42 })).toBe(typedFolderRefused);
    // No folder given: the channel's own rules decide (a backup into the data folder).
    expect(picked.check('window-1', 'backups.run', {})).toBeNull();
    expect(picked.check('window-1', 'households.list', { targetDir: 'C:\\' })).toBeNull();
    picked.forget('window-1');
    expect(picked.check('window-1', 'files.submit', { quarter: '2026Q1', targetDir: usb })).toBe(typedFolderRefused);
  });
});

describe('the packaged binary’s fuses', () => {
  it('electron/builder.yml turns RunAsNode off and cookie encryption, ASAR integrity and ASAR-only loading on', () => {
    const yml = readFileSync('electron/builder.yml', 'utf8');
    const block = /^electronFuses:\n((?: {2}.+\n?)+)/m.exec(yml)?.[1] ?? '';
    const fuses = Object.fromEntries(block.trim().split('\n').map((l) => l.trim().split(/:\s*/) as [string, string]));
    expect(fuses).toMatchObject({
      runAsNode: 'false',
      enableCookieEncryption: 'true',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
    });
  });
});
