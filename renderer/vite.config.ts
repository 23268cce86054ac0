import { defineConfig, type HtmlTagDescriptor, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

/** The typeface files every screen's first frame draws with (all three subsets, regular and bold). */
const FIRST_FRAME_FONTS = /be-vietnam-pro-(vietnamese|latin|latin-ext)-(400|700)-normal-[\w-]+\.woff2$/;

/**
 * Every route renders through render.tsx (React DOM): its chunks and the first frame's fonts are
 * fetched while the page parses, not after the entry has run and asked for them, and the entry does
 * not wait for the stylesheet (#24). The hub's Content-Security-Policy allows no inline script, so
 * this is plain <link> preloads, the same for every route.
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
        const files = new Set<string>();
        const walk = (file: string) => {
          const chunk = bundle[file];
          if (!chunk || chunk.type !== 'chunk' || files.has(file)) return;
          files.add(file);
          chunk.imports.forEach(walk);
        };
        for (const chunk of Object.values(bundle)) {
          if (chunk.type === 'chunk' && chunk.facadeModuleId?.endsWith('/src/render.tsx')) walk(chunk.fileName);
        }
        const tags: HtmlTagDescriptor[] = [...files].map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
          injectTo: 'head',
        }));
        for (const file of Object.keys(bundle)
          .filter((f) => FIRST_FRAME_FONTS.test(f))
          .sort()) {
          tags.push({
            tag: 'link',
            attrs: { rel: 'preload', as: 'font', type: 'font/woff2', crossorigin: true, href: `/${file}` },
            injectTo: 'head',
          });
        }
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
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8686', '/ws': { target: 'ws://127.0.0.1:8686', ws: true } },
  },
});
