import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The console's static build, served by the library (src/console): relative URLs, so any mount path works. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // The polyfill is an inline-free module too, but no browser the console supports needs it.
    modulePreload: { polyfill: false },
    // One small app: no source maps shipped to browsers of the people answering phones.
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
});
