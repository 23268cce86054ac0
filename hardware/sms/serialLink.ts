// A GSM modem's serial line (USB-CDC /dev/ttyUSB*, /dev/ttyACM*), through serialport.
import { SerialPort } from 'serialport';

/** What the modem driver needs of a line: bytes out, bytes in, and word when it goes away. */
export interface ModemLink {
  write(bytes: Uint8Array): Promise<void>;
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** The line went away (the modem unplugged) or was closed. */
  onClose(listener: () => void): () => void;
  readonly closed: boolean;
  close(): Promise<void>;
}

export class SmsLinkError extends Error {}

export function openSerialLink(path: string, baudRate = 115_200): Promise<ModemLink> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    const data = new Set<(chunk: Uint8Array) => void>();
    const closes = new Set<() => void>();
    let closed = false;
    const ended = () => {
      if (closed) return;
      closed = true;
      for (const l of closes) l();
    };
    // Unplugged: serialport reports an error and/or a close; the hub must hear of it, never crash on it.
    port.on('error', ended);
    port.on('close', ended);
    port.on('data', (d: Buffer) => {
      for (const l of data) l(new Uint8Array(d));
    });
    port.open((err) => {
      if (err) return reject(new SmsLinkError(err.message));
      resolve({
        get closed() {
          return closed;
        },
        write: (bytes) =>
          new Promise((done, fail) => {
            if (closed) return fail(new SmsLinkError('the modem is gone'));
            // No drain: tcdrain blocks a libuv pool thread until the device takes the bytes, and one
            // that never does (a modem hanging up) would hold that thread for good; the driver's
            // deadlines cover a modem that does not answer.
            port.write(Buffer.from(bytes), (e) => (e ? fail(new SmsLinkError(e.message)) : done()));
          }),
        onData: (l) => {
          data.add(l);
          return () => data.delete(l);
        },
        onClose: (l) => {
          closes.add(l);
          return () => closes.delete(l);
        },
        close: () =>
          new Promise((done) => {
            if (!port.isOpen) return done();
            // A port whose device is gone may never call back: closing must not hold the hub's stop.
            const timer = setTimeout(done, 1_000);
            port.close(() => {
              clearTimeout(timer);
              done();
            });
          }),
      });
    });
  });
}
