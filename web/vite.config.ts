/**
 * Vite configuration of the web app. `npm run build:web` writes web/dist, which the API serves.
 * `npm run dev:web` serves the app with hot reload and proxies /api to the API on port 3000.
 */
import react from '@vitejs/plugin-react';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/** The first-screen budget of the web app: JavaScript loaded before any lazy route, gzipped. */
const firstScreenBudgetBytes = 300 * 1024;

/**
 * Prints the gzipped size of the entry chunk and every chunk it imports statically, which is the
 * JavaScript a browser loads before the first screen, and fails the build above the budget.
 */
function reportFirstScreenSize(): Plugin {
  return {
    name: 'khidmat-first-screen-size',
    apply: 'build',
    generateBundle(_options, bundle) {
      const entries = Object.values(bundle).filter(
        (output) => output.type === 'chunk' && output.isEntry,
      );
      const seen = new Set<string>();
      const pending = entries.map((entry) => entry.fileName);
      let total = 0;
      const lines: string[] = [];
      while (pending.length > 0) {
        const fileName = pending.pop() as string;
        if (seen.has(fileName)) continue;
        seen.add(fileName);
        const output = bundle[fileName];
        if (!output || output.type !== 'chunk') continue;
        const size = gzipSync(output.code).length;
        total += size;
        lines.push(`  ${fileName}: ${(size / 1024).toFixed(1)} KiB gzipped`);
        pending.push(...output.imports);
      }
      const summary = `first screen JavaScript: ${(total / 1024).toFixed(1)} KiB gzipped (budget ${firstScreenBudgetBytes / 1024} KiB)`;
      console.log(['', summary, ...lines.sort()].join('\n'));
      if (total > firstScreenBudgetBytes) {
        this.error(`${summary}: over budget; lazy-load more of the app`);
      }
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), reportFirstScreenSize()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
