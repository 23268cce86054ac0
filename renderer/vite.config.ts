import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
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
