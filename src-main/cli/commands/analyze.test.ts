import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { memoryIo } from '../io'
import { main } from '../main'

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..')
const fixture = (f: string): string => join(root, 'resources/fixtures/rr', f)

const KEYS = [
  'beats',
  'meanRrMs',
  'meanHrBpm',
  'sdnnMs',
  'rmssdMs',
  'lnRmssd',
  'pnn50Pct',
  'sd1Ms',
  'sd2Ms',
  'stressIndex',
  'artifacts',
  'respirationRateBpm',
  'respiration',
  'timingResolutionMs',
  'warnings',
  'gaps',
  'segments'
]

async function analyze(args: string[], stdin = ''): Promise<{ code: number; out: string[]; err: string[] }> {
  const io = memoryIo(stdin)
  const code = await main(['analyze', ...args], io)
  return { code, out: io.stdout, err: io.stderr }
}

/** An RSA series breathing at `bpm` per minute, ~75 bpm heart, irregular beats. */
function rsaText(breathsPerMin: number, seconds: number, unit: 'ms' | 's'): string {
  const lines: string[] = ['# synthetic RSA test series']
  let t = 0
  let k = 0
  while (t < seconds * 1000) {
    const rr = 800 + 45 * Math.sin((2 * Math.PI * breathsPerMin * t) / 60000) + 6 * Math.sin(k++ * 2.3)
    t += rr
    lines.push(unit === 'ms' ? rr.toFixed(1) : (rr / 1000).toFixed(4))
  }
  return lines.join('\n') + '\n'
}

describe('analyze --json', () => {
  it('prints exactly the documented keys; corrects the noisy file to RMSSD 37-38 ms', async () => {
    const { code, out, err } = await analyze([fixture('rhenanbartels-hrv_noisy_rri.txt'), '--json'])
    expect(code).toBe(0)
    expect(err).toEqual([])
    expect(out).toHaveLength(1)
    const j = JSON.parse(out[0]!)
    expect(Object.keys(j)).toEqual(KEYS)
    expect(Object.keys(j.artifacts)).toEqual(['ectopic', 'missed', 'extra', 'long', 'short'])
    expect(j.rmssdMs).toBeGreaterThanOrEqual(37)
    expect(j.rmssdMs).toBeLessThanOrEqual(38.5)
    expect(j.artifacts.missed).toBeGreaterThanOrEqual(4)
    // missed beats are split in two, extra beats merged away
    expect(j.beats).toBe(3581 + j.artifacts.missed - j.artifacts.extra)
    expect(j.lnRmssd).toBeCloseTo(Math.log(j.rmssdMs), 3)
    expect(j.respirationRateBpm === null || (j.respirationRateBpm >= 3 && j.respirationRateBpm <= 30)).toBe(
      true
    )
  })

  it('--raw reproduces the reference values of the established packages', async () => {
    const { code, out } = await analyze(['--raw', '--json', fixture('pyhrv_SampleNNISeriesShort.txt')])
    expect(code).toBe(0)
    const j = JSON.parse(out[0]!)
    expect(j).toMatchObject({
      beats: 337,
      meanRrMs: 888.9555,
      meanHrBpm: 68.2153,
      sdnnMs: 95.6904,
      rmssdMs: 101.3006,
      pnn50Pct: 48.5119
    })
    // artefacts are still reported (detected, not corrected)
    expect(j.artifacts.long).toBeGreaterThan(0)
    const corrected = JSON.parse(
      (await analyze(['--json', fixture('pyhrv_SampleNNISeriesShort.txt')])).out[0]!
    )
    expect(corrected.rmssdMs).toBeLessThan(j.rmssdMs)
  })

  it('finds the breathing rate of an RSA series read from stdin in seconds', async () => {
    const { code, out } = await analyze(['-', '--json'], rsaText(12, 180, 's'))
    expect(code).toBe(0)
    const j = JSON.parse(out[0]!)
    expect(j.respirationRateBpm).toBeGreaterThan(11.5)
    expect(j.respirationRateBpm).toBeLessThan(12.5)
    expect(j.meanRrMs).toBeGreaterThan(790)
    expect(j.meanRrMs).toBeLessThan(810)
  })

  it('--window-s changes the breathing window (a 6/min rhythm needs a long enough one)', async () => {
    const text = rsaText(6, 240, 'ms')
    const long = JSON.parse((await analyze(['-', '--json', '--window-s', '120'], text)).out[0]!)
    expect(long.respirationRateBpm).toBeCloseTo(6, 1)
    expect(long.respiration).toMatchObject({ baseWindowS: 120, maxWindowS: 120 })
    expect(long.respiration.windowS).toBeGreaterThan(118) // the beats' span inside the window
    expect(long.respiration.method).toMatch(/sinusoid fit/)
    // 60 s windows grow to 8 breaths (80 s) at 6/min: the report says which window was used
    const adaptive = JSON.parse((await analyze(['-', '--json'], text)).out[0]!)
    expect(adaptive.respirationRateBpm).toBeCloseTo(6, 1)
    expect(adaptive.respiration).toMatchObject({ baseWindowS: 60, maxWindowS: 120 })
    expect(adaptive.respiration.windowS).toBeGreaterThan(78)
    expect(adaptive.respiration.windowS).toBeLessThan(81)
    // 10 s windows are shorter than the 30 s the estimator needs: no rate, the HRV is unchanged
    const short = JSON.parse((await analyze(['-', '--json', '--window-s', '10'], text)).out[0]!)
    expect(short.respirationRateBpm).toBeNull()
    expect(short.rmssdMs).toBe(long.rmssdMs)
  })
})

describe('analyze (human-readable)', () => {
  it('says how the file was read, the artefacts, the metrics and one line per window', async () => {
    const { code, out } = await analyze([fixture('rhenanbartels-hrv_rest_rri.txt'), '--window-s', '120'])
    expect(code).toBe(0)
    const text = out.join('\n')
    expect(text).toMatch(/910 intervals, 16:0\d \(format one-per-line\)/)
    expect(text).toMatch(/unit: milliseconds detected/)
    expect(text).toMatch(
      /Artefacts \(Lipponen & Tarvainen 2019\): \d+ ectopic, 0 missed, 0 extra, \d+ long, \d+ short/
    )
    expect(text).toMatch(/signal quality good; corrected/)
    expect(text).toMatch(/RMSSD +5\d\.\d ms/)
    expect(text).toMatch(/stress index +\d+\.\d \(Baevsky; Kubios shows its square root, \d+\.\d\)/)
    expect(text).toMatch(/Per 120 s window:/)
    expect(text).toMatch(
      /breathing from Hann periodogram peak refined by a least-squares sinusoid fit, window \d+ s/
    )
    const windowLines = out.filter((l) => /^ {2}\d+:\d\d-\d+:\d\d/.test(l))
    expect(windowLines).toHaveLength(8) // 16 min in consecutive 2-min windows
  })

  it('says when seconds were detected and when nothing was corrected', async () => {
    const { code, out } = await analyze(['-', '--raw'], rsaText(12, 60, 's'))
    expect(code).toBe(0)
    expect(out.join('\n')).toMatch(/unit: seconds detected/)
    expect(out.join('\n')).toMatch(/NOT corrected \(--raw\)/)
  })
})

describe('analyze: bad input and usage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'limbic-analyze-'))
  const write = (name: string, text: string): string => {
    const p = join(dir, name)
    writeFileSync(p, text)
    return p
  }

  it('names the line of a non-number, exits 1', async () => {
    const p = write('bad.txt', '800\n810\n\nabc\n')
    const { code, out, err } = await analyze([p, '--json'])
    expect(code).toBe(1)
    expect(out).toEqual([])
    expect(err.join('\n')).toBe(`${p} line 4: "abc" is not a number`)
  })

  it('empty file, impossible interval, too few beats', async () => {
    expect((await analyze([write('empty.txt', '\n# only a comment\n')])).err.join()).toMatch(
      /no RR intervals found/
    )
    const imp = await analyze([write('imp.txt', '800\n810\n100\n')])
    expect(imp.code).toBe(1)
    expect(imp.err.join()).toMatch(/line 3: 100 ms is not a possible RR interval/)
    // every value a gap: nothing to analyse, and the message names the first line
    const gaps = await analyze([write('gaps.txt', '# all drop-outs\n20000\n9000\n')])
    expect(gaps.code).toBe(1)
    expect(gaps.err.join()).toMatch(
      /line 2: 20000 ms is not a possible RR interval.*every value in the file is a gap/
    )
    const few = await analyze([write('few.txt', '800\n810\n')])
    expect(few.code).toBe(1)
    expect(few.err.join()).toMatch(/at least 3 RR intervals/)
  })

  it('a missing file exits 1 with the reason', async () => {
    const { code, err } = await analyze([join(dir, 'nope.txt')])
    expect(code).toBe(1)
    expect(err.join()).toMatch(/Cannot read .*nope\.txt: ENOENT/)
  })

  it('usage errors exit 2 with the help text', async () => {
    for (const args of [
      [],
      ['a.txt', 'b.txt'],
      ['a.txt', '--window-s', 'x'],
      ['a.txt', '--window-s', '5'],
      ['a.txt', '--bogus']
    ]) {
      const { code, err } = await analyze(args)
      expect(code, args.join(' ')).toBe(2)
      expect(err.join('\n')).toMatch(/window-s|Usage/)
    }
    const help = await analyze(['--help'])
    expect(help.code).toBe(0)
    expect(help.out.join()).toMatch(/Usage: npm run cli -- analyze <file>/)
  })
})

describe('analyze: recordings with gaps', () => {
  const dir = mkdtempSync(join(tmpdir(), 'limbic-analyze-gaps-'))
  const write = (name: string, text: string): string => {
    const p = join(dir, name)
    writeFileSync(p, text)
    return p
  }
  it('a 7.48 s drop-out splits the report into segments instead of stopping it', async () => {
    const rr = readFileSync(fixture('rhenanbartels-hrv_rest_rri.txt'), 'utf8').trim().split(/\s+/)
    const p = write('holter.txt', [...rr.slice(0, 300), '7480', ...rr.slice(300)].join('\n'))
    const human = await analyze([p])
    expect(human.code).toBe(0)
    expect(human.out.join('\n')).toMatch(/1 gap\(s\).*first on line 301/)
    expect(human.out.join('\n')).toMatch(/Segments between gaps \(2;/)
    const j = JSON.parse((await analyze([p, '--json'])).out[0]!)
    expect(j.gaps).toEqual([{ line: 301, durationMs: 7480 }])
    expect(j.segments.map((s: { beats: number }) => s.beats)).toEqual([300, rr.length - 300])
    expect(j.segments[1].gapBeforeS).toBe(7.48)
  })
})

describe('analyze: timing resolution', () => {
  it('reports a 128 Hz grid, floors the thresholds and warns', async () => {
    const rr = readFileSync(fixture('rhenanbartels-hrv_rest_rri.txt'), 'utf8').trim().split(/\s+/).map(Number)
    let t = 0
    let prev = 0
    const q = rr.map((v) => {
      t += v
      const tq = Math.round(t / 7.8125) * 7.8125
      const out = Math.round(tq - prev)
      prev = tq
      return out
    })
    const text = q.join('\n') + '\n'
    const human = await analyze(['-'], text)
    expect(human.out.join('\n')).toMatch(
      /timing resolution: 7\.8125 ms \(128 Hz sampling\); artefact thresholds floored at 31\.25 ms/
    )
    expect(human.out.join('\n')).toMatch(/warning: timing resolution 7\.81 ms/)
    const j = JSON.parse((await analyze(['-', '--json'], text)).out[0]!)
    expect(j.timingResolutionMs).toBe(7.8125)
    expect(j.warnings).toHaveLength(1)
    const plain = JSON.parse((await analyze([fixture('rhenanbartels-hrv_rest_rri.txt'), '--json'])).out[0]!)
    expect(plain.timingResolutionMs).toBe(1)
    expect(plain.warnings).toEqual([])
  })
})

describe('analyze --rows', () => {
  it('per-window CSV and JSON rows, --hourly, --segments, and their usage errors', async () => {
    const f = fixture('rhenanbartels-hrv_rest_rri.txt')
    const csv = await analyze([f, '--rows', 'csv', '--window-s', '300'])
    expect(csv.code).toBe(0)
    expect(csv.out[0]).toMatch(/^start_s,end_s,beats,gaps,mean_hr_bpm/)
    expect(csv.out.slice(1).map((l) => l.split(',')[0])).toEqual(['0', '300', '600', '900'])
    const hourly = JSON.parse((await analyze([f, '--rows', 'json', '--hourly'])).out[0]!)
    expect(hourly).toMatchObject({ per: 'window', windowS: 3600 })
    expect(hourly.rows).toHaveLength(1)
    const segs = JSON.parse((await analyze([f, '--rows', 'json', '--segments'])).out[0]!)
    expect(segs.per).toBe('segment')
    expect(segs.rows).toHaveLength(1)
    expect(segs.rows[0].beats).toBe(hourly.rows[0].beats)
    expect((await analyze([f, '--rows', 'xml'])).code).toBe(2)
    expect((await analyze([f, '--rows', 'csv', '--json'])).code).toBe(2)
    expect((await analyze([f, '--hourly', '--window-s', '60'])).code).toBe(2)
    expect((await analyze([f, '--segments'])).err.join()).toMatch(/--segments needs --rows/)
  })
})
