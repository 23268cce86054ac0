// The only bridge between a page and the main process: one frozen object, one function per
// channel. Never ipcRenderer itself, never a dispatcher by name — a kiosk is a public machine.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { MotcuaBridge } from '../contract/index.ts';

const bridge: MotcuaBridge = {
  printerStatus: () => ipcRenderer.invoke('printer:get-status', {}),
  exitKiosk: (req) => ipcRenderer.invoke('kiosk:exit', req),
  scannerStatus: () => ipcRenderer.invoke('scanner:get-status', {}),
  appConfig: () => ipcRenderer.invoke('app:get-config', {}),
  onCodeScanned: (listener) => {
    const handler = (_e: IpcRendererEvent, payload: { text: string }) => listener({ text: String(payload?.text ?? '') });
    ipcRenderer.on('scanner:code-scanned', handler);
    return () => {
      ipcRenderer.removeListener('scanner:code-scanned', handler);
    };
  },
};

contextBridge.exposeInMainWorld('motcua', Object.freeze(bridge));
