import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'

// package.json has no "type": "module", so main and preload are emitted as CommonJS: a sandboxed
// preload must be CJS. electron-vite externalizes "dependencies" (only the native modules: node-hid,
// noble, dbus-next) and bundles "devDependencies" (electron-store, chart.js, svelte, ...).
export default defineConfig({
  main: {
    build: {
      lib: { entry: resolve(__dirname, 'src-main/index.ts') }
    }
  },
  preload: {
    build: {
      // sandbox: true => the preload may only require('electron'); bundle everything else into it.
      externalizeDeps: false,
      lib: { entry: resolve(__dirname, 'src-main/preload.ts') }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    build: {
      rolldownOptions: { input: resolve(__dirname, 'src-renderer/index.html') }
    },
    plugins: [svelte()]
  }
})
