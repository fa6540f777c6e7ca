// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { SessionPoint } from '../../../../src-main/shared/drillProgression'
import { drillChartData, MIN_ERRORS_AXIS } from './drillChartData'

const point = (session: string, bestLevel: number, errors: number): SessionPoint => ({
  session,
  bestLevel,
  errors,
  trials: 3,
  meanVelocityMmS: null
})

describe('drillChartData (level and errors on two charts, each on its own scale)', () => {
  it('keeps the sessions in order, one label per session in the locale', () => {
    const data = drillChartData(
      [point('2026-03-12T09:00:00Z', 2, 1), point('2026-03-13T09:00:00Z', 3, 0)],
      'en'
    )
    expect(data.labels).toEqual(['Mar 12', 'Mar 13'])
    expect(data.levels).toEqual([2, 3])
    expect(data.errors).toEqual([1, 0])
    expect(drillChartData([point('2026-03-12T09:00:00Z', 2, 1)], 'zh-CN').labels).toEqual(['3月12日'])
  })

  it('one error is not drawn as a full-height bar: the count axis has a minimum span', () => {
    expect(drillChartData([point('2026-03-12T09:00:00Z', 6, 1)], 'en').errorsMax).toBe(MIN_ERRORS_AXIS)
    expect(drillChartData([point('2026-03-12T09:00:00Z', 1, 7)], 'en').errorsMax).toBe(7)
    expect(drillChartData([], 'en').errorsMax).toBe(MIN_ERRORS_AXIS)
  })
})
