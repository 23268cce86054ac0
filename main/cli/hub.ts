// `npm run hub` (`node dist/hub.mjs`): the hub alone, headless, for a center's server PC. The
// bundle is also a library: tests import startHub from it, to run the API suites on what ships.
import { messageOf } from '../base/errors.ts';
import { parseHubArgs } from './args.ts';
import { isMainModule } from './paths.ts';
import { runHub } from './runHub.ts';

export { startHub, type Hub, type HubOptions } from '../hub/hub.ts';

if (isMainModule(import.meta.url)) {
  try {
    await runHub(parseHubArgs(process.argv.slice(2)));
  } catch (err) {
    console.error(`motcua hub: ${messageOf(err)}`);
    process.exit(1);
  }
}
