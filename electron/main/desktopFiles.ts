import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Core } from '../core/core';
import { AppError, type Result } from '../../shared/lib/result';
import { deliverFile } from '../core/features/files/export/deliver';
import { printViewScript } from '../core/features/print/previewScript';
import { isAppPage } from './appUrl';
import type { PickedPaths } from './pickedPaths';

// The desktop's own file dialogs and printing. The core never sees a path the renderer typed: the
// open dialog's file is staged (copied) into the data folder, produced files are looked up by id.

const maxPickBytes = 300 * 1024 * 1024;


const refused: Result<never> = { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自外部页面的请求' } };
const notFound: Result<never> = { ok: false, error: { code: 'NOT_FOUND', message: '找不到生成的文件（可能已过期或尚未登录），请重新生成' } };

function sessionOf(event: IpcMainInvokeEvent): string {
  return `window-${event.sender.id}`;
}

/** Loads a produced HTML document in a hidden window, for the print dialog or printToPDF. */
async function loadHidden(file: string): Promise<BrowserWindow> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
  });
  await win.loadURL(pathToFileURL(file).toString());
  return win;
}

/**
 * The print view in its own window. Scripts run only for the preview script the main process puts
 * in; the document can neither navigate nor open windows.
 */
async function openPrintView(file: string, parent: BrowserWindow | null): Promise<void> {
  const win = new BrowserWindow({
    ...(parent ? { parent } : {}),
    width: 960,
    height: 1000,
    title: '打印预览',
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false },
  });
  win.setMenuBarVisibility(false);
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  await win.loadURL(pathToFileURL(file).toString());
  await win.webContents.executeJavaScript(printViewScript);
}

export function registerDesktopFiles(core: Core, appUrl: string, picked: PickedPaths): void {
  // Exactly the program's own page (appUrl.ts), not any file:// page.
  const fromOwnPage = (event: IpcMainInvokeEvent): boolean => isAppPage(event.senderFrame?.url, appUrl);

  ipcMain.handle('ledger:pickFile', async (event, filters: unknown): Promise<Result<unknown>> => {
    if (!fromOwnPage(event)) return refused;
    const win = BrowserWindow.fromWebContents(event.sender);
    const list = Array.isArray(filters) ? (filters as { name: string; extensions: string[] }[]) : [];
    const picked = await (win ? dialog.showOpenDialog(win, { properties: ['openFile'], filters: list }) : dialog.showOpenDialog({ properties: ['openFile'], filters: list }));
    const path = picked.filePaths[0];
    if (picked.canceled || !path) return { ok: true, data: null };
    // Size first: a huge file is refused without being read into memory.
    if (statSync(path).size > maxPickBytes) return { ok: false, error: { code: 'INVALID_INPUT', message: '文件超过 300 MB，请拆分后再导入' } };
    return core.stageUpload(sessionOf(event), path.split(/[\\/]/).pop() ?? '文件', readFileSync(path));
  });

  ipcMain.handle('ledger:saveFile', async (event, fileId: unknown): Promise<Result<string | null>> => {
    if (!fromOwnPage(event)) return refused;
    const file = typeof fileId === 'string' ? core.outboxFile(sessionOf(event), fileId) : null;
    if (!file) return notFound;
    const win = BrowserWindow.fromWebContents(event.sender);
    const options = { defaultPath: file.fileName };
    const chosen = await (win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options));
    if (chosen.canceled || !chosen.filePath) return { ok: true, data: null };
    // Complete files only under the chosen name, never into the program's own folders (issue 16).
    try {
      deliverFile(file.path, chosen.filePath, core.dataDir, file.size);
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: err.toShape() };
      throw err;
    }
    return { ok: true, data: chosen.filePath };
  });

  ipcMain.handle('ledger:pickFolder', async (event): Promise<string | null> => {
    if (!fromOwnPage(event)) return null;
    const win = BrowserWindow.fromWebContents(event.sender);
    const options = { properties: ['openDirectory' as const, 'createDirectory' as const] };
    const chosen = await (win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options));
    const path = chosen.canceled ? undefined : chosen.filePaths[0];
    // Remembered for this window: only a folder picked here is accepted in a channel's input.
    if (!path) return null;
    if (win) win.once('closed', () => picked.forget(sessionOf(event)));
    return picked.remember(sessionOf(event), path);
  });

  // 打印 opens the print view: the document on the A4 sheets it will print on (previewScript.ts),
  // whose 打印 button opens the system print dialog — the same view the browser host shows.
  ipcMain.handle('ledger:printDocument', async (event, fileId: unknown): Promise<Result<null>> => {
    if (!fromOwnPage(event)) return refused;
    const file = typeof fileId === 'string' ? core.outboxFile(sessionOf(event), fileId) : null;
    if (!file) return notFound;
    await openPrintView(file.path, BrowserWindow.fromWebContents(event.sender));
    return { ok: true, data: null };
  });

  ipcMain.handle('ledger:saveDocumentPdf', async (event, fileId: unknown): Promise<Result<string | null>> => {
    if (!fromOwnPage(event)) return refused;
    const file = typeof fileId === 'string' ? core.outboxFile(sessionOf(event), fileId) : null;
    if (!file) return notFound;
    const parent = BrowserWindow.fromWebContents(event.sender);
    const options = { defaultPath: file.fileName.replace(/\.html?$/i, '.pdf'), filters: [{ name: 'PDF', extensions: ['pdf'] }] };
    const chosen = await (parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options));
    if (chosen.canceled || !chosen.filePath) return { ok: true, data: null };
    const win = await loadHidden(file.path);
    try {
      // preferCSSPageSize: the document's @page rule (A4, margins, footer boxes) decides.
      const pdf = await win.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true });
      writeFileSync(chosen.filePath, pdf);
      return { ok: true, data: chosen.filePath };
    } finally {
      win.destroy();
    }
  });
}
