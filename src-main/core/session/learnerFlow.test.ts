/**
 * The learner wired into the session flow (issue 16), through the real core: the real learning
 * feature (its model file), the real session recording and main's session engine; the check-ins
 * are a probe answering the states each test needs. Proposal at the prescription, the person's
 * pick, the re-check's outcome, the block with its focus rating, decisions.csv, and safety.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ArousalState, CheckInKind, CheckInResult } from '../../shared/arousal'
import type { Settings } from '../../shared/settings'
import { invokeRequests } from '../../shared/contract'
import { result } from '../../shared/testSupport/checkInResult'
import { DECISIONS_COLUMNS } from '../../learning/decisionsCsv'
import { parseModel } from '../../learning/store'
import type { CheckIns, FeatureFactory } from '../features/featureContext'
import { learningFeature } from '../features/learningFeature'
import { sessionFeature } from '../features/sessionFeature'
import { coreRig, disposeCoreRigs, rigTempDir } from '../testSupport/coreRig'
import { sessionEngineFeature } from './sessionEngine'
import { restoreFlow } from './flowEngine'

afterEach(disposeCoreRigs)

type Patch = { [K in keyof Settings]?: Partial<Settings[K]> }

/** Check-ins that finish at once with `states[kind]`; the self-report is kept on the result. */
function probe(
  states: Partial<Record<CheckInKind, ArousalState>>,
  scores: Partial<Record<CheckInKind, number>>,
  unusable: readonly CheckInKind[] = []
) {
  let n = 0
  const results = new Map<string, CheckInResult>()
  const checkIns: CheckIns = {
    start: (kind) => {
      const id = `c${++n}`
      const r = result(kind, states[kind] ?? 'optimal', !unusable.includes(kind), id)
      if (r.arousal && scores[kind] !== undefined) r.arousal = { ...r.arousal, score: scores[kind]! }
      results.set(id, r)
      return { id, startedMs: 0, durationS: 60 }
    },
    finish: (id) => results.get(id)!,
    cancel: () => undefined,
    progress: () => null,
    selfReport: (id, report) => {
      const r = { ...results.get(id)!, selfReport: report }
      results.set(id, r)
      return r
    }
  }
  const feature: FeatureFactory = () => ({ handlers: {}, checkIns })
  return feature
}

async function launch(
  dir: string,
  states: Partial<Record<CheckInKind, ArousalState>>,
  opts: {
    scores?: Partial<Record<CheckInKind, number>>
    settings?: Patch
    learner?: boolean
    unusable?: CheckInKind[]
  } = {}
) {
  const rig = coreRig({
    userDataDir: dir,
    features: [
      sessionFeature,
      ...(opts.learner === false ? [] : [learningFeature]),
      probe(states, opts.scores ?? {}, opts.unusable),
      sessionEngineFeature
    ],
    simulator: { seed: 2 },
    settings: { timer: { blockMin: 1, notifications: false }, ...opts.settings } as Patch
  })
  await rig.settle(rig.core.start())
  return rig
}

function sessionDirs(dir: string): string[] {
  const root = join(dir, 'sessions')
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => join(root, d.name))
}

/** decisions.csv as rows of column -> text. */
function decisions(sessionDir: string): Record<string, string>[] {
  const [head, ...rows] = readFileSync(join(sessionDir, 'decisions.csv'), 'utf8').trim().split('\r\n')
  expect(head!.split(',')).toEqual([...DECISIONS_COLUMNS])
  return rows.map((line) => {
    // The test's values hold no quoted commas except the ;-lists, which have none either.
    const cells = line.split(',')
    return Object.fromEntries(DECISIONS_COLUMNS.map((c, i) => [c, cells[i] ?? '']))
  })
}

type Rig = Awaited<ReturnType<typeof launch>>

async function toPrescription(rig: Rig) {
  await rig.h['flow:start-check-in']({ kind: 'check-in' })
  await rig.h['flow:finish-check-in']()
  return rig.h['flow:continue']()
}

describe('the learner in the session flow', () => {
  it('over-aroused: proposal with its reason and alternatives -> the person picks the other dose -> re-check -> block -> focus rating -> decisions.csv', async () => {
    const dir = rigTempDir('limbic-learnflow-')
    const rig = await launch(
      dir,
      { 'check-in': 'high', 're-check': 'optimal' },
      { scores: { 'check-in': 2, 're-check': 0.4 } }
    )
    const rx = (await toPrescription(rig)).flow.prescription!
    const proposal = rx.proposal!
    // Over-arousal's options in this build: the sigh's two doses, panoramic vision, resonance
    // breathing, and the sit-quietly control (offered now and then).
    const HIGH_OPTIONS = ['sigh-short', 'sigh-standard', 'panoramic-vision', 'resonance', 'sit-quietly']
    expect(HIGH_OPTIONS).toContain(proposal.option)
    expect(rx).toMatchObject({
      prescribed: proposal.protocol,
      chosen: proposal.protocol,
      dose: proposal.dose
    })
    // A fresh person: no outcome yet, so the published effects decide (or the control is drawn).
    expect(['learning.reason.not-enough-data', 'learning.reason.control']).toContain(proposal.reason.key)
    // The person picks a sigh dose other than the proposal.
    const other = proposal.option === 'sigh-short' ? 'sigh-standard' : 'sigh-short'
    expect(proposal.alternatives).toContainEqual({
      option: other,
      protocol: 'sigh',
      dose: other === 'sigh-short' ? 'short' : 'full'
    })
    // Every other eligible option is offered as an alternative.
    expect(proposal.alternatives.map((a) => a.option).sort()).toEqual(
      HIGH_OPTIONS.filter((o) => o !== proposal.option).sort()
    )
    const [sdir] = sessionDirs(dir)
    const sessionId = sdir!.split('/').at(-1)!
    expect(proposal.decisionId).toBe(`${sessionId}:c1`)
    expect(decisions(sdir!)).toMatchObject([{ decision_id: proposal.decisionId, chosen_by: 'engine' }])

    // The person picks the other dose: the learner is told, the choice recorded.
    const otherDose = other === 'sigh-short' ? 'short' : 'full'
    const breathing = await rig.h['flow:choose-protocol']({ protocol: 'sigh', dose: otherDose })
    expect(breathing.flow.step).toBe('breathing')
    expect(breathing.flow.prescription).toMatchObject({ chosenOption: other, dose: otherDose })
    expect(decisions(sdir!)[0]).toMatchObject({
      chosen: other,
      chosen_by: 'person',
      reason: 'learning.reason.person-chose'
    })

    await rig.h['flow:protocol-ended']({ name: 'sigh', plannedS: 60, doneS: 60, completed: true })
    const gate = await rig.h['flow:finish-check-in']()
    expect(gate.flow.step).toBe('gate')
    // The probe's results carry no window: the change is re-check minus check-in score.
    expect(gate.flow.learning).toMatchObject({ recheckDone: true, awaitingRating: false })
    const afterRecheck = decisions(sdir!)[0]!
    expect(Number(afterRecheck.recheck_d_score)).toBeCloseTo(-1.6, 6)
    // -1.6 / 0.5 toward calm, clamped at 4 SWC.
    expect(Number(afterRecheck.recheck_reward)).toBe(3.2)

    // The block: two errors, one frustration, then it is stopped after 45 s of its minute.
    await rig.h['timer:start']({ task: null, phoneOut: null })
    await rig.h['timer:mark']({ kind: 'error' })
    await rig.h['timer:mark']({ kind: 'error' })
    await rig.h['timer:mark']({ kind: 'frustration' })
    await rig.run(45_000)
    await rig.h['timer:stop']()
    const finished = await rig.h['timer:finish']({ reflection: '' })
    expect(finished.flow.step).toBe('start')
    expect(finished.flow.learning).toMatchObject({
      decisionId: proposal.decisionId,
      awaitingRating: true,
      block: { minutesDone: 0.75, minutesPlanned: 1, errors: 2, frustrations: 1 },
      feedback: null
    })
    // A rating out of range (or not whole) never reaches main's engine: the contract refuses it.
    const rateFocus = invokeRequests['timer:rate-focus']
    for (const rating of [0, 6, 2.5, '4', undefined]) expect(() => rateFocus.parse({ rating })).toThrow()
    expect(rateFocus.parse({ rating: null })).toEqual({ rating: null })
    const rated = await rig.h['timer:rate-focus']({ rating: 4 })
    expect(rated.flow.learning).toMatchObject({ awaitingRating: false })
    expect(rated.flow.learning!.feedback!.key).toMatch(/^learning\.pe\.block\./)
    expect(rated.flow.learning!.feedback!.option).toBe(other)
    const row = decisions(sdir!)[0]!
    expect(row).toMatchObject({
      focus: '4',
      minutes_done: '0.75',
      minutes_planned: '1',
      errors: '2',
      frustrations: '1'
    })
    // focus +1, completion 2*(0.75-1) = -0.5, sustained: +0.1 per logged error/frustration.
    expect(Number(row.block_reward)).toBeCloseTo(0.8, 6)
    // A second rating changes nothing.
    const again = await rig.h['timer:rate-focus']({ rating: 1 })
    expect(again.rev).toBe(rated.rev)

    // The learner's model has it, and the summary counts it.
    const model = parseModel(readFileSync(join(dir, 'learning-model.json'), 'utf8'))
    expect(model.decisions).toHaveLength(1)
    expect(model.decisions[0]!.block?.focus).toBe(4)
    const summary = await rig.h['learning:summary']()
    expect(summary.states[0]!.options.find((o) => o.option === other)!.sessions).toBe(1)

    // events.csv has the decision with the prescription, the pick and the re-check's outcome.
    const events = readFileSync(join(sdir!, 'events.csv'), 'utf8')
    expect(events).toContain(proposal.decisionId)
    expect(events).toMatch(/learner-recheck-outcome/)
    expect(events).toMatch(/user-chose-other/)
  })

  it('a new check-in before the rating counts the rating as skipped (focus empty, block still learned)', async () => {
    const dir = rigTempDir('limbic-learnflow-skip-')
    const rig = await launch(dir, { 'check-in': 'high', 're-check': 'optimal' })
    const proposal = (await toPrescription(rig)).flow.prescription!.proposal!
    await rig.h['flow:choose-protocol']({ protocol: proposal.protocol, dose: proposal.dose })
    await rig.h['flow:protocol-ended']({ name: 'sigh', plannedS: 60, doneS: 60, completed: true })
    await rig.h['flow:finish-check-in']()
    await rig.h['timer:start']({ task: null, phoneOut: null })
    await rig.run(61_000)
    await rig.h['timer:finish']({ reflection: '' })
    const next = await rig.h['flow:start-check-in']({ kind: 'check-in' })
    expect(next.flow.learning).toBeNull()
    const [first] = sessionDirs(dir).sort()
    const row = decisions(first!)[0]!
    expect(row.focus).toBe('')
    expect(row.minutes_done).toBe('1')
    expect(row.block_reward).not.toBe('')
  })

  it('another practice picked at the gate after the re-check is not learned from (the outcome belongs to the first)', async () => {
    const dir = rigTempDir('limbic-learnflow-gate-')
    const rig = await launch(dir, { 'check-in': 'high', 're-check': 'high' })
    const proposal = (await toPrescription(rig)).flow.prescription!.proposal!
    await rig.h['flow:choose-protocol']({ protocol: proposal.protocol, dose: proposal.dose })
    await rig.h['flow:protocol-ended']({ name: 'sigh', plannedS: 60, doneS: 60, completed: true })
    expect((await rig.h['flow:finish-check-in']()).flow.learning?.recheckDone).toBe(true)
    const other = proposal.alternatives[0]!
    const again = await rig.h['flow:choose-protocol']({ protocol: other.protocol, dose: other.dose })
    expect(again.flow.step).toBe('breathing')
    expect(again.flow.learning).toBeNull()
    expect(decisions(sessionDirs(dir)[0]!)[0]).toMatchObject({ chosen: proposal.option, chosen_by: 'engine' })
  })

  it('a practice picked at the gate after an unusable re-check is not learned from, and not refused', async () => {
    const dir = rigTempDir('limbic-learnflow-gate-unusable-')
    const rig = await launch(dir, { 'check-in': 'high', 're-check': 'high' }, { unusable: ['re-check'] })
    const proposal = (await toPrescription(rig)).flow.prescription!.proposal!
    await rig.h['flow:choose-protocol']({ protocol: proposal.protocol, dose: proposal.dose })
    await rig.h['flow:protocol-ended']({ name: proposal.protocol, plannedS: 60, doneS: 60, completed: true })
    const gate = await rig.h['flow:finish-check-in']()
    expect(gate.flow.step).toBe('gate')
    expect(gate.flow.learning?.recheckDone).toBe(false)
    // Energising breathing is no option for over-arousal, but from the gate the learner is not
    // asked: the person's extra practice runs and the decision keeps what was done.
    const again = await rig.h['flow:choose-protocol']({ protocol: 'energising-inhale', dose: 'full' })
    expect(again.flow.step).toBe('breathing')
    expect(decisions(sessionDirs(dir)[0]!)[0]).toMatchObject({ chosen: proposal.option, chosen_by: 'engine' })
  })

  it('adaptive choice off: the plain rule, said so', async () => {
    const rig = await launch(
      rigTempDir('limbic-learnflow-off-'),
      { 'check-in': 'high' },
      {
        settings: { learning: { adaptive: false, allowControl: true } }
      }
    )
    const rx = (await toPrescription(rig)).flow.prescription!
    expect(rx.proposal).toMatchObject({
      option: 'sigh-standard',
      protocol: 'sigh',
      dose: 'full',
      reason: { key: 'learning.reason.rule', pct: null }
    })
    expect(rx.proposal!.alternatives.map((a) => a.option)).toEqual([
      'sigh-short',
      'panoramic-vision',
      'resonance',
      'sit-quietly'
    ])
  })

  it('without a learner in the core the plain rule applies and nothing is learned', async () => {
    const dir = rigTempDir('limbic-learnflow-none-')
    const rig = await launch(dir, { 'check-in': 'high' }, { learner: false })
    const rx = (await toPrescription(rig)).flow.prescription!
    expect(rx).toMatchObject({ prescribed: 'sigh', chosen: 'sigh', dose: 'full', proposal: null })
    expect(readdirSync(sessionDirs(dir)[0]!)).not.toContain('decisions.csv')
  })

  it('safety: never super-oxygenation without the passed check, whatever a screen sends', async () => {
    // Under-aroused and never screened: the learner never proposes or lists super-oxygenation
    // (energising breathing or the control instead), and picking it anyway means the check.
    const dir = rigTempDir('limbic-learnflow-safety-')
    const rig = await launch(dir, { 'check-in': 'low' })
    const rx = (await toPrescription(rig)).flow.prescription!
    expect(['energising-inhale', 'sit-quietly']).toContain(rx.proposal!.option)
    expect(rx.proposal!.alternatives.map((a) => a.option)).not.toContain('super-oxygenation')
    expect(rx.prescribed).not.toBe('super-oxygenation')
    const safety = await rig.h['flow:choose-protocol']({ protocol: 'super-oxygenation', dose: 'full' })
    expect(safety.flow.step).toBe('safety')
    // A hostile "passed" without the screening never starts it.
    await expect(rig.h['flow:safety-passed']()).rejects.toThrow(/safety check/)
    expect((await rig.h['session:snapshot']()).flow.step).toBe('safety')
    // The screening finds a contraindication: declined, then super-oxygenation is refused.
    await rig.h['flow:safety-declined']({ reason: 'contraindication' })
    await expect(
      rig.h['flow:choose-protocol']({ protocol: 'super-oxygenation', dose: 'short' })
    ).rejects.toThrow(/not safe/)
    const snap = await rig.h['session:snapshot']()
    expect(snap.flow.step).toBe('prescription')
    expect(snap.flow.prescription?.chosen).toBeNull()
  })

  it('safety: an opted-in person under-aroused gets super-oxygenation proposed; over-aroused it is refused', async () => {
    const dir = rigTempDir('limbic-learnflow-optedin-')
    const optedIn = { superOxygenation: { optedIn: true } }
    const low = await launch(dir, { 'check-in': 'low' }, { settings: optedIn })
    const rx = (await toPrescription(low)).flow.prescription!
    // Screened: super-oxygenation is one of the options (proposed or offered beside the others).
    const offered = [rx.proposal!.option, ...rx.proposal!.alternatives.map((a) => a.option)]
    expect(offered.sort()).toEqual(['energising-inhale', 'sit-quietly', 'super-oxygenation'])
    await low.dispose()

    const high = await launch(
      rigTempDir('limbic-learnflow-optedin-high-'),
      { 'check-in': 'high' },
      { settings: optedIn }
    )
    const before = await toPrescription(high)
    // Super-oxygenation is not an option for over-arousal: the learner refuses, nothing changes.
    await expect(
      high.h['flow:choose-protocol']({ protocol: 'super-oxygenation', dose: 'full' })
    ).rejects.toThrow(/Cannot switch to super-oxygenation/)
    const after = await high.h['session:snapshot']()
    expect(after.flow).toEqual(before.flow)
    const model = parseModel(readFileSync(join(high.userDataDir, 'learning-model.json'), 'utf8'))
    expect(model.decisions[0]!.chosenBy).toBe('engine')
  })

  it('"tired" reaches the learner\'s context', async () => {
    const dir = rigTempDir('limbic-learnflow-tired-')
    const rig = await launch(
      dir,
      { 'check-in': 'low' },
      { settings: { superOxygenation: { optedIn: true } } }
    )
    await rig.h['flow:start-check-in']({ kind: 'check-in' })
    await rig.h['flow:finish-check-in']()
    const reported = await rig.h['flow:self-report']({ report: 'tired' })
    expect(reported.flow.result?.selfReport).toBe('tired')
    await rig.h['flow:continue']()
    expect(decisions(sessionDirs(dir)[0]!)[0]!.tired).toBe('1')
  })
})

describe('restoreFlow and the learner', () => {
  it('a flow.json saved before issue 16 (no learning, prescription without a proposal) still restores', () => {
    const flow = restoreFlow(
      {
        version: 1,
        flow: {
          step: 'prescription',
          prescription: { state: 'high', prescribed: 'sigh', chosen: 'sigh', dose: 'full' },
          gate: { open: false, reason: 'protocol-pending' }
        }
      },
      1000
    )
    expect(flow.learning).toBeNull()
    expect(flow.prescription).toEqual({ state: 'high', prescribed: 'sigh', chosen: 'sigh', dose: 'full' })
  })
})
