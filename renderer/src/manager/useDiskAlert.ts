// The data disk's fault as the manager's floor shows it. Journaling the floor alert takes a write,
// which a full or read-only disk may refuse: the console also asks /api/health (which needs no
// write) every few seconds, and shows the fault among the alerts until the disk takes writes again.
import { useEffect, useState } from 'react';
import type { FloorAlert } from '../../../main/contract/index.ts';
import { api } from '../api.ts';

const EVERY_MS = 10_000;

export function useDiskAlert(token: string | null): FloorAlert | null {
  const [alert, setAlert] = useState<FloorAlert | null>(null);
  useEffect(() => {
    if (!token) return;
    let stopped = false;
    const look = async () => {
      try {
        const fault = (await api('hub:health', {}, token)).detail?.database.fault ?? null;
        if (!stopped) setAlert(fault && diskAlert(fault));
      } catch {
        /* the hub is out of reach: the connection banner says so */
      }
    };
    void look();
    const timer = setInterval(() => void look(), EVERY_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [token]);
  return alert;
}

function diskAlert(fault: { kind: string; since: number }): FloorAlert {
  return {
    key: 'disk-fault:data',
    kind: 'disk-fault',
    since: fault.since,
    fieldId: null,
    counterId: null,
    deviceId: null,
    staffId: null,
    subject: '',
    value: fault.kind,
  };
}

/** The floor with the disk's fault among its alerts (once, whether journaled or only heard from health). */
export function withDiskAlert<F extends { alerts: FloorAlert[] }>(floor: F | null, alert: FloorAlert | null): F | null {
  if (!floor || !alert || floor.alerts.some((a) => a.kind === 'disk-fault')) return floor;
  return { ...floor, alerts: [alert, ...floor.alerts] };
}
