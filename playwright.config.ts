import { defineConfig } from '@playwright/test'
import { e2eMode } from './e2e/harness/mode'

const mode = e2eMode()

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/harness/buildPreload.ts',
  // Four tests at a time, from any file (each test has its own user-data folder, main core and
  // browser context, so none depends on another's order). The person's seconds are skipped
  // (`app.skip`), so what remains is CPU work plus round trips to the page: on 2 cores four workers
  // finished the suite in 3.2 min, two in 4.1 min, six in 3.5 min (issue 20, item 7).
  fullyParallel: true,
  workers: 4,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  // The project name shows in every test line, so a run says which mode it used.
  projects: [{ name: mode === 'electron' ? 'electron' : 'chromium-harness' }],
  outputDir: 'test-results'
})
