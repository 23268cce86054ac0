// The off-loop thread: statistics, export files and backups on a connection of its own, which
// only reads: the day summaries it makes are stored by the hub, the database's one writer.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { z } from 'zod';
import { openDatabase, type Db } from '../../db/open.ts';
import { vacuumInto } from '../../db/backup.ts';
import { statSync } from 'node:fs';
import { HubError } from '../base/errors.ts';
import { produceExport } from '../reports/exportProduce.ts';
import type { OffLoopMessage, OffLoopReply, OffLoopRequest } from './offLoop.ts';
import { SettingsStore } from '../store/settings.ts';
import { StatsService, type SummaryStore } from '../reports/stats.ts';

if (parentPort === null) throw new Error('offLoopWorker runs as a worker thread');
const port: MessagePort = parentPort;
const db: Db = openDatabase(z.object({ dbFile: z.string() }).parse(workerData).dbFile);
// This thread never writes: each summary goes to the hub, which stores it (see SummaryStore).
let nextStore = 1;
const storing = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();
let currentRequest = 0;
const summaries: SummaryStore = {
  store(day, rows, readAtSeq) {
    const storeId = nextStore++;
    return new Promise((resolve, reject) => {
      storing.set(storeId, { resolve, reject });
      port.postMessage({ id: currentRequest, type: 'store', storeId, day, rows, readAtSeq } satisfies OffLoopReply);
    });
  },
};

function reply(message: OffLoopReply): void {
  const value = message.type === 'done' ? message.value : null;
  const file = value && typeof value === 'object' && 'file' in value ? value.file : null;
  // An export's bytes move to the hub's thread rather than being copied.
  if (file instanceof Uint8Array && file.buffer instanceof ArrayBuffer) port.postMessage(message, [file.buffer]);
  else port.postMessage(message);
}

async function handle(id: number, request: OffLoopRequest): Promise<unknown> {
  switch (request.kind) {
    case 'stats': {
      const settings = new SettingsStore(db);
      return new StatsService(db, summaries, settings, () => request.now).report(request.query);
    }
    case 'export': {
      const settings = new SettingsStore(db);
      const stats = new StatsService(db, summaries, settings, () => request.now);
      const made = await produceExport(db, stats, settings, request.query, request.format, request.layout, (progress, stage) => {
        reply({ id, type: 'progress', progress, stage });
      });
      // Its own ArrayBuffer, so it can be handed over instead of copied.
      return { fileName: made.fileName, file: new Uint8Array(made.file) };
    }
    case 'backup':
      vacuumInto(db, request.file);
      return { bytes: statSync(request.file).size };
  }
}

port.on('message', (message: OffLoopMessage) => {
  if ('stored' in message) {
    const waiter = storing.get(message.stored);
    storing.delete(message.stored);
    if (message.error === null) waiter?.resolve();
    else waiter?.reject(new Error(message.error));
    return;
  }
  const { id, request } = message;
  currentRequest = id;
  handle(id, request).then(
    (value) => reply({ id, type: 'done', value }),
    (err: unknown) =>
      reply(
        err instanceof HubError
          ? { id, type: 'error', code: err.code, details: err.details, message: err.message }
          : { id, type: 'error', code: null, message: err instanceof Error ? err.message : String(err) },
      ),
  );
});
