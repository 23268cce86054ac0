// The wire contract: the only module both the hub and the renderer import.
export * from './errors.ts';
export * from './entities.ts';
export * from './events.ts';
export * from './stats.ts';
export * from './endpoints.ts';
export * from './client.ts';
export * from './ipc.ts';
export * from './province.ts';
