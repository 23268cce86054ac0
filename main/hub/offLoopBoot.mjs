// Run from source (tsx, vitest): the worker thread learns TypeScript, then loads its entry.
// The built hub starts its bundled worker directly and never loads this file.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
