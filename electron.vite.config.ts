import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'

// package.json has no "type": "module", so main and preload are emitted as CommonJS: a sandboxed
// preload must be CJS. electron-vite externalizes "dependencies" (only the native modules: node-hid,
// noble, dbus-next) and bundles "devDependencies" (chart.js, svelte, ...).
// Every bundle is minified (electron-vite leaves main and preload as they are by default, and the
// renderer unminified parses and paints measurably later); `npm run bench -- bundle` prints sizes.
export default defineConfig({
  main: {
    build: {
      minify: true,
      lib: { entry: resolve(__dirname, 'src-main/index.ts') }
    }
  },
  preload: {
    build: {
      minify: true,
      // sandbox: true => the preload may only require('electron'); bundle everything else into it.
      externalizeDeps: false,
      lib: { entry: resolve(__dirname, 'src-main/preload.ts') }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    build: {
      minify: true,
      rolldownOptions: { input: resolve(__dirname, 'src-renderer/index.html') }
    },
    plugins: [svelte()]
  }
})
