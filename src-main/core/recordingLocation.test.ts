/**
 * The sessions folder is the user's choice: chosen through main's dialog (the renderer never
 * passes a path), used by the next session, and resettable to the default.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { sessionFeature } from './features/sessionFeature'
import { coreRig, disposeCoreRigs, rigTempDir } from './testSupport/coreRig'

afterEach(disposeCoreRigs)

it('get / choose / cancel / reset the sessions folder; the next session is recorded there', async () => {
  const chosen = rigTempDir('limbic-chosen-')
  let answer: string | null = chosen
  const { core, settings, userDataDir } = coreRig({
    prefix: 'limbic-loc-',
    features: [sessionFeature],
    dialogs: {
      chooseExportDirectory: async () => null,
      chooseImportFiles: async () => [],
      chooseSessionsDirectory: async () => answer
    }
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
