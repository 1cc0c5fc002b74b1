import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Served by the API at /console (same origin: the API key never crosses origins); built into dist/console.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    // CONSOLE_OUT_DIR: the tests build beside their own compiled apps.
    outDir: process.env.CONSOLE_OUT_DIR ?? fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      // React Query marks its modules "use client" for server-component bundlers; a browser-only build drops it.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
