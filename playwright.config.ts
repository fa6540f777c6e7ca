import { defineConfig } from '@playwright/test'
import { e2eMode } from './e2e/harness/mode'

const mode = e2eMode()

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/harness/buildPreload.ts',
  // Two spec files at a time (each test has its own user-data folder, core and browser context):
  // most of a spec's time is the simulated person's real seconds, not CPU, so two run side by
  // side on a 2-core machine in about 60 % of the time one after the other (issue 20, item 7).
  // Tests inside one file still run in order.
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  // The project name shows in every test line, so a run says which mode it used.
  projects: [{ name: mode === 'electron' ? 'electron' : 'chromium-harness' }],
  outputDir: 'test-results'
})
