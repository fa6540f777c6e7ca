/**
 * The learner's model on disk (issue 16, item 6): `learning-model.json` in a folder the caller
 * gives (the app's user-data folder). Versioned (schema + version); written atomically (a
 * temporary file in the same folder, then rename, so a crash leaves the old or the new file,
 * never half of one).
 *
 * Loading never loses data and never throws on a bad file: an unreadable, corrupt or
 * newer-version file is renamed to `learning-model.json.<reason>-<UTC stamp>.bak`, the engine
 * restarts from the priors, and the result carries a notice (message key for the renderer):
 *   learning.notice.corrupt-reset     the file could not be read as a model
 *   learning.notice.newer-version     written by a newer Limbic; kept, not overwritten
 * A missing file is simply a fresh start (no notice).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  LEARNING_SCHEMA,
  LEARNING_VERSION,
  emptyModel,
  type DecisionRecord,
  type LearnerModel
} from './model'
import { OPTION_IDS } from './options'

export const MODEL_FILE = 'learning-model.json'

export interface LoadNotice {
  kind: 'corrupt' | 'newer-version'
  messageKey: 'learning.notice.corrupt-reset' | 'learning.notice.newer-version'
  backupPath: string
  reason: string
}

export interface LoadResult {
  model: LearnerModel
  notice: LoadNotice | null
}

const isObj = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x)
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x)
const isOption = (x: unknown): boolean => (OPTION_IDS as readonly unknown[]).includes(x)

function checkDecision(d: unknown, i: number): DecisionRecord {
  const bad = (why: string): never => {
    throw new Error(`decision ${i}: ${why}`)
  }
  if (!isObj(d)) return bad('not an object')
  if (typeof d.id !== 'string' || !isNum(d.atMs)) bad('id/atMs')
  const c = d.context
  if (!isObj(c) || (c.state !== 'high' && c.state !== 'low') || !isNum(c.score) || !isNum(c.localHour))
    bad('context')
  if (!Array.isArray(d.options) || !d.options.every(isOption)) bad('options')
  if (
    !Array.isArray(d.probabilities) ||
    !d.probabilities.every(isNum) ||
    d.probabilities.length !== (d.options as unknown[]).length
  )
    bad('probabilities')
  if (!Array.isArray(d.pBestOptions) || !d.pBestOptions.every(isOption)) bad('pBestOptions')
  if (
    !Array.isArray(d.pBest) ||
    !d.pBest.every(isNum) ||
    d.pBest.length !== (d.pBestOptions as unknown[]).length
  )
    bad('pBest')
  if (!isOption(d.chosen) || !isOption(d.proposed)) bad('chosen/proposed')
  if (d.recheck !== null && !(isObj(d.recheck) && isNum(d.recheck.reward) && isNum(d.recheck.dScore)))
    bad('recheck')
  if (d.block !== null && !(isObj(d.block) && isNum(d.block.reward))) bad('block')
  return d as unknown as DecisionRecord
}

/** Parse a model document; throws with the reason. `newer` marks a version this app cannot read. */
export function parseModel(text: string): LearnerModel {
  const raw: unknown = JSON.parse(text)
  if (!isObj(raw) || raw.schema !== LEARNING_SCHEMA) throw new Error('not a Limbic learning model')
  if (!isNum(raw.version)) throw new Error('no version')
  if (raw.version > LEARNING_VERSION)
    throw Object.assign(new Error(`version ${raw.version} is newer than ${LEARNING_VERSION}`), {
      newer: true
    })
  if (!isNum(raw.nextSeed) || !Array.isArray(raw.decisions)) throw new Error('missing nextSeed/decisions')
  return {
    schema: LEARNING_SCHEMA,
    version: LEARNING_VERSION,
    createdUtc: typeof raw.createdUtc === 'string' ? raw.createdUtc : new Date(0).toISOString(),
    nextSeed: raw.nextSeed >>> 0,
    decisions: raw.decisions.map(checkDecision)
  }
}

const stamp = (nowMs: number): string => new Date(nowMs).toISOString().replace(/[:.]/g, '-')

export async function loadModel(folder: string, nowMs: number, seed = 1): Promise<LoadResult> {
  const path = join(folder, MODEL_FILE)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      return { model: emptyModel(nowMs, seed), notice: null }
    throw err // a permission problem is not a corrupt file: do not move it aside
  }
  try {
    return { model: parseModel(text), notice: null }
  } catch (err) {
    const newer = (err as { newer?: boolean }).newer === true
    const backupPath = `${path}.${newer ? 'newer' : 'corrupt'}-${stamp(nowMs)}.bak`
    await rename(path, backupPath)
    return {
      model: emptyModel(nowMs, seed),
      notice: {
        kind: newer ? 'newer-version' : 'corrupt',
        messageKey: newer ? 'learning.notice.newer-version' : 'learning.notice.corrupt-reset',
        backupPath,
        reason: (err as Error).message
      }
    }
  }
}

/** Write the model atomically (temp file + rename). */
export async function saveModel(folder: string, model: LearnerModel): Promise<void> {
  await mkdir(folder, { recursive: true })
  const path = join(folder, MODEL_FILE)
  const tmp = `${path}.${process.pid}.tmp`
  await writeFile(tmp, exportModel(model), 'utf8')
  await rename(tmp, path)
}

/** The model as the JSON text stored and exported. */
export function exportModel(model: LearnerModel): string {
  return JSON.stringify(model, null, 1) + '\n'
}

/** Settings -> reset: the old file is kept as a backup, a fresh model (priors only) is saved. */
export async function resetModel(
  folder: string,
  nowMs: number,
  seed = 1
): Promise<{ model: LearnerModel; backupPath: string | null }> {
  const path = join(folder, MODEL_FILE)
  let backupPath: string | null = `${path}.reset-${stamp(nowMs)}.bak`
  try {
    await rename(path, backupPath)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    backupPath = null
  }
  const model = emptyModel(nowMs, seed)
  await saveModel(folder, model)
  return { model, backupPath }
}
