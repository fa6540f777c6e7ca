// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { MeasuringLive } from '../../../../src-main/shared/verdict'
import { translate } from '../../lib/i18n/translate'
import { measuringQuality, MIN_JUDGED_BEATS } from './measuringQuality'
import { qualityKey } from './reasons'

const live = (over: Partial<MeasuringLive>): MeasuringLive => ({
  id: 'c1',
  elapsedS: 40,
  limitS: 180,
  reason: 'measuring',
  messageKey: 'checkIn.length.measuring',
  extending: false,
  progress: 0.3,
  cleanS: 20,
  minCleanS: 60,
  hrBpm: 72,
  rrMs: [820, 830],
  judgedBeats: 40,
  artifactRate: 0,
  quality: 'good',
  ...over
})

describe("measuringQuality (word and percentage from the check-in's own share)", () => {
  it('shows nothing while too few beats are judged (no "Clean signal, 0 %" during settling)', () => {
    expect(measuringQuality(null)).toBeNull()
    expect(measuringQuality(live({ judgedBeats: 0 }))).toBeNull()
    expect(measuringQuality(live({ judgedBeats: MIN_JUDGED_BEATS - 1 }))).toBeNull()
    expect(measuringQuality(live({ judgedBeats: MIN_JUDGED_BEATS }))).not.toBeNull()
  })

  it('the word and the percentage come from the same push, so they cannot contradict', () => {
    const noisy = measuringQuality(live({ artifactRate: 0.08, quality: 'poor' }))!
    expect(translate('en', qualityKey(noisy.quality))).toBe('Noisy signal')
    expect(translate('en', 'flow.signal.artifacts', { pct: noisy.artifactPct.toFixed(1) })).toBe(
      'Artefacts 8.0 % of beats'
    )
    const clean = measuringQuality(live({ artifactRate: 0, quality: 'good' }))!
    expect(clean).toEqual({ quality: 'good', artifactPct: 0 })
  })
})
