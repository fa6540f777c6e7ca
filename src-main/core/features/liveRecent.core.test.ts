/**
 * 'live:recent' through the real app core with the simulated strap: what a Live screen that opens
 * (or reloads) late is handed is exactly what 'heart:beat' and 'metrics:update' sent in the last
 * two minutes, oldest first.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { LiveMetrics } from '../../shared/arousal'
import type { LiveBeat } from '../../shared/contract'
import { coreRig, disposeCoreRigs } from '../testSupport/coreRig'
import { RECENT_WINDOW_MS } from './liveRecent'

afterEach(disposeCoreRigs)

describe('live:recent with the simulated strap', () => {
  it('returns the beats and metrics of the last two minutes as they were sent', async () => {
    const rig = coreRig({ prefix: 'limbic-live-recent-', simulator: { seed: 5 } })
    await rig.settle(rig.core.start())
    expect(await rig.h['live:recent']()).toEqual({ beats: [], metrics: [] })
    // Three minutes of simulated time (ManualClock), so part of it has left the window.
    rig.clock.advance(180_000)
    await rig.run(20)
    const sentBeats = rig.events('heart:beat') as LiveBeat[]
    const sentMetrics = rig.events('metrics:update') as LiveMetrics[]
    expect(sentBeats.length).toBeGreaterThan(150)
    const newestBeat = sentBeats.at(-1)!.tMs
    const newestMetrics = sentMetrics.at(-1)!.tMs
    const recent = await rig.h['live:recent']()
    expect(recent.beats).toEqual(sentBeats.filter((b) => b.tMs >= newestBeat - RECENT_WINDOW_MS))
    expect(recent.metrics).toEqual(sentMetrics.filter((m) => m.tMs >= newestMetrics - RECENT_WINDOW_MS))
    expect(recent.beats.length).toBeLessThan(sentBeats.length)
    expect(recent.metrics.length).toBeGreaterThan(100)
  })
})
