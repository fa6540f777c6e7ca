import { defineConfig } from 'vitest/config'
import { svelte } from '@sveltejs/vite-plugin-svelte'

// Two projects: the main-process core in plain Node, and renderer logic (flow machines, formatting,
// i18n, small components) in jsdom. Neither may load the real `electron` module.
// Speed (issue 20, item 7): the main project's files share one module graph per worker
// (`isolate: false`: importing the core again for each of ~120 files cost a third of the run); its
// tests keep no state between files (fresh temp dirs, clocks and cores per test). Renderer files
// that need no DOM say `// @vitest-environment node` on their first line: building a jsdom window
// per file was most of that project's time. Renderer files stay isolated: the flow store is a
// shared singleton that component tests drive.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'main',
          environment: 'node',
          include: ['src-main/**/*.test.ts', 'scripts/**/*.test.ts'],
          setupFiles: ['src-main/testSupport/fastCheckSeed.ts'],
          isolate: false,
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
