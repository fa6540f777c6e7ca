import { defineConfig } from '@playwright/test'
import { e2eMode } from './e2e/harness/mode'

const mode = e2eMode()

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/harness/buildPreload.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  // The project name shows in every test line, so a run says which mode it used.
  projects: [{ name: mode === 'electron' ? 'electron' : 'chromium-harness' }],
  outputDir: 'test-results'
})
