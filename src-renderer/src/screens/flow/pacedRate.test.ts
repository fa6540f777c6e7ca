import { describe, expect, it } from 'vitest'
import type { LiveMetrics } from '../../../../src-main/shared/arousal'
import { CHEST_MIN_PACED_MS, pacedRate, RSA_MIN_PACED_MS } from './pacedRate'

const metrics = (over: Partial<LiveMetrics>): LiveMetrics => ({
  tMs: 0,
  hrBpm: 70,
  rmssdMs: 40,
  lnRmssd: Math.log(40),
  sdnnMs: 50,
  respRateBpm: 6.1,
  respConfidence: 0.8,
  artifactRate: 0,
  quality: 'good',
  arousal: null,
  ...over
})

describe('pacedRate (the measured rate beside the pacer)', () => {
  it('says nothing one second in, although main already has a confident rate from before', () => {
    expect(pacedRate(metrics({}), 1000)).toBeNull()
    expect(pacedRate(metrics({}), RSA_MIN_PACED_MS - 1)).toBeNull()
  })

  it('shows the heart-rate-derived rate once its window holds only paced breathing', () => {
    expect(pacedRate(metrics({}), RSA_MIN_PACED_MS)).toEqual({ rateBpm: 6.1, source: 'rsa' })
  })

  it('never shows an unconfident or missing estimate', () => {
    expect(pacedRate(metrics({ respConfidence: 0.3 }), 120_000)).toBeNull()
    expect(pacedRate(metrics({ respConfidence: null }), 120_000)).toBeNull()
    expect(pacedRate(metrics({ respRateBpm: null }), 120_000)).toBeNull()
    expect(pacedRate(null, 120_000)).toBeNull()
  })

  it('a chest sensor measures breath by breath: its rate after a few breaths, not the RR estimate', () => {
    const chest = metrics({ respSource: 'chest', chestRateBpm: 5.8, respConfidence: 0.1 })
    expect(pacedRate(chest, CHEST_MIN_PACED_MS - 1)).toBeNull()
    expect(pacedRate(chest, CHEST_MIN_PACED_MS)).toEqual({ rateBpm: 5.8, source: 'chest' })
    expect(pacedRate(metrics({ respSource: 'chest', chestRateBpm: null }), 120_000)).toBeNull()
  })
})
