import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// kysely and zod are ESM-only packages; bundling them keeps the CommonJS main build loadable in
// both Electron and plain Node. sqlite3 is native and must stay external.
const bundledDeps = ['kysely', 'zod'];

export default defineConfig({
  main: {
    build: {
      externalizeDeps: { exclude: bundledDeps },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          web: resolve(__dirname, 'electron/web/index.ts'),
          // The import's worker thread (runInWorker.ts finds it beside the bundle).
          importWorker: resolve(__dirname, 'electron/core/features/files/import/worker.ts'),
          // The print font's thread (print/fontThread.ts finds it beside the bundle).
          printFontWorker: resolve(__dirname, 'electron/core/features/print/fontWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
