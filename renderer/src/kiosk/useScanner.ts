// Codes from a scanner: a keyboard-wedge scanner types into the page, a HID or serial scanner
// reaches the page through the kiosk app. Either way the kiosk gets one whole code.
import { useEffect, useRef } from 'react';
import { bridge } from '../bridge.ts';
import { WedgeReader } from './wedge.ts';

export function useScanner(onCode: (text: string) => void): void {
  const latest = useRef(onCode);
  latest.current = onCode;
  useEffect(() => {
    const wedge = new WedgeReader();
    const onKey = (e: KeyboardEvent) => {
      const code = wedge.key(e.key, e.timeStamp);
      if (code) latest.current(code);
    };
    window.addEventListener('keydown', onKey);
    const off = bridge()?.onCodeScanned(({ text }) => latest.current(text));
    return () => {
      window.removeEventListener('keydown', onKey);
      off?.();
    };
  }, []);
}
