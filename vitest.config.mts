import { defineConfig } from 'vitest/config'
import { svelte } from '@sveltejs/vite-plugin-svelte'

// Two projects: the main-process core in plain Node, and renderer logic (flow machines, formatting,
// i18n, small components) in jsdom. Neither may load the real `electron` module.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'main',
          environment: 'node',
          include: ['src-main/**/*.test.ts', 'scripts/**/*.test.ts'],
          setupFiles: ['src-main/testSupport/fastCheckSeed.ts'],
          testTimeout: 20000
        }
      },
      {
        plugins: [svelte()],
        resolve: { conditions: ['browser'] },
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['src-renderer/**/*.test.ts'],
          setupFiles: ['src-main/testSupport/fastCheckSeed.ts']
        }
      }
    ]
  }
})
