import type { MotcuaBridge } from '../../main/contract/index.ts';

declare global {
  interface Window {
    /** Present only inside the Electron app, from its preload. */
    motcua?: MotcuaBridge;
  }
}

export function bridge(): MotcuaBridge | null {
  return typeof window !== 'undefined' && window.motcua ? window.motcua : null;
}
