/**
 * The sessions folder is the user's choice: chosen through main's dialog (the renderer never
 * passes a path), used by the next session, and resettable to the default.
 */
import { existsSync, mkdtempSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { afterEach, expect, it } from 'vitest'
import { systemClock } from '../devices/clock'
import { openSettingsStore, SettingsService, type StoreConstructor } from '../settings/openSettingsStore'
import { createAppCore, type AppCore } from './appCore'
import { sessionFeature } from './features/sessionFeature'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

it('get / choose / cancel / reset the sessions folder; the next session is recorded there', async () => {
  const userDataDir = mkdtempSync(join(tmpdir(), 'limbic-loc-'))
  const chosen = mkdtempSync(join(tmpdir(), 'limbic-chosen-'))
  let answer: string | null = chosen
  const settings = new SettingsService(openSettingsStore(Conf as unknown as StoreConstructor, userDataDir).kv)
  const core: AppCore = createAppCore({
    clock: systemClock,
    settings,
    emit: () => undefined,
    appVersion: '0.0.0',
    platform: 'linux',
    shell: 'harness',
    launchScanMs: 10,
    userDataDir,
    features: [sessionFeature],
    dialogs: {
      chooseExportDirectory: async () => null,
      chooseImportFiles: async () => [],
      chooseSessionsDirectory: async () => answer
    }
  })
  cleanups.push(async () => {
    await core.dispose()
    await rm(userDataDir, { recursive: true, force: true })
    await rm(chosen, { recursive: true, force: true })
  })
  const location = core.handlers['recording:location']
  const defaultDir = join(userDataDir, 'sessions')
  expect(await location({ action: 'get' })).toEqual({ path: defaultDir, custom: false, cancelled: false })

  expect(await location({ action: 'choose' })).toEqual({ path: chosen, custom: true, cancelled: false })
  expect(settings.get().recording.sessionsDir).toBe(chosen)
  const { id } = await core.handlers['session:start']()
  await core.handlers['session:end']()
  expect(existsSync(join(chosen, id, 'session.json'))).toBe(true)
  expect(existsSync(join(defaultDir, id))).toBe(false)

  answer = null // the user closes the dialog: nothing changes
  expect(await location({ action: 'choose' })).toEqual({ path: chosen, custom: true, cancelled: true })

  expect(await location({ action: 'reset' })).toEqual({ path: defaultDir, custom: false, cancelled: false })
  expect(settings.get().recording.sessionsDir).toBeNull()
})
