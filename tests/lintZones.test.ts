// The lint gate's import zones and package rules (eslint.config.js) are what keep each folder to its
// kind. These cases prove the configuration bites: a zone whose path matched nothing would pass
// every file silently.
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/child.ts';
import { lintForMadeUpFiles } from './helpers/lint.ts';

const eslint = lintForMadeUpFiles();

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${repoRoot}/${file}` });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const refused: [string, string, RegExp][] = [
  ['main/queue/x.ts', "import { startHub } from '../hub/hub.ts';", /main\/queue may import/],
  ['main/queue/x.ts', "import { AccessControl } from '../auth/access.ts';", /main\/queue may import/],
  ['main/reports/x.ts', "import { QueueEngine } from '../queue/engine.ts';", /main\/reports may import/],
  ['main/store/x.ts', "import { QueueEngine } from '../queue/engine.ts';", /main\/store may import/],
  ['main/base/x.ts', "import { Journal } from '../store/journal.ts';", /main\/base may import/],
  ['main/voice/x.ts', "import { serviceDayOf } from '../base/time.ts';", /main\/voice may import/],
  ['main/devices/x.ts', "import { AccessControl } from '../auth/access.ts';", /main\/devices may import/],
  [
    'main/queue/x.ts',
    "import { PrinterEmulator } from '../../tools/printer/emulator.ts';",
    /main\/ may import main\/, db\/ and hardware\//,
  ],
  ['db/x.ts', "import { serviceDayOf } from '../main/base/time.ts';", /db\/ imports db\/ only/],
  ['hardware/x.ts', "import { Journal } from '../main/store/journal.ts';", /hardware\/ imports hardware\/ only/],
  ['main/contract/x.ts', "import { serviceDayOf } from '../base/time.ts';", /contract is plain data/],
  ['renderer/src/x.ts', "import { startHub } from '../../main/hub/hub.ts';", /renderer runs in Chromium/],
  ['db/x.ts', "import pino from 'pino';", /db\/ uses better-sqlite3 and Node only/],
  ['main/contract/x.ts', "import { readFileSync } from 'node:fs';", /contract uses zod only/],
  ['renderer/src/x.ts', "import { readFileSync } from 'node:fs';", /renderer runs in Chromium/],
  ['main/queue/x.ts', "import type { BrowserWindow } from 'electron';", /Only the Electron shell imports electron/],
  ['hardware/x.ts', "import React from 'react';", /React is the renderer/],
  ['province/x.ts', "import { QueueEngine } from '../main/queue/engine.ts';", /province\/ may import/],
  ['province/x.ts', "import { openDb } from '../db/open.ts';", /province\/ may import/],
  ['province/x.ts', "import { startHub } from '../main/cli/hub.ts';", /province\/ may import/],
  ['province/x.ts', "import type { BrowserWindow } from 'electron';", /province\/ uses pg, Node/],
  ['province/x.ts', "import React from 'react';", /province\/ uses pg, Node/],
  ['renderer/src/x.ts', "import { JournalIngest } from '../../province/ingest.ts';", /renderer runs in Chromium/],
  ['main/hub/x.ts', "import { startProvince } from '../../province/server.ts';", /main\/ may import main\/, db\/ and hardware\//],
  // A new top-level folder is in no room until eslint.config.js gives it one.
  ['newroom/x.ts', 'export const a = 1;', /in no room of eslint\.config\.js/],
];

const allowed: [string, string][] = [
  ['main/hub/x.ts', "import { QueueEngine } from '../queue/engine.ts';"],
  ['main/devices/x.ts', "import { QueueEngine } from '../queue/engine.ts';"],
  ['main/queue/x.ts', "import { composeAnnouncement } from '../voice/announcement.ts';"],
  ['main/queue/x.ts', "import { getTicket } from '../../db/tickets.ts';"],
  ['renderer/src/x.ts', "import { Ticket } from '../../main/contract/index.ts';"],
  ['db/x.ts', "import Database from 'better-sqlite3';"],
  ['main/electron/x.ts', "import type { BrowserWindow } from 'electron';"],
  ['tools/x.ts', "import { startHub } from '../main/hub/hub.ts';"],
  ['province/x.ts', "import pg from 'pg';"],
  ['province/x.ts', "import { createPipeline } from '../main/hub/api/http.ts';"],
  ['province/x.ts', "import { isMainModule } from '../main/cli/paths.ts';"],
  ['province/x.ts', "import { FailureLimiter } from '../main/base/rateLimit.ts';"],
  ['province/x.ts', "import { provinceEndpoints } from '../main/contract/index.ts';"],
];

describe('lint zones', () => {
  it.each(refused)('%s: %s is refused', async (file, code, why) => {
    const found = await problems(file, `${code}\nexport {};\n`);
    expect(
      found.some((p) => why.test(p)),
      found.join('\n'),
    ).toBe(true);
  });

  it.each(allowed)('%s: %s is allowed', async (file, code) => {
    const found = await problems(file, `${code}\nexport {};\n`);
    expect(found.filter((p) => /no-restricted/.test(p))).toEqual([]);
  });
});
