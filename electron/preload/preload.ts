// Runs sandboxed before the manager page: the page gets exactly these four calls and nothing of
// Electron or Node. Every call is checked again in the main process.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC, type ManagerCommand, type ManagerView, type SotongBridge } from '../shared/manager-api.ts';

const bridge: SotongBridge = {
  getView: () => ipcRenderer.invoke(IPC.getView) as Promise<ManagerView>,
  onView: (listener) => {
    // Wrapped so the page never sees the IPC event object (it carries `sender`).
    const forward = (_event: IpcRendererEvent, view: ManagerView) => listener(view);
    ipcRenderer.on(IPC.view, forward);
    return () => {
      ipcRenderer.removeListener(IPC.view, forward);
    };
  },
  command: (command: ManagerCommand) => ipcRenderer.invoke(IPC.command, command) as Promise<void>,
  readLog: () => ipcRenderer.invoke(IPC.readLog) as Promise<string>,
};

contextBridge.exposeInMainWorld('sotong', bridge);
