import { app, BrowserWindow, dialog, ipcMain, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCore, type Core } from '../core/core';
import { appFolderName, resolveDataDir } from '../core/dataDir';
import { registerProgramFolder } from '../core/files/export/paths';
import { isAppPage } from './appUrl';
import { registerDesktopFiles } from './desktopFiles';
import { applyPermissionPolicy } from './guard';
import { PickedPaths } from './pickedPaths';

// Both hosts keep data under the same folder name, so the browser host opens the same file.
app.setPath('userData', join(app.getPath('appData'), appFolderName));

let core: Core | null = null;
// The one page that may call the core: the built renderer, compared exactly (see appUrl.ts).
const rendererUrl = pathToFileURL(join(__dirname, '../renderer/index.html')).toString();
const pickedPaths = new PickedPaths();

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: '乡村振兴台账',
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  // Nothing navigates away from the program's own page; links open in the system browser.
  win.webContents.on('will-navigate', (event, url) => {
    if (url !== rendererUrl) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(rendererUrl);
  return win;
}

async function start(): Promise<void> {
  const dataDir = resolveDataDir(process.argv, process.env, app.getPath('userData'));
  try {
    // Exports may not go into the program's own folder (issue 16 item 13).
    registerProgramFolder(app.getAppPath());
    core = await createCore({ dataDir, autoBackup: true, program: 'desktop' });
  } catch (err) {
    dialog.showErrorBox('无法打开数据文件', `${err instanceof Error ? err.message : String(err)}\n\n数据文件夹：${dataDir}`);
    app.exit(1);
    return;
  }
  const opened = core;
  ipcMain.handle('ledger:invoke', (event, channel: unknown, input: unknown) => {
    // Only our own page may call the core; the session is the window that asks.
    if (!isAppPage(event.senderFrame?.url, rendererUrl)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自外部页面的请求' } };
    }
    if (typeof channel !== 'string') return { ok: false, error: { code: 'INVALID_INPUT', message: '缺少功能名称' } };
    const session = `window-${event.sender.id}`;
    // A folder must be one this window picked in the main process's own dialog, never typed.
    const typed = pickedPaths.check(session, channel, input);
    if (typed) return { ok: false, error: { code: 'INVALID_INPUT', message: typed } };
    return opened.invoke(channel, input, session);
  });
  applyPermissionPolicy(rendererUrl);
  registerDesktopFiles(opened, rendererUrl, pickedPaths);
  createWindow();
}

if (!app.requestSingleInstanceLock()) {
  // A second copy would fight over the database file: hand over to the first and leave.
  app.quit();
} else {
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('window-all-closed', () => {
    void (core?.close() ?? Promise.resolve()).finally(() => app.quit());
  });
  void app.whenReady().then(start);
}
