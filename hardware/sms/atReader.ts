// A modem's answers, as they arrive in chunks, into whole lines and the text prompt. Pure: the
// same input split anywhere gives the same items.
//
// 3GPP TS 27.005 §3.5.1 (text mode AT+CMGS): after the command line the modem answers
// <CR><LF><greater_than><space> and waits for the text, ended by Ctrl-Z (or cancelled by ESC); the
// prompt has no line end of its own, so it is recognised where a line starts.

export type AtItem = { kind: 'line'; text: string } | { kind: 'prompt' };

export class AtReader {
  private pending = '';

  /** The items these bytes complete (the modem speaks ASCII: one byte, one character). */
  push(chunk: Uint8Array): AtItem[] {
    this.pending += String.fromCharCode(...chunk);
    const out: AtItem[] = [];
    for (;;) {
      const start = this.pending.search(/[^\r\n]/);
      if (start < 0) {
        this.pending = '';
        return out;
      }
      this.pending = this.pending.slice(start);
      if (this.pending.startsWith('>')) {
        out.push({ kind: 'prompt' });
        this.pending = this.pending.slice(this.pending.startsWith('> ') ? 2 : 1);
        continue;
      }
      const end = this.pending.search(/[\r\n]/);
      if (end < 0) return out;
      // trimmed: the prompt's space may come in a later chunk than its '>', alone before a line end
      const text = this.pending.slice(0, end).trim();
      if (text !== '') out.push({ kind: 'line', text });
      this.pending = this.pending.slice(end + 1);
    }
  }
}

/** A final result code: the command is over (V.250 and 3GPP TS 27.007/27.005). */
export function isFinal(line: string): boolean {
  return /^(OK|ERROR|NO CARRIER|BUSY|NO ANSWER|NO DIALTONE|\+CM[ES] ERROR:.*)$/.test(line);
}
