// `npm run hub`: the hub alone, headless, for a center's server PC.
import { parseHubArgs } from './args.ts';
import { runHub } from './runHub.ts';

try {
  await runHub(parseHubArgs(process.argv.slice(2)));
} catch (err) {
  console.error(`motcua hub: ${(err as Error).message}`);
  process.exit(1);
}
