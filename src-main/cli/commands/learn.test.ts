import { mkdtemp, mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CheckInResult } from '../../shared/arousal'
import { newSessionMeta, serializeSessionMeta, type SessionMeta } from '../../session/sessionMeta'
import { memoryIo } from '../io'
import { run, type LearnReport } from './learn'

const T0 = Date.UTC(2026, 4, 4, 8)

function checkIn(kind: 'check-in' | 're-check', score: number | null): CheckInResult {
  return {
    id: `${kind}-${score}`,
    kind,
    startedMs: T0,
    endedMs: T0 + 90_000,
    beats: 100,
    hrBpm: 70,
    rmssdMs: 40,
    lnRmssd: Math.log(40),
    respRateBpm: null,
    artifactRate: 0,
    quality: 'good',
    usable: score !== null,
    arousal:
      score === null
        ? null
        : { state: score > 1 ? 'high' : score < -1 ? 'low' : 'optimal', score, confidence: 0.8, reasons: [] },
    selfReport: null,
    baselineSource: 'personal'
  }
}

function session(i: number, patch: Partial<SessionMeta>): SessionMeta {
  return { ...newSessionMeta({ id: `s${i}`, startMs: T0 + i * 86_400_000, appVersion: '0.1.0' }), ...patch }
}

const done = (name: 'sigh' | 'super-oxygenation') => ({ name, plannedS: 120, doneS: 120, completed: true })

async function folderWith(sessions: (SessionMeta | string)[]): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'limbic-learn-cli-'))
  for (let i = 0; i < sessions.length; i++) {
    const dir = join(root, `20260504-0800${String(i).padStart(2, '0')}-abcd`)
    await mkdir(dir)
    const s = sessions[i]!
    await writeFile(join(dir, 'session.json'), typeof s === 'string' ? s : serializeSessionMeta(s))
  }
  await mkdir(join(root, 'not-a-session'))
  return root
}

describe('cli learn', () => {
  it('replays usable sessions, says which were not used and why, and prints per-option estimates', async () => {
    const high = {
      state: 'high' as const,
      prescribed: 'sigh' as const,
      chosen: 'sigh' as const,
      dose: 'full' as const
    }
    const root = await folderWith([
      session(0, {
        prescription: high,
        protocolDone: done('sigh'),
        checkIns: [checkIn('check-in', 2.2), checkIn('re-check', 0.6)]
      }),
      session(1, {
        prescription: { ...high, dose: 'short' },
        protocolDone: done('sigh'),
        checkIns: [checkIn('check-in', 1.8), checkIn('re-check', 1.9)]
      }),
      session(2, {
        prescription: {
          state: 'low',
          prescribed: 'super-oxygenation',
          chosen: 'super-oxygenation',
          dose: 'full'
        },
        protocolDone: done('super-oxygenation'),
        checkIns: [checkIn('check-in', -1.5), checkIn('re-check', 0.5)]
      }),
      session(3, { prescription: { ...high, state: 'optimal' }, checkIns: [checkIn('check-in', 0.2)] }),
      session(4, { prescription: high, protocolDone: done('sigh'), checkIns: [checkIn('check-in', 2)] }),
      session(5, {
        prescription: high,
        protocolDone: { ...done('sigh'), completed: false },
        checkIns: [checkIn('check-in', 2)]
      }),
      session(6, {}),
      '{"id": "s7", "startUtc": "2026-05-04T08:00:00Z", "checkIns": ['
    ])
    const io = memoryIo()
    expect(await run([root, '--json'], io)).toBe(0)
    expect(io.stdout).toHaveLength(1)
    const report = JSON.parse(io.stdout[0]!) as LearnReport
    expect(report.sessions).toBe(8)
    expect(report.used).toBe(3)
    const reasons = Object.fromEntries(report.skipped.map((s) => [s.id, s.reason]))
    expect(reasons.s3).toMatch(/optimal/)
    expect(reasons.s4).toMatch(/no re-check/)
    expect(reasons.s5).toMatch(/not completed/)
    expect(reasons.s6).toMatch(/no prescription/)
    expect(Object.keys(reasons).find((k) => !/^s\d$/.test(k))!).toMatch(/abcd/)
    expect(Object.values(reasons).some((r) => /not valid JSON/.test(r))).toBe(true)
    expect(report.partial.map((p) => p.id)).toEqual(['s0', 's1', 's2'])
    const byOption = (state: 'high' | 'low') =>
      Object.fromEntries(report.estimates[state].options.map((o) => [o.option, o]))
    expect(byOption('high')['sigh-standard']!.sessions).toBe(1)
    expect(byOption('high')['sigh-short']!.sessions).toBe(1)
    expect(byOption('low')['super-oxygenation']!.sessions).toBe(1)
    // 2.2 -> 0.6 is 3.2 SWC calmer: the standard sigh's estimate rose above its prior (1.2);
    // the short sigh's re-check went the wrong way (1.8 -> 1.9): its estimate fell below 1.0.
    expect(byOption('high')['sigh-standard']!.recheckMean).toBeGreaterThan(1.2)
    expect(byOption('high')['sigh-short']!.recheckMean).toBeLessThan(1.0)
    expect(report.estimates.high.stillLearning).toBe(true)
  })

  it('prints for people too, and fails clearly on a missing folder or bad usage', async () => {
    const root = await folderWith([session(0, {})])
    const io = memoryIo()
    expect(await run([root], io)).toBe(0)
    expect(io.stdout.join('\n')).toMatch(/not used: s0 - no prescription/)
    expect(io.stdout.join('\n')).toMatch(/Over-aroused: still learning/)
    const missing = memoryIo()
    expect(await run([join(root, 'nope')], missing)).toBe(1)
    expect(missing.stderr.join('\n')).toMatch(/Cannot read the sessions folder/)
    expect(await run([], memoryIo())).toBe(2)
    expect(await run([root, '--seed', 'x'], memoryIo())).toBe(2)
    expect(await run([root, '--frobnicate'], memoryIo())).toBe(2)
  })
})

describe('cli learn with the issue-16 protocols', () => {
  it('replays a recorded panoramic-vision or NSDR session as that option, not as super-oxygenation', async () => {
    const { planReplay } = await import('./learn')
    const meta = (state: 'high' | 'low', name: 'panoramic-vision' | 'nsdr' | 'sit-quietly', i: number) =>
      session(i, {
        prescription: {
          state,
          prescribed: state === 'high' ? 'sigh' : 'super-oxygenation',
          chosen: name,
          dose: 'full'
        },
        protocolDone: { name, plannedS: 120, doneS: 120, completed: true },
        checkIns: [checkIn('check-in', state === 'high' ? 2 : -2), checkIn('re-check', 0)]
      })
    expect(planReplay(meta('high', 'panoramic-vision', 1))).toMatchObject({
      ok: true,
      option: 'panoramic-vision'
    })
    const nsdr = planReplay(meta('low', 'nsdr', 2))
    expect(nsdr).toMatchObject({ ok: true, option: 'nsdr', context: { safety: 'not-done' } })
    expect(planReplay(meta('high', 'sit-quietly', 3))).toMatchObject({ ok: true, option: 'sit-quietly' })
  })
})
