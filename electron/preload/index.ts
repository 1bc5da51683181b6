import { contextBridge, ipcRenderer } from 'electron';
import type { LedgerBridge } from '../../shared/contract/bridge';
import type { StoredFile } from '../../shared/contract/fileRefs';
import type { Result } from '../../shared/lib/result';

// The renderer gets exactly this: invoke a contract channel, and the desktop's own file dialogs
// and printing. Every call goes to a fixed ipcMain channel that checks its arguments itself.
const bridge: LedgerBridge = {
  invoke: (channel, input) => ipcRenderer.invoke('ledger:invoke', channel, input) as Promise<Result<unknown>>,
  pickFile: (filters) => ipcRenderer.invoke('ledger:pickFile', filters) as Promise<Result<StoredFile | null>>,
  saveFile: (fileId) => ipcRenderer.invoke('ledger:saveFile', fileId) as Promise<Result<string | null>>,
  pickFolder: () => ipcRenderer.invoke('ledger:pickFolder') as Promise<string | null>,
  printDocument: (fileId) => ipcRenderer.invoke('ledger:printDocument', fileId) as Promise<Result<null>>,
  saveDocumentPdf: (fileId) => ipcRenderer.invoke('ledger:saveDocumentPdf', fileId) as Promise<Result<string | null>>,
};

contextBridge.exposeInMainWorld('ledger', bridge);
