// The contract split for the hall screens (#24): the zod-free route table the renderer's client is
// built on equals the schema table the hub validates with, name by name; and the built kiosk,
// displays, rating tablet and counter load no chunk holding zod (the manager still does).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { endpoints, routes } from '../../main/contract/index.ts';
import { repoRoot } from '../helpers/child.ts';

describe('the route table', () => {
  it('names every endpoint of the schema table, with the same method, path and access', () => {
    const fromSchemas = Object.fromEntries(
      Object.entries(endpoints).map(([name, e]) => [name, { method: e.method, path: e.path, access: [...e.access] }]),
    );
    const fromRoutes = Object.fromEntries(
      Object.entries(routes).map(([name, r]) => [name, { method: r.method, path: r.path, access: [...r.access] }]),
    );
    expect(fromRoutes).toEqual(fromSchemas);
  });
});

interface ManifestChunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const rendererDir = join(repoRoot, 'dist', 'renderer');
const manifestFile = join(rendererDir, '.vite', 'manifest.json');
/** Strings only zod's own code holds (its error class and its schema base class, by name). */
const ZOD_CODE = /\$?Zod(?:Error|Type)\b/;

function manifest(): Record<string, ManifestChunk> {
  if (!existsSync(manifestFile)) throw new Error(`${manifestFile} is missing: build first (flock /tmp/motcua-build.lock npm run build)`);
  return JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;
}

/**
 * The files a screen runs: the entry and the renderer's root with what they import statically (the
 * entry's dynamic imports are the other screens), then the screen's chunk with everything it imports,
 * statically or later.
 */
function filesOf(screen: string): string[] {
  const chunks = manifest();
  const files = new Set<string>();
  const walk = (key: string, dynamic: boolean) => {
    const chunk = chunks[key];
    if (chunk === undefined) throw new Error(`no chunk ${key} in the renderer's manifest`);
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const k of chunk.imports ?? []) walk(k, dynamic);
    if (dynamic) for (const k of chunk.dynamicImports ?? []) walk(k, dynamic);
  };
  walk('index.html', false);
  // the pages' script (src/main.tsx), a chunk of its own since index.html and kiosk.html share it
  for (const [key, chunk] of Object.entries(chunks)) if (chunk.name === 'main' && !chunk.src) walk(key, false);
  walk('src/render.tsx', false);
  walk(screen, true);
  return [...files];
}

const withZod = (files: string[]) => files.filter((f) => ZOD_CODE.test(readFileSync(join(rendererDir, f), 'utf8')));

describe('the hall screens load without zod', () => {
  for (const screen of [
    'src/kiosk/Kiosk.tsx',
    'src/display/HallDisplay.tsx',
    'src/display/CounterDisplay.tsx',
    'src/rating/RatingScreen.tsx',
    'src/counter/CounterConsole.tsx',
  ]) {
    it(screen, () => {
      const files = filesOf(screen);
      expect(files.length).toBeGreaterThan(2);
      expect(withZod(files)).toEqual([]);
    });
  }

  it('while the manager, whose forms validate with the schemas, does load it (the check sees zod)', () => {
    expect(withZod(filesOf('src/manager/Manager.tsx')).length).toBeGreaterThan(0);
  });
});
