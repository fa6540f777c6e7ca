// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { CHIME, Chimes } from './chimes'

function fakeContext() {
  const log: string[] = []
  const param = (name: string) => ({
    setValueAtTime: (v: number) => log.push(`${name}=${v}`),
    exponentialRampToValueAtTime: (v: number, t: number) =>
      log.push(`${name}~>${v.toFixed(4)}@${t.toFixed(3)}`)
  })
  const ctx = {
    state: 'running',
    currentTime: 10,
    destination: {},
    createOscillator: () => ({
      type: '',
      frequency: param('freq'),
      connect: (n: unknown) => n,
      start: (t: number) => log.push(`start ${t}`),
      stop: (t: number) => log.push(`stop ${t.toFixed(2)}`)
    }),
    createGain: () => ({ gain: param('gain'), connect: (n: unknown) => n }),
    resume: async () => undefined,
    close: async () => log.push('close')
  }
  return { ctx: ctx as unknown as AudioContext, log }
}

describe('the guided practices chime', () => {
  it('rings a bell-like tone (fundamental and overtone) that fades over its length, shaped by volume', () => {
    const { ctx, log } = fakeContext()
    const chimes = new Chimes(() => ctx)
    chimes.ring(1)
    expect(log).toContain(`freq=${CHIME.freqHz}`)
    expect(log).toContain(`freq=${CHIME.overtoneHz}`)
    expect(log).toContain('gain~>0.2500@10.015')
    expect(log).toContain(`gain~>0.0001@${(10 + CHIME.durationMs / 1000).toFixed(3)}`)
    const quiet = fakeContext()
    new Chimes(() => quiet.ctx).ring(0.4)
    expect(quiet.log).toContain('gain~>0.1000@10.015')
  })

  it('rings nothing at volume 0 and survives a missing audio device', () => {
    let created = 0
    const chimes = new Chimes(() => (created++, fakeContext().ctx))
    chimes.ring(0)
    expect(created).toBe(0)
    const broken = new Chimes(() => {
      throw new Error('no audio device')
    })
    expect(() => broken.ring(1)).not.toThrow()
  })

  it('closes the audio context only after the last chime has rung out', () => {
    const { ctx, log } = fakeContext()
    const later: { run: () => void; ms: number }[] = []
    const chimes = new Chimes(
      () => ctx,
      (run, ms) => later.push({ run, ms })
    )
    chimes.ring(1)
    chimes.dispose()
    expect(log).not.toContain('close')
    expect(later).toHaveLength(1)
    expect(later[0]!.ms).toBeGreaterThanOrEqual(CHIME.durationMs)
    later[0]!.run()
    expect(log).toContain('close')
  })
})
