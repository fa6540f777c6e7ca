import { describe, it, expect } from 'vitest'
import { SkippableClock } from './skippableClock'

/** A system clock the test moves by hand (real timers still do the waking). */
function fakeSystem(startMs = 1_000_000): { now: () => number; move: (ms: number) => void } {
  let t = startMs
  return { now: () => t, move: (ms) => (t += ms) }
}

describe('SkippableClock', () => {
  it('skip fires the timers due on the way, in order, each at its own due time', async () => {
    const sys = fakeSystem()
    const clock = new SkippableClock(sys.now)
    const seen: [string, number][] = []
    const t0 = clock.now()
    clock.setTimeout(() => seen.push(['b', clock.now() - t0]), 2000)
    clock.setTimeout(() => seen.push(['a', clock.now() - t0]), 1000)
    clock.setTimeout(() => seen.push(['late', clock.now() - t0]), 9000)
    await clock.skip(5000)
    expect(seen).toEqual([
      ['a', 1000],
      ['b', 2000]
    ])
    expect(clock.now() - t0).toBe(5000)
    expect(clock.pendingTimers()).toBe(1)
  })

  it('timers scheduled by a timer inside the span fire too (a beat schedules the next beat)', async () => {
    const clock = new SkippableClock(fakeSystem().now)
    const t0 = clock.now()
    const beats: number[] = []
    const beat = (): void => {
      beats.push(clock.now() - t0)
      clock.setTimeout(beat, 800)
    }
    clock.setTimeout(beat, 800)
    await clock.skip(4000)
    expect(beats).toEqual([800, 1600, 2400, 3200, 4000])
  })

  it('gives promise chains a turn between timers, as real time would', async () => {
    const clock = new SkippableClock(fakeSystem().now)
    const order: string[] = []
    clock.setTimeout(() => {
      order.push('first fired')
      void Promise.resolve()
        .then(() => Promise.resolve())
        .then(() => order.push('first settled'))
    }, 100)
    clock.setTimeout(() => order.push('second fired'), 200)
    await clock.skip(300)
    expect(order).toEqual(['first fired', 'first settled', 'second fired'])
  })

  it('a cleared timer does not fire; overlapping skips run one after the other', async () => {
    const clock = new SkippableClock(fakeSystem().now)
    const t0 = clock.now()
    const fired: number[] = []
    const h = clock.setTimeout(() => fired.push(-1), 500)
    clock.clearTimeout(h)
    clock.setTimeout(() => fired.push(clock.now() - t0), 1500)
    await Promise.all([clock.skip(1000), clock.skip(1000)])
    expect(fired).toEqual([1500])
    expect(clock.now() - t0).toBe(2000)
  })

  it('also runs in real time: a short timer fires without a skip', async () => {
    const clock = new SkippableClock()
    const start = clock.now()
    const at = await new Promise<number>((resolve) => clock.setTimeout(() => resolve(clock.now()), 20))
    expect(at - start).toBeGreaterThanOrEqual(19)
  })

  it('the real time a skip takes still counts: the clock ends exactly `ms` further ahead of real time', async () => {
    const sys = fakeSystem()
    const clock = new SkippableClock(sys.now)
    const ahead = (): number => clock.now() - sys.now()
    // Each timer's work takes 40 ms of real time (a busy core): 10 of them in a 1 s skip.
    const work = (): void => {
      sys.move(40)
      clock.setTimeout(work, 100)
    }
    clock.setTimeout(work, 100)
    const before = ahead()
    await clock.skip(1000)
    expect(ahead() - before).toBe(1000)
  })

  it('after a skip, real-time timers are due on the skipped clock, and time never goes back', async () => {
    const sys = fakeSystem()
    const clock = new SkippableClock(sys.now)
    await clock.skip(60_000)
    const before = clock.now()
    clock.setTimeout(() => {}, 10)
    sys.move(5)
    expect(clock.now()).toBe(before + 5)
    await expect(clock.skip(-1)).rejects.toThrow(/≥ 0/)
  })

  it('a timer that throws in real time does not stop the others', async () => {
    const clock = new SkippableClock()
    const errors: unknown[] = []
    const onError = (err: unknown): void => void errors.push(err)
    process.on('uncaughtException', onError)
    try {
      clock.setTimeout(() => {
        throw new Error('boom')
      }, 1)
      const fired = await new Promise<boolean>((resolve) => clock.setTimeout(() => resolve(true), 5))
      expect(fired).toBe(true)
      expect(errors).toHaveLength(1)
    } finally {
      process.off('uncaughtException', onError)
    }
  })
})
