/**
 * The learner as a feature on the real core: its model file in the user-data folder, the
 * summary the "What works for you" screen shows, reset and export from Settings, the notice for
 * an unreadable or newer model file, and the settings that steer the choice.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ChoiceContext } from '../../learning/options'
import { MODEL_FILE, parseModel } from '../../learning/store'
import { LEARNING_VERSION } from '../../learning/model'
import type { Notice } from '../../shared/contract'
import { coreRig, disposeCoreRigs, rigTempDir, type CoreRigOptions } from '../testSupport/coreRig'
import type { LearnerService } from './featureContext'
import { learningFeature } from './learningFeature'

afterEach(disposeCoreRigs)

const HIGH: ChoiceContext = {
  state: 'high',
  score: 2,
  localHour: 9,
  drillFollows: false,
  safety: 'not-done',
  tired: false
}

/** A core with the learning feature, started; `learner` is the service it offers the session engine. */
async function started(options: CoreRigOptions = {}) {
  let offered: LearnerService | undefined
  const rig = coreRig({
    prefix: 'limbic-learn-',
    features: [
      (ctx) => {
        const feature = learningFeature(ctx)
        offered = feature.learner
        return feature
      }
    ],
    ...options
  })
  await rig.core.start()
  if (!offered) throw new Error('the learning feature offers no learner')
  return { ...rig, learner: offered }
}

const notices = (rig: { events(name: 'app:notice'): unknown[] }): Notice[] =>
  rig.events('app:notice') as Notice[]

describe('learningFeature', () => {
  it('a fresh person: "still learning" in both states, no sessions, no notice and no file yet', async () => {
    const rig = await started()
    const s = await rig.h['learning:summary']()
    expect(s.adaptive).toBe(true)
    expect(s.allowControl).toBe(true)
    expect(s.decisions).toBe(0)
    expect(s.states.map((x) => x.state)).toEqual(['high', 'low'])
    for (const st of s.states) {
      expect(st.stillLearning).toBe(true)
      expect(st.best).toBeNull()
      expect(st.messageKey).toBe('learning.summary.still-learning')
      for (const o of st.options) expect(o.sessions).toBe(0)
    }
    // every protocol of the state is in this build, resonance breathing included
    expect(s.states[0]!.options.map((o) => o.option)).toEqual([
      'sigh-short',
      'sigh-standard',
      'panoramic-vision',
      'resonance',
      'sit-quietly'
    ])
    expect(notices(rig)).toEqual([])
    expect(existsSync(join(rig.userDataDir, MODEL_FILE))).toBe(false)
  })

  it('what the session engine records is saved, counted in the summary and still there after a relaunch', async () => {
    const rig = await started()
    const service = rig.learner
    const d = await service.prescribe(HIGH, 'S1')
    expect(d.options).toContain(d.chosen)
    // Super-oxygenation is not a remedy for over-arousal: the pick is refused and nothing is saved.
    const before = readFileSync(join(rig.userDataDir, MODEL_FILE), 'utf8')
    await expect(service.personChose('S1', 'super-oxygenation')).rejects.toThrow(/not available/)
    expect(readFileSync(join(rig.userDataDir, MODEL_FILE), 'utf8')).toBe(before)
    const other = d.chosen === 'sigh-short' ? 'sigh-standard' : 'sigh-short'
    await service.personChose('S1', other)
    const r = await service.outcome('S1', { stage: 'recheck', dScore: -1 })
    expect(r.feedback.values.option).toBe(other)
    const onDisk = parseModel(readFileSync(join(rig.userDataDir, MODEL_FILE), 'utf8'))
    expect(onDisk.decisions).toHaveLength(1)
    expect(onDisk.decisions[0]!.chosen).toBe(other)
    expect(onDisk.decisions[0]!.chosenBy).toBe('person')
    expect(onDisk.decisions[0]!.recheck?.reward).toBe(2)

    const again = await started({ userDataDir: rig.userDataDir })
    const s = await again.h['learning:summary']()
    expect(s.decisions).toBe(1)
    const picked = s.states[0]!.options.find((o) => o.option === other)!
    expect(picked.sessions).toBe(1)
    expect(notices(again)).toEqual([])
  })

  it.each([
    ['corrupt', '{"schema": "limbic-learning", "vers', 'learning-reset', /\.corrupt-.*\.bak$/],
    [
      'newer',
      JSON.stringify({
        schema: 'limbic-learning',
        version: LEARNING_VERSION + 1,
        nextSeed: 1,
        decisions: []
      }),
      'learning-newer',
      /\.newer-.*\.bak$/
    ]
  ])(
    'a %s model file is kept as a backup, learning restarts from the priors and the person is told',
    async (_label, content, kind, backupName) => {
      const dir = rigTempDir('limbic-learn-bad-')
      writeFileSync(join(dir, MODEL_FILE), content)
      const rig = await started({ userDataDir: dir })
      const [notice] = notices(rig).filter((n) => n.kind.startsWith('learning-'))
      expect(notice?.kind).toBe(kind)
      expect(notice!.backupPath).toMatch(backupName)
      expect(readFileSync(notice!.backupPath, 'utf8')).toBe(content)
      expect(existsSync(join(dir, MODEL_FILE))).toBe(false)
      expect((await rig.h['app:notices']()).map((n) => n.kind)).toContain(kind)
      const s = await rig.h['learning:summary']()
      expect(s.decisions).toBe(0)
      // learning goes on, into a new file
      await rig.learner.prescribe(HIGH, 'S1')
      expect(parseModel(readFileSync(join(dir, MODEL_FILE), 'utf8')).decisions).toHaveLength(1)
    }
  )

  it('reset keeps the old model as a backup and starts from the priors; export writes a copy into the chosen folder', async () => {
    const exportDir = rigTempDir('limbic-learn-export-')
    let answer: string | null = exportDir
    const rig = await started({
      dialogs: {
        chooseExportDirectory: async () => answer,
        chooseImportFiles: async () => [],
        chooseSessionsDirectory: async () => null
      }
    })
    await rig.learner.prescribe(HIGH, 'S1')
    const saved = readFileSync(join(rig.userDataDir, MODEL_FILE), 'utf8')

    const exported = await rig.h['learning:export']()
    expect(exported.path?.startsWith(exportDir)).toBe(true)
    expect(readFileSync(exported.path!, 'utf8')).toBe(saved)
    answer = null
    expect(await rig.h['learning:export']()).toEqual({ path: null })
    expect(readdirSync(exportDir)).toHaveLength(1)

    const reset = await rig.h['learning:reset']()
    expect(readFileSync(reset.backupPath!, 'utf8')).toBe(saved)
    expect(reset.summary.decisions).toBe(0)
    expect(parseModel(readFileSync(join(rig.userDataDir, MODEL_FILE), 'utf8')).decisions).toEqual([])
    expect((await rig.h['learning:summary']()).decisions).toBe(0)
  })

  it('adaptive choice off applies the plain rule; a person who opted out is never offered the control', async () => {
    const rig = await started({ settings: { learning: { adaptive: false, allowControl: true } } })
    const d = await rig.learner.prescribe(HIGH, 'R1')
    expect(d.chosen).toBe('sigh-standard')
    expect(d.reasonKey).toBe('learning.reason.rule')
    expect((await rig.h['learning:summary']()).adaptive).toBe(false)

    rig.settings.update({ learning: { adaptive: true, allowControl: false } })
    for (let i = 0; i < 40; i++) {
      const x = await rig.learner.prescribe(HIGH, `C${i}`)
      expect(x.options).not.toContain('sit-quietly')
    }
    expect((await rig.h['learning:summary']()).allowControl).toBe(false)
  })
})
