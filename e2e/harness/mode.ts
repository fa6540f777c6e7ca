/**
 * Which way the e2e suite runs: through a real Electron binary when one is installed (a
 * developer's laptop after `npx install-electron`), otherwise the built renderer in Debian
 * Chromium with the main-process core in Node. Never require('electron') to find out: since
 * Electron 42 that tries to download the binary.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export type E2eMode = 'electron' | 'chromium'

export const repoRoot = join(__dirname, '..', '..')

export function electronBinary(): string | null {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  const dist = override ?? join(repoRoot, 'node_modules', 'electron', 'dist')
  const pathTxt = join(repoRoot, 'node_modules', 'electron', 'path.txt')
  if (!existsSync(pathTxt)) return null
  const exe = join(dist, readFileSync(pathTxt, 'utf8').trim())
  return existsSync(exe) ? exe : null
}

export function e2eMode(): E2eMode {
  const forced = process.env.E2E_MODE
  if (forced === 'electron') {
    if (!electronBinary())
      throw new Error('E2E_MODE=electron but no Electron binary: run `npx install-electron` first')
    return 'electron'
  }
  if (forced === 'chromium') return 'chromium'
  return electronBinary() ? 'electron' : 'chromium'
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--mute-audio'
]
