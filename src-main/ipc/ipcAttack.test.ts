/**
 * A hostile renderer against the real core behind the real IPC guard: every channel of the
 * contract gets wrong types, prototype keys, path-traversal ids and foreign senders. Each attempt
 * must end as an IpcRejectedError that was reported through onRejected, no handler may run for a
 * refused message, and nothing outside the sessions root may change (a sibling folder, a folder a
 * symlink in the root points to, a plain folder inside the root that is not a session).
 */
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../devices/clock'
import { SessionRecorder } from '../session/recorder'
import { INVOKE_CHANNELS, invokeRequests, type InvokeChannel, type InvokeRequest } from '../shared/contract'
import { coreRig, disposeCoreRigs, rigTempDir, type CoreRig } from '../core/testSupport/coreRig'
import { IpcRejectedError, registerIpc, senderPolicy, type Handlers, type IpcEventLike } from './registerIpc'

const APP_PAGE = 'file:///opt/Limbic/resources/app.asar/out/renderer/index.html'
const T0 = Date.UTC(2026, 11, 1, 9, 0, 0)

/** One valid request per channel: the attacks below change one thing in it. */
const VALID: { [C in InvokeChannel]: InvokeRequest<C> } = {
  'app:info': undefined,
  'app:notices': undefined,
  'app:dismiss-notice': { id: 'n1' },
  'devices:scan': { timeoutMs: 1000 },
  'devices:connect': { deviceId: 'sim' },
  'devices:disconnect': { channel: 'heart' },
  'devices:status': undefined,
  'live:recent': undefined,
  'sim:control': { arousal: 0.5, immediately: true },
  'settings:get': undefined,
  'settings:update': { language: 'en', recording: { rawCapture: true } },
  'baseline:get': undefined,
  'baseline:reset': undefined,
  'session:start': undefined,
  'session:end': undefined,
  'session:snapshot': undefined,
  'flow:start-check-in': { kind: 'check-in' },
  'flow:finish-check-in': undefined,
  'flow:cancel-check-in': undefined,
  'flow:self-report': { report: 'fine' },
  'flow:continue': undefined,
  'flow:choose-protocol': { protocol: 'sigh', dose: 'full' },
  'flow:go-straight': undefined,
  'flow:safety-passed': undefined,
  'flow:opt-in': { pregnancy: false, seizures: false, heart: false, glaucoma: false, fainting: false },
  'flow:breath-phase': { phase: 'inhale', cycle: 1 },
  'flow:safety-declined': { reason: 'cancelled' },
  'flow:protocol-ended': { name: 'sigh', plannedS: 120, doneS: 120, completed: true },
  'flow:another-round': undefined,
  'flow:skip': undefined,
  'flow:request-drill': undefined,
  'flow:rest-confirmed': undefined,
  'flow:drill-finished': { trials: 2, errors: 1 },
  'flow:restart': undefined,
  'timer:start': { task: 'Reading', phoneOut: null },
  'timer:pause': undefined,
  'timer:resume': undefined,
  'timer:stop': undefined,
  'timer:mark': { kind: 'error' },
  'timer:finish': { reflection: 'ok' },
  'timer:rate-focus': { rating: 4 },
  'balance:tare': undefined,
  'drill:prepare': { ready: true },
  'drill:trial-start': undefined,
  'drill:self-error': { id: 't1' },
  'drill:trial-end': { id: 't1', cancelled: false },
  'drill:begin': undefined,
  'drill:finish': undefined,
  'history:list': undefined,
  'history:load': { id: 'S1' },
  'history:delete': { id: 'S1' },
  'history:export': { ids: ['S1'], format: 'folder' },
  'history:import': { kind: 'session' },
  'app:notify': { title: 't', body: 'b' },
  'recording:location': { action: 'get' },
  'learning:summary': undefined,
  'learning:reset': undefined,
  'learning:export': undefined,
  'resonance:snapshot': undefined,
  'resonance:start': undefined,
  'resonance:cancel': undefined,
  'resonance:skip-rest': undefined,
  'resonance:history': undefined,
  'resonance:coherence': undefined
}

/** Every file under `dir` (following no link) with a hash of its bytes. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (d: string, rel: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name)
      const r = rel ? `${rel}/${e.name}` : e.name
      if (e.isDirectory()) walk(p, r)
      else out[r] = e.isFile() ? createHash('sha256').update(readFileSync(p)).digest('hex') : 'link'
    }
  }
  walk(dir, '')
  return out
}

async function recordSession(root: string, id: string): Promise<void> {
  const clock = new ManualClock(T0)
  const rec = await SessionRecorder.start({ rootDir: root, appVersion: '0.1.0', clock, id })
  rec.updateMeta({ task: 'precious' })
  clock.advance(2000)
  rec.recordBeatClean({ tMs: T0 + 1000, rrMs: 1000, rrCleanMs: null, artifact: null, hrBpm: 60 })
  await rec.close()
}

interface Attack {
  channel: InvokeChannel
  url: string
  args: unknown[]
}

let rig: CoreRig
let base: string
let root: string
let sibling: string
let documents: string
let before: Record<string, Record<string, string>>
let rejected: string[]
let called: string[]
let ipc: Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>

beforeEach(async () => {
  base = rigTempDir('limbic-attack-')
  const userDataDir = join(base, 'user')
  mkdirSync(userDataDir)
  root = join(userDataDir, 'sessions')
  await recordSession(root, 'S1')
  // Outside the root: a folder with a valid session in it, and the target of a link in the root.
  sibling = join(base, 'precious')
  await recordSession(sibling, 'VICTIM')
  writeFileSync(join(sibling, 'thesis.txt'), 'years of work')
  symlinkSync(join(sibling, 'VICTIM'), join(root, 'evil-link'))
  symlinkSync(sibling, join(root, 'evil-root-link'))
  // Inside the root but not a session (what `Documents` was in the report).
  documents = join(root, 'Documents')
  mkdirSync(documents)
  writeFileSync(join(documents, 'letter.txt'), 'dear')
  before = { sibling: snapshot(sibling), documents: snapshot(documents), root: snapshot(root) }

  rig = coreRig({
    userDataDir,
    dialogs: {
      chooseExportDirectory: async () => join(base, 'export'),
      chooseImportFiles: async () => [],
      chooseSessionsDirectory: async () => null
    }
  })
  rejected = []
  called = []
  const counted = Object.fromEntries(
    Object.entries(rig.core.handlers).map(([channel, handler]) => [
      channel,
      (request: unknown) => {
        called.push(channel)
        return (handler as (r: unknown) => unknown)(request)
      }
    ])
  ) as unknown as Handlers
  ipc = new Map()
  registerIpc(
    { handle: (channel, fn) => ipc.set(channel, fn) },
    counted,
    senderPolicy({ appPageUrl: APP_PAGE }),
    (channel, reason) => rejected.push(`${channel}: ${reason}`)
  )
})

afterEach(async () => {
  await disposeCoreRigs()
})

/** Send one message; returns the error it ended with (or null when it went through). */
async function send({ channel, url, args }: Attack): Promise<unknown> {
  try {
    await ipc.get(channel)!({ senderFrame: { url } }, ...args)
    return null
  } catch (err) {
    return err
  }
}

/** Every attack is refused as an IpcRejectedError, reported once each, with no handler run. */
async function expectAllRejected(attacks: Attack[], handlerMayRun = false): Promise<void> {
  expect(attacks.length).toBeGreaterThan(0)
  for (const attack of attacks) {
    const reportedBefore = rejected.length
    const calledBefore = called.length
    const err = await send(attack)
    const what = `${attack.channel} ${show(attack.args)} from ${attack.url}`
    expect(err, what).toBeInstanceOf(IpcRejectedError)
    expect(rejected.length, `${what}: reported through onRejected`).toBe(reportedBefore + 1)
    expect(rejected.at(-1)!.startsWith(`${attack.channel}: `)).toBe(true)
    if (!handlerMayRun) expect(called.length, `${what}: no handler ran`).toBe(calledBefore)
  }
  expect(({} as Record<string, unknown>).polluted, 'Object.prototype untouched').toBeUndefined()
  expect(snapshot(sibling)).toEqual(before.sibling)
  expect(snapshot(documents)).toEqual(before.documents)
  expect(snapshot(root)).toEqual(before.root)
}

const show = (args: unknown[]): string => {
  try {
    return inspect(args, { depth: 3, breakLength: Infinity }).slice(0, 160)
  } catch {
    return '(uninspectable)'
  }
}
const argsFor = (value: unknown): unknown[] => (value === undefined ? [] : [value])
const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x)

describe('every IPC channel refuses a hostile renderer', () => {
  it('the valid sample of every channel passes validation (so each refusal below is the attack)', () => {
    expect(Object.keys(VALID).sort()).toEqual([...INVOKE_CHANNELS].sort())
    for (const channel of INVOKE_CHANNELS) invokeRequests[channel].parse(VALID[channel], 'request')
  })

  it('wrong types: whole payloads, and each field in turn', async () => {
    const attacks: Attack[] = []
    const wrongPayloads = [42, 'x', true, [], [VALID['app:notify']], new Date(0), new Map(), 10n]
    for (const channel of INVOKE_CHANNELS) {
      for (const payload of wrongPayloads) attacks.push({ channel, url: APP_PAGE, args: [payload] })
      attacks.push({ channel, url: APP_PAGE, args: [...argsFor(VALID[channel]), 'extra'] })
      const valid = VALID[channel]
      if (!isObject(valid)) continue
      for (const field of Object.keys(valid)) {
        for (const wrong of [new Date(0), Symbol('x'), () => 1, { nested: { deeper: 1 } }, NaN]) {
          if (channel === 'settings:update' && isObject(wrong)) continue // checked below
          attacks.push({ channel, url: APP_PAGE, args: [{ ...valid, [field]: wrong }] })
        }
      }
    }
    attacks.push({ channel: 'settings:update', url: APP_PAGE, args: [{ language: { nested: 1 } }] })
    attacks.push({ channel: 'settings:update', url: APP_PAGE, args: [{ timer: { blockMin: '90' } }] })
    await expectAllRejected(attacks)
  })

  it('prototype keys as own JSON keys, at the top and nested, on every channel', async () => {
    const attacks: Attack[] = []
    for (const channel of INVOKE_CHANNELS) {
      for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
        const own = JSON.parse(`{"${key}": {"polluted": true}}`) as Record<string, unknown>
        const valid = VALID[channel]
        attacks.push({ channel, url: APP_PAGE, args: [isObject(valid) ? Object.assign(own, valid) : own] })
        if (!isObject(valid)) continue
        for (const [field, value] of Object.entries(valid)) {
          if (!isObject(value)) continue
          // Inside a free JSON document only "__proto__" is refused; constructor is a plain key there.
          if ((field === 'detail' || field === 'value') && key !== '__proto__') continue
          const nested = JSON.parse(`{"${key}": {"polluted": true}}`) as Record<string, unknown>
          attacks.push({
            channel,
            url: APP_PAGE,
            args: [{ ...valid, [field]: Object.assign(nested, value) }]
          })
        }
      }
    }
    await expectAllRejected(attacks)
  })

  it('a validator that throws something unexpected is still a reported IpcRejectedError', async () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new TypeError('boom')
        }
      }
    )
    await expectAllRejected(
      INVOKE_CHANNELS.filter((c) => isObject(VALID[c])).map((channel) => ({
        channel,
        url: APP_PAGE,
        args: [hostile]
      }))
    )
  })

  it('the sessions folder cannot be set through settings:update', async () => {
    await expectAllRejected([
      { channel: 'settings:update', url: APP_PAGE, args: [{ recording: { sessionsDir: base } }] },
      { channel: 'settings:update', url: APP_PAGE, args: [{ recording: { sessionsDir: null } }] },
      {
        channel: 'settings:update',
        url: APP_PAGE,
        args: [{ recording: JSON.parse(`{"__proto__": {"sessionsDir": ${JSON.stringify(base)}}}`) }]
      }
    ])
    expect(rig.settings.get().recording.sessionsDir).toBeNull()
  })

  it('path traversal: ids that are paths, dot-folders, links out of the root, non-sessions', async () => {
    const ids = ['..', '.', '../x', '/etc', 'a/b', '..\\x', 'C:\\x', '.trash', '', '%2e%2e', 'x'.repeat(81)]
    // These pass the contract's id pattern; the handler's own check refuses them (so it runs).
    const deep = ['evil-link', 'evil-root-link', 'Documents']
    const attacks = (list: string[]): Attack[] =>
      list.flatMap((id) => [
        { channel: 'history:load' as const, url: APP_PAGE, args: [{ id }] },
        { channel: 'history:delete' as const, url: APP_PAGE, args: [{ id }] },
        { channel: 'history:export' as const, url: APP_PAGE, args: [{ ids: [id], format: 'folder' }] },
        { channel: 'history:export' as const, url: APP_PAGE, args: [{ ids: ['S1', id], format: 'zip' }] }
      ])
    await expectAllRejected(attacks(ids))
    await expectAllRejected(attacks(deep), true)
    // The export folder stays empty: a refused export writes nothing.
    expect(() => statSync(join(base, 'export'))).toThrow()
  })

  it('foreign senders: other local files, other origins, no frame', async () => {
    const urls = [
      'file:///etc/passwd',
      'file:///tmp/evil/index.html',
      `${APP_PAGE}.evil`,
      'file:///opt/Limbic/resources/app.asar/out/renderer/../evil.html',
      'file://evil-host/opt/Limbic/resources/app.asar/out/renderer/index.html',
      'http://app.local/index.html',
      'https://attacker.example/index.html',
      'http://localhost:5173/',
      'about:blank',
      'data:text/html,<script>1</script>',
      'chrome-extension://abc/index.html',
      'not a url',
      ''
    ]
    const attacks: Attack[] = []
    for (const channel of INVOKE_CHANNELS)
      for (const url of urls) attacks.push({ channel, url, args: argsFor(VALID[channel]) })
    await expectAllRejected(attacks)
    // No frame at all.
    const err = await (async () => {
      try {
        await ipc.get('history:list')!({})
      } catch (e) {
        return e
      }
    })()
    expect(err).toBeInstanceOf(IpcRejectedError)
  })

  it('the app page itself still works, and deletes only the session it names', async () => {
    expect(await send({ channel: 'history:list', url: `${APP_PAGE}#/history`, args: [] })).toBeNull()
    expect(await send({ channel: 'history:delete', url: APP_PAGE, args: [{ id: 'S1' }] })).toBeNull()
    expect(rejected).toEqual([])
    expect(readdirSync(root).sort()).toEqual([
      '.trash',
      'Documents',
      'evil-link',
      'evil-root-link',
      'sessions.csv'
    ])
    expect(snapshot(sibling)).toEqual(before.sibling)
    expect(snapshot(documents)).toEqual(before.documents)
  })
})

describe('senderPolicy', () => {
  it('accepts exactly the packaged page (any query or hash) or the configured origins', () => {
    const packaged = senderPolicy({ appPageUrl: APP_PAGE })
    expect(packaged(APP_PAGE)).toBe(true)
    expect(packaged(`${APP_PAGE}?lang=en#/timer`)).toBe(true)
    expect(packaged('file:///opt/Limbic/resources/app.asar/out/renderer/other.html')).toBe(false)
    expect(packaged('file:///index.html')).toBe(false)
    const dev = senderPolicy({ origins: ['http://localhost:5173'] })
    expect(dev('http://localhost:5173/src/index.html')).toBe(true)
    expect(dev('http://localhost:5174/')).toBe(false)
    expect(dev('http://localhost.attacker.example:5173/')).toBe(false)
    expect(dev(APP_PAGE)).toBe(false)
    expect(() => senderPolicy({ origins: ['file:///x'] })).toThrow()
    expect(() => senderPolicy({ appPageUrl: 'http://x/' })).toThrow()
  })
})
