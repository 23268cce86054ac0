// Every IPC channel between an Electron window and the main process. The preload exposes one
// frozen object with one function per channel; the main process validates sender and payload.
import { z } from 'zod';
import { Id } from './entities.ts';

export const AppRole = z.enum(['all', 'kiosk', 'counter', 'display', 'rating', 'manager']);
export type AppRole = z.infer<typeof AppRole>;

export const PrinterFault = z.enum(['offline', 'paper_out', 'cover_open', 'error', 'timeout', 'not_configured']);
export type PrinterFault = z.infer<typeof PrinterFault>;

export const PrintOutcome = z.discriminatedUnion('status', [
  z.object({ status: z.literal('printed') }),
  z.object({ status: z.literal('failed'), reason: PrinterFault }),
]);
export type PrintOutcome = z.infer<typeof PrintOutcome>;

export const ipcChannels = {
  /** Renderer asks the main process to print a ticket on the kiosk's printer. */
  'printer:print-ticket': { request: z.strictObject({ ticketId: Id }), response: PrintOutcome },
  /** The printer's last known state, for the kiosk's admin screen. */
  'printer:get-status': { request: z.strictObject({}), response: z.object({ ok: z.boolean(), fault: PrinterFault.nullable() }) },
  /** Leave the locked-down kiosk window; needs the admin PIN. */
  'kiosk:exit': { request: z.strictObject({ pin: z.string().regex(/^\d{4,12}$/) }), response: z.object({ ok: z.boolean() }) },
  /** Which role this window plays and where its hub is. */
  'app:get-config': { request: z.strictObject({}), response: z.object({ role: AppRole, hubUrl: z.string() }) },
} as const;

export type IpcChannel = keyof typeof ipcChannels;
export type IpcRequest<C extends IpcChannel> = z.infer<(typeof ipcChannels)[C]['request']>;
export type IpcResponse<C extends IpcChannel> = z.infer<(typeof ipcChannels)[C]['response']>;

/** Pushed from the main process to the renderer. */
export const ipcEvents = {
  'scanner:code-scanned': z.object({ text: z.string().max(4096) }),
} as const;
export type IpcEvent = keyof typeof ipcEvents;

/** What the preload puts on `window.motcua`. */
export interface MotcuaBridge {
  printTicket(req: IpcRequest<'printer:print-ticket'>): Promise<IpcResponse<'printer:print-ticket'>>;
  printerStatus(): Promise<IpcResponse<'printer:get-status'>>;
  exitKiosk(req: IpcRequest<'kiosk:exit'>): Promise<IpcResponse<'kiosk:exit'>>;
  appConfig(): Promise<IpcResponse<'app:get-config'>>;
  /** Returns the function that unsubscribes. */
  onCodeScanned(listener: (e: z.infer<(typeof ipcEvents)['scanner:code-scanned']>) => void): () => void;
}
