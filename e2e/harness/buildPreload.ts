/**
 * Playwright globalSetup: bundles the REAL src-main/preload.ts for the browser, with `electron`
 * replaced by the shim, into e2e/.cache/preload.js (injected with addInitScript). Chromium mode only.
 */
import { join } from 'node:path'
import { existsSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { e2eMode, repoRoot } from './mode'

export const PRELOAD_BUNDLE = join(repoRoot, 'e2e', '.cache', 'preload.js')

export default async function globalSetup(): Promise<void> {
  const mode = e2eMode()
  console.log(
    mode === 'electron'
      ? 'E2E mode: electron (real Electron binary via Playwright _electron)'
      : 'E2E mode: chromium (built renderer in Debian Chromium, real preload + main core in Node)'
  )
  if (!existsSync(join(repoRoot, 'out', 'renderer', 'index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build` (npm run e2e does it in pree2e)')
  }
  if (mode !== 'chromium') return
  const r = spawnSync(process.execPath, [join(repoRoot, 'e2e', 'harness', 'build-preload.mjs')], {
    stdio: 'inherit'
  })
  if (r.status !== 0) throw new Error('bundling the preload for the harness failed')
}
