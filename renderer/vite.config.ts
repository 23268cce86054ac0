import { defineConfig, type HtmlTagDescriptor, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

/** The typeface files every screen's first frame draws with (all three subsets, regular and bold). */
const FIRST_FRAME_FONTS = /be-vietnam-pro-(vietnamese|latin|latin-ext)-(400|700)-normal-[\w-]+\.woff2$/;

/**
 * Every route renders through render.tsx (React DOM): its chunks and the first frame's fonts are
 * fetched while the page parses, not after the entry has run and asked for them, and the entry does
 * not wait for the stylesheet (#24). The hub's Content-Security-Policy allows no inline script, so
 * this is plain <link> preloads. The kiosk's own page (kiosk.html) also preloads the kiosk's chunks,
 * which the entry would otherwise only ask for once it has run.
 */
function preloadFirstFrame(): Plugin {
  return {
    name: 'motcua-preload-first-frame',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        // the page's own entry and what it imports, which Vite preloads already
        const files = new Set<string>(
          [...html.matchAll(/<(?:link rel="modulepreload"|script type="module")[^>]* (?:href|src)="\/([^"]+)"/g)].map((m) => m[1] ?? ''),
        );
        const preloads = (root: string): HtmlTagDescriptor[] => {
          const found: string[] = [];
          const walk = (file: string) => {
            const chunk = bundle[file];
            if (!chunk || chunk.type !== 'chunk' || files.has(file)) return;
            files.add(file);
            found.push(file);
            chunk.imports.forEach(walk);
          };
          const chunk = Object.values(bundle).find((c) => c.type === 'chunk' && c.facadeModuleId?.endsWith(root));
          if (!chunk) throw new Error(`renderer: no chunk for ${root}`);
          walk(chunk.fileName);
          return found.map((file) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
            injectTo: 'head',
          }));
        };
        const tags = preloads('/src/render.tsx');
        for (const file of Object.keys(bundle)
          .filter((f) => FIRST_FRAME_FONTS.test(f))
          .sort()) {
          tags.push({
            tag: 'link',
            attrs: { rel: 'preload', as: 'font', type: 'font/woff2', crossorigin: true, href: `/${file}` },
            injectTo: 'head',
          });
        }
        // The kiosk's own page: its screen's code too, which its entry would otherwise only ask for
        // once it has run (after React DOM and the typeface, which every frame needs first).
        if (ctx.filename.endsWith('/kiosk.html')) tags.push(...preloads('/src/kiosk/Kiosk.tsx'));
        // The entry runs as soon as it arrives instead of after the stylesheet has been parsed (a
        // deferred script waits for it; an async one does not): the kiosk's requests and its route's
        // code start earlier. Nothing is painted before the stylesheet either way (it is render-blocking).
        const entry = '<script type="module" crossorigin';
        if (!html.includes(entry)) throw new Error('renderer/index.html: the entry script tag changed');
        return { html: html.replace(entry, '<script type="module" async crossorigin'), tags };
      },
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react(), preloadFirstFrame()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Which chunks each screen loads (.vite/manifest.json): tests/main/contractRoutes.test.ts checks
    // from it that the hall screens load no zod (#24).
    manifest: true,
    rollupOptions: {
      // every role's page, and the kiosk's own (served by the hub for /kiosk)
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        kiosk: fileURLToPath(new URL('kiosk.html', import.meta.url)),
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8686', '/ws': { target: 'ws://127.0.0.1:8686', ws: true } },
  },
});
