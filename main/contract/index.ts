// The wire contract: the only module both the hub and the renderer import. The hall screens take
// their run-time pieces from the zod-free modules instead (client, routes, errors, enums,
// eventGuards) and everything else here as types only, so they load without evaluating zod (#24).
export * from './errors.ts';
export * from './entities.ts';
export * from './events.ts';
export * from './eventGuards.ts';
export * from './stats.ts';
export * from './endpoints.ts';
export * from './routes.ts';
export * from './client.ts';
export * from './ipc.ts';
export * from './province.ts';
