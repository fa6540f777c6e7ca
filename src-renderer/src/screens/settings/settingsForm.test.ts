// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, settingsValidator } from '../../../../src-main/shared/settings'
import { invokeRequests } from '../../../../src-main/shared/contract'
import {
  NUMBER_FIELDS,
  displayUnit,
  displayValue,
  fieldId,
  patchFor,
  resetSection,
  sighExhaleTooShort
} from './settingsForm'

const defaults = structuredClone(DEFAULT_SETTINGS)

describe('settings form', () => {
  it('shows a minutes setting below a minute in seconds, and reads what is typed there as seconds', () => {
    const sighLength = NUMBER_FIELDS.find((f) => fieldId(f) === 'sigh.durationS')!
    const short = { ...defaults, sigh: { ...defaults.sigh, durationS: 18 } }
    expect(displayUnit(short, sighLength)).toBe('s')
    expect(displayValue(short, sighLength)).toBe(18)
    expect(displayUnit(defaults, sighLength)).toBe('min')
    // 120 typed into the seconds field is two minutes; 18 s is below the form's 1 min floor.
    expect(patchFor(sighLength, '120', 's')).toEqual({ ok: true, patch: { sigh: { durationS: 120 } } })
    expect(patchFor(sighLength, '18', 's')).toEqual({ ok: false, min: 1, max: 30 })
  })

  it('shows a block of less than a minute (a demo or test setting) in seconds, not "0.5 min"', () => {
    const block = NUMBER_FIELDS.find((f) => fieldId(f) === 'timer.blockMin')!
    const demo = { ...defaults, timer: { ...defaults.timer, blockMin: 0.5 } }
    expect(displayUnit(demo, block)).toBe('s')
    expect(displayValue(demo, block)).toBe(30)
    expect(displayUnit(defaults, block)).toBe('min')
    expect(displayValue(defaults, block)).toBe(defaults.timer.blockMin)
    // Typed as seconds there: 3600 s is 60 min; 30 s is below the form's 30 min floor.
    expect(patchFor(block, '3600', 's')).toEqual({ ok: true, patch: { timer: { blockMin: 60 } } })
    expect(patchFor(block, '30', 's')).toEqual({ ok: false, min: 30, max: 120 })
    expect(patchFor(block, '45', 'min')).toEqual({ ok: true, patch: { timer: { blockMin: 45 } } })
  })

  it('every field exists in the settings and its default lies in the offered range', () => {
    expect(new Set(NUMBER_FIELDS.map(fieldId)).size).toBe(NUMBER_FIELDS.length)
    for (const f of NUMBER_FIELDS) {
      const shown = displayValue(defaults, f)
      expect(shown, fieldId(f)).toBeGreaterThanOrEqual(f.min)
      expect(shown, fieldId(f)).toBeLessThanOrEqual(f.max)
    }
  })

  it('every value the form accepts is one the settings validator accepts', () => {
    for (const f of NUMBER_FIELDS) {
      for (const typed of [f.min, f.max, (f.min + f.max) / 2]) {
        const check = patchFor(f, String(typed))
        expect(check.ok, fieldId(f)).toBe(true)
        if (!check.ok) continue
        const merged = structuredClone(defaults) as unknown as Record<string, Record<string, unknown>>
        for (const [section, values] of Object.entries(check.patch)) Object.assign(merged[section]!, values)
        expect(() => settingsValidator.parse(merged), fieldId(f)).not.toThrow()
      }
    }
  })

  it('converts minutes and percent to the stored units and back', () => {
    const sighMin = NUMBER_FIELDS.find((f) => fieldId(f) === 'sigh.durationS')!
    expect(displayValue(defaults, sighMin)).toBe(5)
    expect(patchFor(sighMin, '3')).toEqual({ ok: true, patch: { sigh: { durationS: 180 } } })
    const volume = NUMBER_FIELDS.find((f) => fieldId(f) === 'audio.volume')!
    expect(displayValue(defaults, volume)).toBe(60)
    expect(patchFor(volume, '25')).toEqual({ ok: true, patch: { audio: { volume: 0.25 } } })
  })

  it('rejects out-of-range, empty and non-numeric input with the allowed range, accepts a decimal comma', () => {
    const hold = NUMBER_FIELDS.find((f) => fieldId(f) === 'superOxygenation.holdS')!
    expect(patchFor(hold, '20')).toEqual({ ok: false, min: 0, max: 15 })
    expect(patchFor(hold, '')).toEqual({ ok: false, min: 0, max: 15 })
    expect(patchFor(hold, 'abc')).toEqual({ ok: false, min: 0, max: 15 })
    const inhale = NUMBER_FIELDS.find((f) => fieldId(f) === 'sigh.inhaleS')!
    expect(patchFor(inhale, '2,5')).toEqual({ ok: true, patch: { sigh: { inhaleS: 2.5 } } })
    const breaths = NUMBER_FIELDS.find((f) => fieldId(f) === 'superOxygenation.breathsPerRound')!
    expect(patchFor(breaths, '22.4')).toEqual({
      ok: true,
      patch: { superOxygenation: { breathsPerRound: 22 } }
    })
  })

  it('flags a sigh exhale shorter than twice the two inhales', () => {
    expect(sighExhaleTooShort(defaults)).toBeNull()
    expect(sighExhaleTooShort({ ...defaults, sigh: { ...defaults.sigh, inhaleS: 3, exhaleS: 6 } })).toBe(8)
  })

  it('resetting super-oxygenation timings keeps the consent as it is', () => {
    const patch = resetSection('superOxygenation') as { superOxygenation: Record<string, unknown> }
    expect(patch.superOxygenation.holdS).toBe(15)
    expect('optedIn' in patch.superOxygenation).toBe(false)
  })

  it('resetting the recording section leaves the sessions folder to main (settings:update refuses it)', () => {
    const patch = resetSection('recording')
    expect(patch).toEqual({ recording: { rawCapture: false } })
    expect(() => invokeRequests['settings:update'].parse(patch, 'request')).not.toThrow()
  })
})
