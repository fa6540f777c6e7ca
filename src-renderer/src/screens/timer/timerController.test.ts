import { afterEach, describe, expect, it, vi } from 'vitest'
import { TimerController } from './timerController.svelte'
import { fakeApi } from './fakeApi'

const MIN = 60_000
const T0 = Date.UTC(2025, 0, 6, 9, 0, 0)

function clock(startMs = T0) {
  const c = { ms: startMs, now: () => c.ms, advance: (min: number) => (c.ms += min * MIN) }
  return c
}

afterEach(() => vi.restoreAllMocks())

describe('timer controller', () => {
  it('start saves the task, records events in order and saves the state document', async () => {
    const api = fakeApi()
    const c = clock()
    const timer = new TimerController(api, c.now)
    await timer.load()
    timer.start('  chapter 4  ')
    c.advance(3)
    timer.mark('error')
    timer.tick()
    await timer.settled()
    expect(api.updates).toEqual([{ task: 'chapter 4' }])
    expect(api.events.map((e) => e.type)).toEqual(['timer-start', 'timer-phase', 'error'])
    expect(api.events[0]!.detail).toEqual({ blockMin: 90, task: 'chapter 4' })
    expect(api.docs.get('timer')).toMatchObject({ status: 'running', task: 'chapter 4', blockMs: 90 * MIN })
  })

  it('records the checklist answer with the start', async () => {
    const api = fakeApi()
    const timer = new TimerController(api, clock().now)
    await timer.load()
    timer.start('', { phoneOut: true })
    await timer.settled()
    expect(api.updates).toEqual([])
    expect(api.events[0]).toEqual({
      type: 'timer-start',
      detail: { blockMin: 90, task: null, phoneOut: true }
    })
  })

  it('uses the block length from settings, and the UI clamps changes to 30-120 min', async () => {
    const api = fakeApi()
    api.settings.timer.blockMin = 1
    const timer = new TimerController(api, clock().now)
    await timer.load()
    expect(timer.blockMin).toBe(1)
    await timer.setBlockMin(200)
    expect(api.settings.timer.blockMin).toBe(120)
    await timer.setBlockMin(10)
    expect(api.settings.timer.blockMin).toBe(30)
    timer.start('')
    expect(timer.state.blockMs).toBe(30 * MIN)
  })

  it('after a relaunch closed the session, the block continues in a new one (task, marks, end recorded)', async () => {
    const api = fakeApi()
    const c = clock()
    const first = new TimerController(api, c.now)
    await first.load()
    first.start('essay')
    c.advance(5)
    first.mark('error')
    await first.settled()
    expect(api.started).toBe(0) // the flow opened the session; the timer only records into it

    api.open = false // main closed (recovered) the session at the relaunch
    api.events = []
    api.updates = []
    c.advance(1)
    const second = new TimerController(api, c.now)
    await second.load()
    second.mark('error')
    await second.settled()
    expect(api.started).toBe(1)
    expect(api.updates).toEqual([{ task: 'essay' }])
    expect(api.events.map((e) => e.type)).toEqual(['timer-start', 'error'])
    expect(api.events[0]!.detail).toMatchObject({ continued: true, task: 'essay', atS: 360, errors: 1 })
    expect(api.events[1]!.detail).toMatchObject({ count: 2 })

    // With a session still open (e.g. only the window reloaded) nothing new is started.
    const third = new TimerController(api, c.now)
    await third.load()
    await third.settled()
    expect(api.started).toBe(1)
  })

  it('picks up a block length changed elsewhere (settings screen) when the screen shows again', async () => {
    const api = fakeApi()
    const timer = new TimerController(api, clock().now)
    await timer.load()
    expect(timer.blockMin).toBe(90)
    api.settings = { ...api.settings, timer: { blockMin: 45, notifications: true } }
    await timer.refreshSettings()
    expect(timer.blockMin).toBe(45)
    expect(timer.notifications).toBe(true)
    timer.start('')
    expect(timer.state.blockMs).toBe(45 * MIN)
  })

  it('restart mid-block: a new controller on the same store resumes elapsed time and the tally', async () => {
    const api = fakeApi()
    const c = clock()
    const first = new TimerController(api, c.now)
    await first.load()
    first.start('essay')
    c.advance(5)
    first.mark('error')
    first.mark('error')
    first.mark('frustration')
    await first.settled()

    c.advance(2) // the app was closed for a while
    const second = new TimerController(fakeApi({ docs: api.docs }), c.now)
    await second.load()
    expect(second.state.status).toBe('running')
    expect(second.elapsedMs).toBe(7 * MIN)
    expect(second.errors).toBe(2)
    expect(second.frustrations).toBe(1)
    expect(second.state.task).toBe('essay')
    expect(second.announced).toBe('warmup')
  })

  it('a 2-hour sleep of the computer ends the block on wake and shows the summary', async () => {
    const api = fakeApi()
    const c = clock()
    const timer = new TimerController(api, c.now)
    await timer.load()
    timer.start('')
    c.advance(40)
    timer.tick()
    c.advance(120)
    timer.tick()
    await timer.settled()
    expect(timer.state.status).toBe('ended')
    expect(timer.phase).toBe('done')
    expect(timer.elapsedMs).toBe(90 * MIN)
    expect(api.events.map((e) => e.type)).toEqual(['timer-start', 'timer-phase', 'timer-phase', 'timer-end'])
  })

  it('phase changes notify only when opted in', async () => {
    const api = fakeApi()
    const c = clock()
    const timer = new TimerController(api, c.now)
    await timer.load()
    timer.start('')
    c.advance(11)
    timer.tick()
    await timer.settled()
    expect(api.notes).toEqual([])
    expect(timer.announced).toBe('focus')

    await timer.setNotifications(true)
    c.advance(60)
    timer.tick()
    await timer.settled()
    expect(api.notes).toHaveLength(1)
    expect(api.notes[0]!.title).toMatch(/\S/)
    expect(timer.announced).toBe('errors')
  })

  it('reframes rotate through the catalogue, separately for errors and frustration', async () => {
    const timer = new TimerController(fakeApi(), clock().now)
    await timer.load()
    timer.start('')
    const seen: (string | null)[] = []
    for (let i = 0; i < 7; i++) {
      timer.mark('error')
      seen.push(timer.reframe)
    }
    expect(seen.slice(0, 6)).toEqual([0, 1, 2, 3, 4, 5].map((i) => `timer.reframe.${i}`))
    expect(seen[6]).toBe('timer.reframe.0')
    timer.mark('frustration')
    expect(timer.reframe).toBe('timer.frustrationReframe.0')
  })

  it('heart rate from metrics:update is collected while the block runs', async () => {
    const api = fakeApi()
    const c = clock()
    const timer = new TimerController(api, c.now)
    await timer.load()
    const off = timer.listen()
    api.emitMetrics({ hrBpm: 70 })
    expect(timer.state.hr).toEqual([])
    timer.start('')
    api.emitMetrics({ hrBpm: 70, arousal: { state: 'optimal', score: 0.2, confidence: 1, reasons: [] } })
    c.advance(1)
    api.emitMetrics({ hrBpm: 74 })
    off()
    c.advance(1)
    api.emitMetrics({ hrBpm: 90 })
    expect(timer.state.hr).toEqual([
      { atMs: 0, hrBpm: 70, score: 0.2 },
      { atMs: MIN, hrBpm: 74, score: null }
    ])
  })

  it('without metrics, heart beats give the trend (averaged); fresh metrics take over', async () => {
    const api = fakeApi()
    const c = clock()
    const timer = new TimerController(api, c.now)
    await timer.load()
    const off = timer.listen()
    timer.start('')
    api.emitBeat(1000)
    c.advance(0.1) // 6 s later, the next point is due
    api.emitBeat(800) // mean RR 900 ms -> 66.7 bpm
    expect(timer.state.hr).toEqual([
      { atMs: 0, hrBpm: 60, score: null },
      { atMs: 0.1 * MIN, hrBpm: 66.7, score: null }
    ])
    c.advance(0.1)
    api.emitMetrics({ hrBpm: 72, arousal: { state: 'optimal', score: 0.1, confidence: 1, reasons: [] } })
    c.advance(0.1)
    api.emitBeat(500) // ignored: metrics are fresh
    expect(timer.state.hr.map((p) => p.hrBpm)).toEqual([60, 66.7, 72])
    off()
  })

  it('finish saves the reflection, ends the session and resets to idle', async () => {
    const api = fakeApi()
    const c = clock()
    const timer = new TimerController(api, c.now)
    await timer.load()
    timer.start('')
    c.advance(90)
    timer.tick()
    expect(timer.state.status).toBe('ended')
    await timer.finish(' Proofs by induction finally clicked. ')
    expect(api.updates).toContainEqual({ reflection: 'Proofs by induction finally clicked.' })
    expect(api.ended).toBe(1)
    expect(timer.state.status).toBe('idle')
    expect(timer.finished).toBe(true)
    expect(api.docs.get('timer')).toMatchObject({ status: 'idle' })
  })

  it('keeps working when the session handlers reject (not available in this build)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const api = fakeApi({ sessionsWork: false })
    const c = clock()
    const timer = new TimerController(api, c.now)
    await timer.load()
    timer.start('task')
    timer.mark('error')
    c.advance(90)
    timer.tick()
    await expect(timer.finish('ok')).resolves.toBeUndefined()
    expect(timer.state.status).toBe('idle')
    expect(warn).toHaveBeenCalled()
    expect(String(warn.mock.calls[0]![1])).toMatch(/not available in this build/)
    // The state document was still saved after every change.
    expect(api.docs.get('timer')).toMatchObject({ status: 'idle' })
  })

  it('a damaged saved document starts idle instead of crashing', async () => {
    const api = fakeApi()
    api.docs.set('timer', { version: 1, status: 'running' })
    const timer = new TimerController(api, clock().now)
    await timer.load()
    expect(timer.loaded).toBe(true)
    expect(timer.state.status).toBe('idle')
  })
})
