// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { AudioCues, CUES } from './audioCues'

function fakeContext() {
  const log: string[] = []
  const param = (name: string) => ({
    setValueAtTime: (v: number) => log.push(`${name}=${v}`),
    linearRampToValueAtTime: (v: number) => log.push(`${name}->${v}`)
  })
  const ctx = {
    state: 'running',
    currentTime: 10,
    destination: {},
    createOscillator: () => {
      const osc = {
        type: '',
        frequency: param('freq'),
        connect: (n: unknown) => n,
        start: (t: number) => log.push(`start ${t} ${osc.type}`),
        stop: (t: number) => log.push(`stop ${t.toFixed(2)}`)
      }
      return osc
    },
    createGain: () => ({ gain: param('gain'), connect: (n: unknown) => n }),
    resume: async () => undefined,
    close: async () => log.push('close')
  }
  return { ctx: ctx as unknown as AudioContext, log }
}

describe('audio cues', () => {
  it('each phase has its own cue', () => {
    const keys = Object.values(CUES).map((c) => `${c.freqHz}/${c.wave}`)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('plays a tone shaped by volume, and nothing at volume 0', () => {
    const { ctx, log } = fakeContext()
    let created = 0
    const cues = new AudioCues(() => (created++, ctx))
    cues.play('exhale', 0)
    expect(created).toBe(0)
    cues.play('exhale', 1)
    expect(log).toContain(`freq=${CUES.exhale.freqHz}`)
    expect(log).toContain('gain->0.3')
    expect(log).toContain('start 10 triangle')
    cues.play('inhale', 0.5)
    expect(log).toContain('gain->0.15')
    expect(created).toBe(1)
    cues.dispose()
    expect(log).toContain('close')
  })

  it('never throws where Web Audio is missing', () => {
    const cues = new AudioCues(() => {
      throw new Error('no AudioContext')
    })
    expect(() => cues.play('inhale', 1)).not.toThrow()
  })
})
