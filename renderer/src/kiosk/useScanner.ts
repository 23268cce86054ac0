// Codes from a scanner: a keyboard-wedge scanner types into the page, a HID or serial scanner
// reaches the page through the kiosk app. Either way the kiosk gets one whole code.
import { useEffect, useRef } from 'react';
import { bridge } from '../bridge.ts';
import { WedgeReader } from './wedge.ts';

/** Where typed keys belong to what is typed (the staff PIN), not to a scanner. */
function isTextEntry(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA');
}

/**
 * A touch kiosk has no keyboard: outside a text box, keys come from a wedge scanner. Enter and
 * Space would press the button the citizen last touched (it keeps the focus), issuing a ticket or
 * flipping a toggle along with the scan (#24): they are the code's, never a button's.
 */
function keepFromButtons(e: KeyboardEvent): void {
  if ((e.key === 'Enter' || e.key === ' ') && !isTextEntry(e.target)) e.preventDefault();
}

export function useScanner(onCode: (text: string) => void): void {
  const latest = useRef(onCode);
  latest.current = onCode;
  useEffect(() => {
    const wedge = new WedgeReader();
    const onKey = (e: KeyboardEvent) => {
      keepFromButtons(e);
      const code = wedge.key(e.key, e.timeStamp);
      if (code) latest.current(code);
    };
    // Capture: before the focused element sees the key.
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('keyup', keepFromButtons, true);
    const off = bridge()?.onCodeScanned(({ text }) => latest.current(text));
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('keyup', keepFromButtons, true);
      off?.();
    };
  }, []);
}
