import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { choose, recordOutcome } from './engine'
import { LEARNING_VERSION, emptyModel } from './model'
import { DEFAULT_LEARNER_SETTINGS } from './options'
import { MODEL_FILE, exportModel, loadModel, resetModel, saveModel } from './store'

const T0 = Date.UTC(2026, 2, 1, 9)
const folder = (): Promise<string> => mkdtemp(join(tmpdir(), 'limbic-learning-'))

function trainedModel() {
  const c = choose(
    emptyModel(T0, 11),
    { state: 'high', score: 2, localHour: 8, drillFollows: true, safety: 'not-done', tired: false },
    DEFAULT_LEARNER_SETTINGS,
    T0,
    'd1'
  )
  return recordOutcome(c.model, 'd1', { stage: 'recheck', dScore: -0.7 }, T0).model
}

describe('learning model store', () => {
  it('a missing file is a fresh start from the priors, without a notice', async () => {
    const dir = await folder()
    const r = await loadModel(dir, T0)
    expect(r.notice).toBeNull()
    expect(r.model.decisions).toEqual([])
  })

  it('saves atomically (no temporary file left) and loads back exactly', async () => {
    const dir = await folder()
    const model = trainedModel()
    await saveModel(dir, model)
    expect(await readdir(dir)).toEqual([MODEL_FILE])
    const r = await loadModel(dir, T0)
    expect(r.notice).toBeNull()
    expect(r.model).toEqual(model)
    expect(await readFile(join(dir, MODEL_FILE), 'utf8')).toBe(exportModel(model))
  })

  it('a corrupt file is kept as a backup byte for byte, the engine restarts from priors and says so', async () => {
    for (const bad of [
      '{"schema":"limbic-learning","version":1,"nextSeed":',
      '[]',
      '{"schema":"limbic-learning","version":1,"nextSeed":3,"decisions":[{"id":5}]}'
    ]) {
      const dir = await folder()
      await writeFile(join(dir, MODEL_FILE), bad)
      const r = await loadModel(dir, T0)
      expect(r.model.decisions).toEqual([])
      expect(r.notice).toMatchObject({ kind: 'corrupt', messageKey: 'learning.notice.corrupt-reset' })
      expect(await readFile(r.notice!.backupPath, 'utf8')).toBe(bad)
      expect(await readdir(dir)).not.toContain(MODEL_FILE)
      // the next save does not touch the backup
      await saveModel(dir, r.model)
      expect(await readFile(r.notice!.backupPath, 'utf8')).toBe(bad)
    }
  })

  it('a file from a newer version is kept as a backup, not overwritten, and the person is told', async () => {
    const dir = await folder()
    const newer = JSON.stringify({ ...trainedModel(), version: LEARNING_VERSION + 1, futureField: [1, 2] })
    await writeFile(join(dir, MODEL_FILE), newer)
    const r = await loadModel(dir, T0)
    expect(r.notice).toMatchObject({ kind: 'newer-version', messageKey: 'learning.notice.newer-version' })
    expect(r.notice!.backupPath).toMatch(/newer/)
    expect(await readFile(r.notice!.backupPath, 'utf8')).toBe(newer)
    expect(r.model.decisions).toEqual([])
  })

  it('reset keeps the old model as a backup and saves a fresh one; export is the stored JSON', async () => {
    const dir = await folder()
    const model = trainedModel()
    await saveModel(dir, model)
    const r = await resetModel(dir, T0 + 1000)
    expect(r.model.decisions).toEqual([])
    expect(JSON.parse(await readFile(r.backupPath!, 'utf8'))).toEqual(JSON.parse(exportModel(model)))
    expect((await loadModel(dir, T0)).model.decisions).toEqual([])
    expect((await resetModel(await folder(), T0)).backupPath).toBeNull()
  })
})
