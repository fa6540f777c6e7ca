// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { formatNumber } from '../../lib/i18n/translate'
import { intervalBar, leader, percentText, signed } from './learningView'

const fmt = (v: number): string => formatNumber('en', v, 1)

describe('learning screen helpers', () => {
  it('signs effects with + and a real minus; zero (also after rounding) has no sign', () => {
    expect(signed(1.23, fmt)).toBe('+1.2')
    expect(signed(-0.44, fmt)).toBe('\u22120.4')
    expect(signed(0, fmt)).toBe('0')
    expect(signed(-0.01, fmt)).toBe('0')
  })

  it('puts every interval of a state on one scale that includes zero', () => {
    const bar = intervalBar([
      { low90: 0.5, high90: 2.5 },
      { low90: 1, high90: 3 }
    ])
    expect(bar.at(0)).toBeGreaterThan(0)
    expect(bar.at(0)).toBeLessThan(bar.at(0.5))
    expect(bar.at(3)).toBeLessThan(100)
    expect(bar.at(3)).toBeGreaterThan(90)
    expect(bar.at(1.5)).toBeCloseTo(50, 9)
    // outside the scale it stays on the bar
    expect(bar.at(-100)).toBe(0)
    expect(bar.at(100)).toBe(100)
    // all zero: still a usable scale
    expect(intervalBar([{ low90: 0, high90: 0 }]).at(0)).toBeCloseTo(50, 9)
  })

  it('finds the option most likely best, never the control', () => {
    const options = [
      { option: 'a', pBest: 0.2 },
      { option: 'b', pBest: 0.7 },
      { option: 'c', pBest: 0.1 },
      { option: 'control', pBest: null }
    ]
    expect(leader({ options })?.option).toBe('b')
    expect(leader({ options: [{ option: 'control', pBest: null }] })).toBeNull()
  })

  it('shows probabilities in whole percent, never 0 % or 100 %', () => {
    expect(percentText(0.823)).toBe('82 %')
    expect(percentText(0)).toBe('< 1 %')
    expect(percentText(0.004)).toBe('< 1 %')
    expect(percentText(1)).toBe('> 99 %')
    expect(percentText(0.996)).toBe('> 99 %')
  })
})
