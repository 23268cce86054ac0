// Real-time status (DLE EOT n) as Epson's ESC/POS reference defines the reply bytes. Every reply
// has bits 1 and 4 set and bits 0 and 7 clear; anything else is not a status byte.

/** `queue_stopped`: a spooler queue that is disabled or refuses jobs (said at once, nothing queued). */
export type PrinterFault =
  'offline' | 'paper_out' | 'cover_open' | 'error' | 'timeout' | 'disconnected' | 'not_configured' | 'queue_stopped';

export interface PrinterStatus {
  online: boolean;
  coverOpen: boolean;
  paperOut: boolean;
  paperNearEnd: boolean;
  error: boolean;
}

export function isStatusByte(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

/** Combines the replies to DLE EOT 1 (printer), 2 (offline cause) and 4 (paper sensor). */
export function parseStatus(printer: number, offlineCause: number, paper: number): PrinterStatus {
  for (const byte of [printer, offlineCause, paper]) if (!isStatusByte(byte)) throw new Error(`not a status byte: 0x${byte.toString(16)}`);
  return {
    online: (printer & 0x08) === 0, // n=1 bit 3: offline
    coverOpen: (offlineCause & 0x04) !== 0, // n=2 bit 2: cover open
    paperOut: (offlineCause & 0x20) !== 0 || (paper & 0x60) !== 0, // n=2 bit 5: stopped at paper end; n=4 bits 5,6: paper end
    paperNearEnd: (paper & 0x0c) !== 0, // n=4 bits 2,3: near end
    error: (offlineCause & 0x40) !== 0, // n=2 bit 6: an error occurred
  };
}

/** The fault that stops printing, most specific first; paper near end does not stop it. */
export function faultOf(s: PrinterStatus): PrinterFault | null {
  if (s.paperOut) return 'paper_out';
  if (s.coverOpen) return 'cover_open';
  if (s.error) return 'error';
  if (!s.online) return 'offline';
  return null;
}

/**
 * The fault in a lone reply to DLE EOT 2 (offline cause), the question asked while a picture is
 * sent: the printer stopped at paper end, its cover is open, or an error occurred.
 */
export function faultOfOfflineCause(byte: number): PrinterFault | null {
  if (byte & 0x20) return 'paper_out';
  if (byte & 0x04) return 'cover_open';
  if (byte & 0x40) return 'error';
  return null;
}

/** The reply a printer in this state gives to DLE EOT n (used by the emulator). */
export function statusReply(n: number, s: PrinterStatus): number {
  switch (n) {
    case 1:
      return 0x12 | (s.online ? 0 : 0x08);
    case 2:
      return 0x12 | (s.coverOpen ? 0x04 : 0) | (s.paperOut ? 0x20 : 0) | (s.error ? 0x40 : 0);
    case 3:
      return 0x12 | (s.error ? 0x08 : 0);
    case 4:
      return 0x12 | (s.paperNearEnd ? 0x0c : 0) | (s.paperOut ? 0x60 : 0);
    default:
      return 0x12;
  }
}
