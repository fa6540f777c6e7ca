// Bundles the REAL src-main/preload.ts for the browser harness, with `electron` replaced by the
// shim, into e2e/.cache/preload.js. A plain-Node script (run as a child process) so it behaves the
// same under Playwright and under tsx (rolldown's native plugins dislike tsx's loader hooks).
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
await build({
  configFile: false,
  logLevel: 'warn',
  resolve: { alias: { electron: join(root, 'e2e', 'shims', 'electron-renderer.ts') } },
  build: {
    outDir: join(root, 'e2e', '.cache'),
    emptyOutDir: true,
    minify: false,
    lib: {
      entry: join(root, 'src-main', 'preload.ts'),
      formats: ['iife'],
      name: 'limbicPreload',
      fileName: () => 'preload.js'
    }
  }
})
