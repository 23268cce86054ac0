// pino-roll ships no types: the part of its API motcua uses (see its README).
declare module 'pino-roll' {
  import type { Writable } from 'node:stream';

  interface RollOptions {
    file: string | (() => string);
    size?: number | string;
    frequency?: number | 'daily' | 'hourly' | 'custom';
    extension?: string;
    symlink?: boolean;
    limit?: { count: number; removeOtherLogFiles?: boolean };
    dateFormat?: string;
    mkdir?: boolean;
    /** Passed to SonicBoom: the new files' permissions. */
    mode?: number;
    /** Passed to SonicBoom: bytes kept while writes fail; past it, lines are dropped. */
    maxLength?: number;
    /** Passed to SonicBoom: write each line synchronously. */
    sync?: boolean;
  }

  /** A SonicBoom stream writing into rolled files; its `fd` is -1 until the first file is open. */
  export default function build(options: RollOptions): Promise<Writable & { flushSync(): void; readonly fd: number }>;
}
