import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { JobProgress, LedgerBridge } from '../../shared/contract/bridge';
import type { Result } from '../../shared/lib/result';

// The renderer gets exactly two things: invoke a contract channel, and hear job progress.
const bridge: LedgerBridge = {
  invoke: (channel, input) => ipcRenderer.invoke('ledger:invoke', channel, input) as Promise<Result<unknown>>,
  onProgress: (listener) => {
    const wrapped = (_event: IpcRendererEvent, progress: JobProgress) => listener(progress);
    ipcRenderer.on('ledger:progress', wrapped);
    return () => ipcRenderer.removeListener('ledger:progress', wrapped);
  },
};

contextBridge.exposeInMainWorld('ledger', bridge);
