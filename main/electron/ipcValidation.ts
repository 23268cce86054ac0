// The main process trusts no message: the sender frame must be a page of the hub, and the
// payload must match the channel's schema (as VS Code's validatedIpcMain does).
import { ipcChannels, type IpcChannel, type IpcRequest } from '../contract/index.ts';
import { isAllowedNavigation } from './windowOptions.ts';

export type IpcCheck<C extends IpcChannel> = { ok: true; payload: IpcRequest<C> } | { ok: false; reason: string };

export function checkIpc<C extends IpcChannel>(
  channel: C,
  senderUrl: string | undefined,
  hubOrigin: string,
  payload: unknown,
): IpcCheck<C> {
  if (!Object.hasOwn(ipcChannels, channel)) return { ok: false, reason: `unknown channel ${String(channel)}` };
  if (!senderUrl || !isAllowedNavigation(senderUrl, hubOrigin))
    return { ok: false, reason: `sender ${senderUrl ?? '(none)'} is not a page of the hub` };
  const parsed = ipcChannels[channel].request.safeParse(payload);
  if (!parsed.success) return { ok: false, reason: `bad payload for ${channel}` };
  // the channel's own schema parsed it: TypeScript cannot follow a generic key into the table
  return { ok: true, payload: parsed.data as IpcRequest<C> };
}
