import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const here = fileURLToPath(new URL('.', import.meta.url));
// `npm run dev:web` talks to the API on API_URL (default the demo's http://127.0.0.1:3000).
const api = process.env.API_URL ?? 'http://127.0.0.1:3000';

const outDir = fileURLToPath(new URL('../../dist/web', import.meta.url));

/**
 * Writes `.br` and `.gz` beside every script and style sheet once, at build time, so the API sends
 * them compressed (@fastify/static `preCompressed`) without compressing on every request.
 */
function precompress(): Plugin {
  return {
    name: 'jishan-precompress',
    apply: 'build',
    closeBundle() {
      const assets = join(outDir, 'assets');
      for (const f of readdirSync(assets).filter((n) => /\.(js|css|svg)$/.test(n))) {
        const body = readFileSync(join(assets, f));
        writeFileSync(join(assets, `${f}.gz`), gzipSync(body, { level: 9 }));
        writeFileSync(
          join(assets, `${f}.br`),
          brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

export default defineConfig({
  root: here,
  plugins: [react(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    // Phones on village networks: no source maps shipped, one chunk per route (React.lazy).
    sourcemap: false,
    chunkSizeWarningLimit: 900,
  },
  server: {
    port: 5173,
    proxy: { '/api': api, '/docs': api, '/health': api, '/admin': api },
  },
});
