// Every IPC channel between an Electron window and the main process. The preload exposes one
// frozen object with one function per channel; the main process validates sender and payload.
import { z } from 'zod';
import { PrintFault } from './entities.ts';

/** `hub`: the hub alone, with no window (a center's server PC running the packaged app). */
export const AppRole = z.enum(['all', 'hub', 'kiosk', 'counter', 'display', 'rating', 'manager']);
export type AppRole = z.infer<typeof AppRole>;

export const ipcChannels = {
  /** The kiosk printer's state, asked now (DLE EOT), for the kiosk's admin screen. */
  'printer:get-status': { request: z.strictObject({}), response: z.object({ ok: z.boolean(), fault: PrintFault.nullable() }) },
  /** The kiosk app's scanner: where it is and whether it is plugged in, for the admin screen. */
  'scanner:get-status': {
    request: z.strictObject({}),
    response: z.object({ status: z.enum(['searching', 'connected', 'stopped', 'not_configured']), source: z.string().nullable() }),
  },
  /** Leave the locked-down kiosk window; needs the admin PIN. */
  'kiosk:exit': { request: z.strictObject({ pin: z.string().regex(/^\d{4,12}$/) }), response: z.object({ ok: z.boolean() }) },
  /** Which role this window plays and where its hub is. */
  'app:get-config': {
    request: z.strictObject({}),
    /** A kiosk app holds its device identity (paired once), so its page and its printer agent are one device. */
    response: z.object({ role: AppRole, hubUrl: z.string(), deviceToken: z.string().nullable() }),
  },
} as const;

export type IpcChannel = keyof typeof ipcChannels;
export type IpcRequest<C extends IpcChannel> = z.infer<(typeof ipcChannels)[C]['request']>;
export type IpcResponse<C extends IpcChannel> = z.infer<(typeof ipcChannels)[C]['response']>;

/** Pushed from the main process to the renderer. */
export const ipcEvents = {
  'scanner:code-scanned': z.object({ text: z.string().max(4096) }),
} as const;

/** What the preload puts on `window.motcua`. */
export interface MotcuaBridge {
  printerStatus(): Promise<IpcResponse<'printer:get-status'>>;
  exitKiosk(req: IpcRequest<'kiosk:exit'>): Promise<IpcResponse<'kiosk:exit'>>;
  scannerStatus(): Promise<IpcResponse<'scanner:get-status'>>;
  appConfig(): Promise<IpcResponse<'app:get-config'>>;
  /** Returns the function that unsubscribes. */
  onCodeScanned(listener: (e: z.infer<(typeof ipcEvents)['scanner:code-scanned']>) => void): () => void;
}
