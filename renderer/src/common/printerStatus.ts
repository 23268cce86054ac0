// A device's printer as its status events say (printer:status-changed), for every screen that shows it.
import type { Device, JournalEvent } from '../../../main/contract/index.ts';

/** The device with the last printer status the events give it; the same object when none is about it. */
export function withPrinterStatus(device: Device, events: readonly JournalEvent[]): Device {
  let out = device;
  for (const e of events) {
    if (e.type === 'printer:status-changed' && e.data.deviceId === device.id) {
      out = { ...out, printerStatus: { ok: e.data.ok, fault: e.data.fault, paperLow: e.data.paperLow ?? false, at: e.at } };
    }
  }
  return out;
}
