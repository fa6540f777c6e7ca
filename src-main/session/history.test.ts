import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { mkdir, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../devices/clock'
import { createHistory } from './history'
import { SessionRecorder } from './recorder'
import { pythonReadCsv } from './testSupport/pythonCsv'

const T0 = Date.UTC(2026, 10, 20, 9, 0, 0)
const dirs: string[] = []
const tmp = (p: string) => {
  const d = mkdtempSync(join(tmpdir(), p))
  dirs.push(d)
  return d
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true })
})

/** A recorded session with every table, awkward text and a drill/timer/protocol story. */
async function recordSession(
  root: string,
  id: string,
  opts: { minutes?: number; balanceHz?: number; historyCache?: boolean } = {}
) {
  const clock = new ManualClock(T0)
  const rec = await SessionRecorder.start({
    rootDir: root,
    appVersion: '0.1.0',
    clock,
    id,
    rawCapture: true,
    beatSamples: 'record',
    historyCache: opts.historyCache
  })
  rec.updateMeta({
    task: 'Organic chem, "ch. 3", part 2',
    gate: { outcome: 'optimal', atUtc: 'x' },
    protocolDone: { name: 'sigh', plannedS: 60, doneS: 60, completed: true }
  })
  rec.recordStatus({
    sourceId: 'simulator',
    kind: 'simulator',
    state: 'streaming',
    device: {
      id: 'sim',
      kind: 'simulator',
      name: 'Sim strap',
      rssi: null,
      channels: ['heart'],
      simulated: true
    },
    problem: null,
    detail: null,
    batteryPct: null,
    contact: 'detected',
    malformedCount: 0,
    reconnectAttempt: 0,
    nextRetryAtMs: null,
    simulated: true,
    tMs: T0
  })
  const minutes = opts.minutes ?? 3
  const hz = opts.balanceHz ?? 100
  let t = T0
  let k = 0
  while (t < T0 + minutes * 60_000) {
    const rr = (800 + 40 * Math.sin(k / 5) + (k % 7)) * 1 // not exact 1/1024 steps: formatting must keep it
    const rrExact = Math.round((rr * 1024) / 1000) * (1000 / 1024)
    t += rrExact
    rec.recordSample({ type: 'beat', tMs: t, rrMs: rrExact, seq: k })
    rec.recordSample({
      type: 'hr',
      tMs: t,
      hrBpm: Math.round(60_000 / rrExact),
      contact: 'detected',
      energyKj: null,
      rrMs: [rrExact]
    })
    if (k % 2 === 0)
      rec.recordMetrics({
        tMs: t,
        hrBpm: 60_000 / rrExact,
        rmssdMs: 30 + (k % 20),
        lnRmssd: Math.log(30 + (k % 20)),
        sdnnMs: 50,
        respRateBpm: 6,
        arousalScore: 0.1,
        arousalState: 'optimal',
        quality: 'good'
      })
    rec.recordRaw(t, 'hr', new Uint8Array([0x10, 60, k & 0xff, 3]))
    k++
  }
  const n = minutes * 60 * hz
  for (let i = 0; i < n; i++) {
    const ts = T0 + (i * 1000) / hz
    const spike = i === Math.floor(n / 3) ? 90 : 0
    rec.recordSample({
      type: 'balance',
      tMs: ts,
      kg: [10, 11, 12, 13],
      totalKg: 46,
      copXMm: 5 * Math.sin(i / 50) + spike,
      copYMm: 3 * Math.cos(i / 70)
    })
  }
  rec.recordEvent(T0 + 10_000, 'protocol-start', { from: 'prescription', to: 'breathing', chosen: 'sigh' })
  rec.recordEvent(T0 + 70_000, 'protocol-end', { name: 'sigh', plannedS: 60, doneS: 60, completed: true })
  // One trial as the app records it: main's start and end, then the renderer's verdict.
  rec.recordEvent(T0 + 80_000, 'drill-trial', { phase: 'start', trialId: 't1', stance: 'tandem' })
  rec.recordEvent(T0 + 100_000, 'drill-trial', {
    phase: 'end',
    trialId: 't1',
    stance: 'tandem',
    durationS: 20,
    errors: 3
  })
  rec.recordEvent(T0 + 100_200, 'drill-trial', { phase: 'result', trialId: 't1', errors: 3, level: 2 })
  rec.recordEvent(T0 + 110_000, 'timer-start', { blockMin: 90, task: 'x' })
  rec.recordEvent(T0 + 110_000, 'timer-phase', { phase: 'warmup', atS: 0 })
  rec.recordEvent(T0 + 130_000, 'timer-pause', {})
  rec.recordEvent(T0 + 140_000, 'timer-resume', {})
  rec.recordEvent(T0 + 150_000, 'timer-phase', { phase: 'focus', atS: 30 })
  rec.recordEvent(T0 + 160_000, 'note', { text: 'comma, "quote"\r\nnew line ✓' })
  await rec.close({ endMs: T0 + minutes * 60_000 })
  return rec
}

function history(
  root: string,
  io: { exportDir?: string | null; importPaths?: string[] } = {},
  activeId: string | null = null
) {
  return createHistory({
    root: () => root,
    activeId: () => activeId,
    dialogs: () => ({
      chooseExportDirectory: async () => io.exportDir ?? null,
      chooseSessionsDirectory: async () => null,
      chooseImportFiles: async () => io.importPaths ?? []
    }),
    clock: new ManualClock(Date.UTC(2026, 10, 23, 8, 0, 0)),
    appVersion: '0.1.0'
  }).handlers
}

/** A session's files (not its dot-file History cache, which is rebuilt wherever it is missing). */
async function filesOf(dir: string): Promise<Record<string, Buffer>> {
  const out: Record<string, Buffer> = {}
  for (const f of (await readdir(dir)).sort()) if (!f.startsWith('.')) out[f] = await readFile(join(dir, f))
  return out
}

describe('history', () => {
  it('round trip: export -> import loses nothing; a clashing id gets a new one', async () => {
    const root = tmp('limbic-hist-')
    const dest = tmp('limbic-export-')
    await recordSession(root, '20261120-090000-aaaa')
    const h = history(root, { exportDir: dest })
    const res = await h['history:export']({ ids: ['20261120-090000-aaaa'], format: 'folder' })
    expect(res.path).toBe(dest)
    expect((await readdir(dest)).sort()).toEqual([
      '20261120-090000-aaaa',
      '20261120-090000-aaaa_rr.txt',
      'sessions.csv'
    ])
    const original = await filesOf(join(root, '20261120-090000-aaaa'))
    expect(Object.keys(original).sort()).toEqual([
      'balance.csv',
      'beats.csv',
      'events.csv',
      'hr.csv',
      'metrics.csv',
      'raw.log',
      'session.json'
    ])
    expect(res.files).toBe(Object.keys(original).length + 2)

    // Import the exported folder while the original is still there: new id, same content.
    const imp = history(root, { importPaths: [join(dest, '20261120-090000-aaaa')] })
    const r1 = await imp['history:import']({ kind: 'session' })
    expect(r1.problems).toEqual([])
    expect(r1.imported).toHaveLength(1)
    const newId = r1.imported[0]!
    expect(newId).not.toBe('20261120-090000-aaaa')
    expect(newId).toMatch(/^20261120-090000-[0-9a-f]{4}$/)
    const copy = await filesOf(join(root, newId))
    for (const f of Object.keys(original))
      if (f !== 'session.json') expect(copy[f]!.equals(original[f]!), f).toBe(true)
    const metaA = JSON.parse(original['session.json']!.toString())
    const metaB = JSON.parse(copy['session.json']!.toString())
    expect(metaB.id).toBe(newId)
    expect(metaB.source).toMatchObject({
      kind: 'session-import',
      originalId: '20261120-090000-aaaa',
      original: { kind: 'recorded' }
    })
    const strip = (m: Record<string, unknown>) => ({ ...m, id: undefined, source: undefined })
    expect(strip(metaB)).toEqual(strip(metaA))

    // Delete the original and import the export folder (parent of the session): the id comes back.
    await h['history:delete']({ id: '20261120-090000-aaaa' })
    const r2 = await history(root, { importPaths: [dest] })['history:import']({ kind: 'session' })
    expect(r2).toEqual({ imported: ['20261120-090000-aaaa'], problems: [] })
    const back = await filesOf(join(root, '20261120-090000-aaaa'))
    for (const f of Object.keys(original))
      if (f !== 'session.json') expect(back[f]!.equals(original[f]!), f).toBe(true)

    // The list shows both, with the same summary numbers.
    const list = await h['history:list']()
    expect(list.map((s) => s.id).sort()).toEqual(['20261120-090000-aaaa', newId].sort())
    const [a, b] = list
    expect({ ...a, id: '', source: '' }).toEqual({ ...b, id: '', source: '' })
    expect(a).toMatchObject({
      task: 'Organic chem, "ch. 3", part 2',
      protocol: 'sigh',
      errors: 3,
      durationS: 180
    })
  })

  it('Kubios RR file: one exact RR per line; importing it back gives the same beats', async () => {
    const root = tmp('limbic-hist-')
    const dest = tmp('limbic-export-')
    await recordSession(root, 'S1', { minutes: 2, balanceHz: 10 })
    await history(root, { exportDir: dest })['history:export']({ ids: ['S1'], format: 'rr' })
    expect(await readdir(dest)).toEqual(['S1_rr.txt'])
    const rrText = await readFile(join(dest, 'S1_rr.txt'), 'utf8')
    const beats = pythonReadCsv(join(root, 'S1', 'beats.csv')).slice(1)
    expect(rrText.trimEnd().split('\r\n')).toEqual(beats.map((r) => r[2]))
    await utimes(join(dest, 'S1_rr.txt'), new Date(T0 + 120_000), new Date(T0 + 120_000))
    const res = await history(root, { importPaths: [join(dest, 'S1_rr.txt')] })['history:import']({
      kind: 'rr'
    })
    expect(res.problems).toEqual([])
    const imported = pythonReadCsv(join(root, res.imported[0]!, 'beats.csv')).slice(1)
    expect(imported.map((r) => r[2])).toEqual(beats.map((r) => r[2]))
    const meta = JSON.parse(await readFile(join(root, res.imported[0]!, 'session.json'), 'utf8'))
    expect(meta.source).toMatchObject({ kind: 'rr-import', from: 'S1_rr.txt' })
    expect(meta.rrImport.unit).toBe('ms')
    expect(meta.stats.rows.beats).toBe(beats.length)
  })

  it('zip export holds the session files, the RR file and sessions.csv (checked with python zipfile)', async () => {
    const root = tmp('limbic-hist-')
    const dest = tmp('limbic-export-')
    await recordSession(root, 'S1', { minutes: 1, balanceHz: 50 })
    const res = await history(root, { exportDir: dest })['history:export']({ ids: ['S1'], format: 'zip' })
    expect(res.path).toMatch(/limbic-sessions-20261123-080000\.zip$/)
    const listing = execFileSync(
      'python3',
      [
        '-c',
        'import zipfile,sys,json,hashlib\nz=zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(json.dumps({n: hashlib.sha256(z.read(n)).hexdigest() for n in z.namelist()}))',
        res.path!
      ],
      { encoding: 'utf8' }
    )
    const hashes = JSON.parse(listing) as Record<string, string>
    expect(Object.keys(hashes).sort()).toEqual(
      [
        'S1/balance.csv',
        'S1/beats.csv',
        'S1/events.csv',
        'S1/hr.csv',
        'S1/metrics.csv',
        'S1/raw.log',
        'S1/session.json',
        'S1_rr.txt',
        'sessions.csv'
      ].sort()
    )
    const { createHash } = await import('node:crypto')
    const sha = createHash('sha256')
      .update(await readFile(join(root, 'S1', 'balance.csv')))
      .digest('hex')
    expect(hashes['S1/balance.csv']).toBe(sha)
  })

  it('a corrupt session folder gives a clear message while the others still load', async () => {
    const root = tmp('limbic-hist-')
    await recordSession(root, 'GOOD1', { minutes: 1, balanceHz: 10 })
    await recordSession(root, 'GOOD2', { minutes: 1, balanceHz: 10 })
    await mkdir(join(root, 'BROKEN-json'))
    await writeFile(join(root, 'BROKEN-json', 'session.json'), '{"id": "BROKEN-json", "startUtc": ')
    await mkdir(join(root, 'NO-meta'))
    await writeFile(join(root, 'NO-meta', 'beats.csv'), 't_s\r\n')
    // A session whose beats.csv was mangled by hand.
    await recordSession(root, 'BAD-csv', { minutes: 1, balanceHz: 10 })
    await writeFile(join(root, 'BAD-csv', 'beats.csv'), 't_s,utc,rr_ms\r\n1,x,80"0\r\n')
    const meta = JSON.parse(await readFile(join(root, 'BAD-csv', 'session.json'), 'utf8'))
    await writeFile(join(root, 'BAD-csv', 'session.json'), JSON.stringify({ ...meta, stats: null }))

    const h = history(root)
    const list = await h['history:list']()
    const byId = Object.fromEntries(list.map((s) => [s.id, s]))
    expect(Object.keys(byId).sort()).toEqual(['BAD-csv', 'BROKEN-json', 'GOOD1', 'GOOD2', 'NO-meta'])
    expect(byId['GOOD1']!.problem).toBeNull()
    expect(byId['BROKEN-json']!.problem).toMatch(/^session\.json is not valid JSON/)
    expect(byId['NO-meta']!.problem).toBe('session.json is missing')
    expect(byId['BAD-csv']!.problem).toMatch(/beats\.csv: line 2: quote inside an unquoted field/)

    expect((await h['history:load']({ id: 'GOOD2' })).summary.problem).toBeNull()
    await expect(h['history:load']({ id: 'BROKEN-json' })).rejects.toThrow(/session\.json is not valid JSON/)
    const bad = await h['history:load']({ id: 'BAD-csv' })
    expect(bad.summary.problem).toMatch(/beats\.csv: line 2/)
    expect(bad.balance?.tS.length).toBeGreaterThan(0) // what could be read still shows
    const idx = pythonReadCsv(join(root, 'sessions.csv'))
    expect(idx.length).toBeGreaterThanOrEqual(3)
  })

  it('history:load decimates long series keeping extremes, and derives spans from events', async () => {
    const root = tmp('limbic-hist-')
    await recordSession(root, 'LONG', { minutes: 4, balanceHz: 100 })
    const d = await history(root)['history:load']({ id: 'LONG' })
    // CoP only inside the drill trial (80-100 s), evenly thinned so its sway statistics hold.
    const t = d.balance!.tS
    expect(t.length).toBeGreaterThan(900)
    expect(t.length).toBeLessThanOrEqual(1500)
    expect(t.every((v) => v >= 80 && v <= 100)).toBe(true)
    const rms = (xs: number[]) => {
      const m = xs.reduce((a, b) => a + b, 0) / xs.length
      return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length)
    }
    const full = Array.from({ length: 2000 }, (_, k) => 5 * Math.sin((8000 + k) / 50))
    const kept = d.balance!.copXMm.filter((_, i) => t[i]! > 80.05) // past the one-sample spike at 80 s
    expect(rms(kept)).toBeCloseTo(rms(full), 0)
    expect(Math.abs(rms(kept) / rms(full) - 1)).toBeLessThan(0.03)
    expect(t.every((v, i) => i === 0 || v > t[i - 1]!)).toBe(true)
    expect(d.heart.tS.length).toBeLessThanOrEqual(2001)
    expect(d.heart.rmssdMs.some((v) => v !== null)).toBe(true)
    expect(d.beats).toBeGreaterThan(250)
    expect(d.spans).toEqual([
      { kind: 'protocol', label: 'sigh', fromS: 10, toS: 70 },
      { kind: 'drill', label: 'tandem level 2', fromS: 80, toS: 100 },
      { kind: 'timer', label: 'warmup', fromS: 110, toS: 130 },
      { kind: 'timer', label: 'pause', fromS: 130, toS: 140 },
      { kind: 'timer', label: 'warmup', fromS: 140, toS: 150 },
      { kind: 'timer', label: 'focus', fromS: 150, toS: 240 }
    ])
    expect(d.events.find((e) => e.type === 'note')?.detail).toBe(
      '{"text":"comma, \\"quote\\"\\r\\nnew line ✓"}'
    )
    expect((d.meta as { task: string }).task).toBe('Organic chem, "ch. 3", part 2')
  })

  it('history:load caches a finished session and notices when a file changes', async () => {
    const root = tmp('limbic-hist-')
    await recordSession(root, 'C1', { minutes: 1, balanceHz: 20 })
    const h = history(root)
    const first = await h['history:load']({ id: 'C1' })
    expect(await readdir(join(root, 'C1'))).toContain('.history-cache.json')
    expect(await h['history:load']({ id: 'C1' })).toEqual(first)
    await writeFile(
      join(root, 'C1', 'events.csv'),
      (await readFile(join(root, 'C1', 'events.csv'), 'utf8')) + '170,2026-11-20T09:02:50.000Z,note,added\r\n'
    )
    const after = await h['history:load']({ id: 'C1' })
    expect(after.events.at(-1)).toEqual({ tS: 170, type: 'note', detail: 'added' })
    // The cache never travels with an export.
    const dest = tmp('limbic-export-')
    await history(root, { exportDir: dest })['history:export']({ ids: ['C1'], format: 'folder' })
    expect(await readdir(join(dest, 'C1'))).not.toContain('.history-cache.json')
  })

  it('closing a session writes its History cache; the first open reads it and equals the detail computed from the files', async () => {
    const root = tmp('limbic-hist-')
    await recordSession(root, 'W1', { minutes: 4, balanceHz: 20 })
    // Written by close, before anything opened the session; no temporary file left beside it.
    const names = await readdir(join(root, 'W1'))
    expect(names).toContain('.history-cache.json')
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([])
    const cached = JSON.parse(await readFile(join(root, 'W1', '.history-cache.json'), 'utf8')) as {
      detail: unknown
    }
    const h = history(root)
    const opened = await h['history:load']({ id: 'W1' })
    expect(opened).toEqual(cached.detail)
    expect(opened.balance!.tS.length).toBeGreaterThan(0)
    // The same detail computed from the CSVs (an old session folder without a cache).
    await rm(join(root, 'W1', '.history-cache.json'))
    expect(await h['history:load']({ id: 'W1' })).toEqual(opened)
    // A cache that no longer matches the files is not used: the detail follows the files.
    await writeFile(
      join(root, 'W1', '.history-cache.json'),
      JSON.stringify({ ...cached, detail: { beats: -1 } })
    )
    await writeFile(
      join(root, 'W1', 'events.csv'),
      (await readFile(join(root, 'W1', 'events.csv'), 'utf8')) + '170,2026-11-20T09:02:50.000Z,note,later\r\n'
    )
    const changed = await h['history:load']({ id: 'W1' })
    expect(changed.beats).toBe(opened.beats)
    expect(changed.events.at(-1)).toEqual({ tS: 170, type: 'note', detail: 'later' })
  })

  it('a recorder told not to leaves no History cache; the first open builds it', async () => {
    const root = tmp('limbic-hist-')
    await recordSession(root, 'W2', { minutes: 1, balanceHz: 5, historyCache: false })
    expect(await readdir(join(root, 'W2'))).not.toContain('.history-cache.json')
    await history(root)['history:load']({ id: 'W2' })
    expect(await readdir(join(root, 'W2'))).toContain('.history-cache.json')
  })

  it('delete: removes the folder, refuses the recording session and anything not a session', async () => {
    const root = tmp('limbic-hist-')
    await recordSession(root, 'S1', { minutes: 1, balanceHz: 1 })
    await recordSession(root, 'S2', { minutes: 1, balanceHz: 1 })
    const h = history(root, {}, 'S2')
    await expect(h['history:delete']({ id: 'S2' })).rejects.toThrow(/being recorded/)
    await expect(h['history:delete']({ id: '..' })).rejects.toThrow(/not a session id/)
    await expect(h['history:delete']({ id: 'nope' })).rejects.toThrow(/no session "nope"/)
    await h['history:delete']({ id: 'S1' })
    expect((await readdir(root)).filter((f) => !f.startsWith('.')).sort()).toEqual(['S2', 'sessions.csv'])
    expect(pythonReadCsv(join(root, 'sessions.csv')).map((r) => r[0])).toEqual(['id', 'S2'])
  })

  it('cancelled dialogs do nothing', async () => {
    const root = tmp('limbic-hist-')
    await recordSession(root, 'S1', { minutes: 1, balanceHz: 1 })
    const h = history(root)
    expect(await h['history:export']({ ids: ['S1'], format: 'folder' })).toEqual({ path: null, files: 0 })
    expect(await h['history:import']({ kind: 'rr' })).toEqual({ imported: [], problems: [] })
  })
})
