/**
 * The main-process core, free of Electron: devices, live data, settings and the IPC handlers.
 * The Electron entry builds it with real hardware loaders; the e2e harness and tests build it with
 * emulated devices. Both get the same handlers, so the harness exercises the real main process.
 */
import { hrBpmFromRrMs } from '../shared/perMinute'
import { join } from 'node:path'
import type { Clock } from '../devices/clock'
import type { DeviceInfo, Sample } from '../devices/dataSource'
import { SimulatorSource } from '../devices/sim/simulatorSource'
import { SimulatedBoardSource } from '../devices/sim/simulatedBoard'
import type { SimulatedHeartOptions } from '../devices/sim/simulatedHeart'
import type { EventChannel, EventPayloads, Notice, AppInfo } from '../shared/contract'
import type { SettingsService } from '../settings/openSettingsStore'
import type { Handlers } from '../ipc/registerIpc'
import { DeviceManager, type SourceProvider } from './deviceManager'
import { BalanceBatcher } from './balanceBatcher'
import { StateDocs } from './features/stateDocs'
import { NO_SESSION, type Feature, type FeatureContext, type SessionSink } from './features/featureContext'
import type { LiveMetrics } from '../shared/arousal'
import type { SourceStatus } from '../devices/dataSource'
import { Listeners } from '../devices/emitter'
import { FEATURE_FACTORIES } from './features/index'

export type Emit = <E extends EventChannel>(event: E, payload: EventPayloads[E]) => void

export interface AppCoreOptions {
  clock: Clock
  settings: SettingsService
  emit: Emit
  notices?: Notice[]
  appVersion: string
  platform: string
  shell: AppInfo['shell']
  /** Hardware sources (BLE straps, balance boards); the simulator is always added. */
  providers?: SourceProvider[]
  simulator?: SimulatedHeartOptions
  /** How long to look for a real strap at launch before falling back to the simulator. */
  launchScanMs?: number
  /** Called with every routed sample (recording, analysis) - in addition to the live events. */
  onSample?: (sample: Sample) => void
  /** Features to build instead of FEATURE_FACTORIES (tests). */
  features?: FeatureFactory[]
  /** Where sessions, baseline and state documents live (electron: userData). */
  userDataDir: string
  /** Shows an OS notification (opt-in phase changes). */
  notify?: (title: string, body: string) => void
  /** Save/open dialogs, chosen in main so the renderer never passes a raw path. */
  dialogs?: Dialogs
}

/**
 * Builds one feature (check-in, sessions, drill...) from the shared context. Features are listed in
 * `features/index.ts`; each owns its handlers, so adding one never touches the others.
 */
export type FeatureFactory = (ctx: FeatureContext, setSessionSink: (sink: SessionSink) => void) => Feature

export interface Dialogs {
  chooseExportDirectory(): Promise<string | null>
  /** A folder to record sessions in (null = cancelled). */
  chooseSessionsDirectory(): Promise<string | null>
  chooseImportFiles(kind: 'rr' | 'session' | 'zip'): Promise<string[]>
}

export interface AppCore {
  handlers: Handlers
  devices: DeviceManager
  simulator(): SimulatorSource | null
  /** Connect the remembered device, or find one, or fall back to the simulator. */
  start(): Promise<void>
  dispose(): Promise<void>
}

export function createAppCore(options: AppCoreOptions): AppCore {
  const { clock, settings, emit } = options
  const notices = [...(options.notices ?? [])]
  let simulator: SimulatorSource | null = null
  const simulatorProvider: SourceProvider = {
    name: 'simulator',
    create: async () => {
      simulator = new SimulatorSource({ clock, ...options.simulator })
      return simulator
    }
  }
  // The simulator's balance board: a simulated body on the emulated HID board, read by the real
  // board driver ("Simulated balance board" in the picker); `sim:control` sets its stance.
  let simulatedBoard: SimulatedBoardSource | null = null
  const simulatedBoardProvider: SourceProvider = {
    name: 'simulator-board',
    create: async () => {
      simulatedBoard = new SimulatedBoardSource({ clock, seed: options.simulator?.seed })
      return simulatedBoard
    }
  }
  const devices = new DeviceManager([...(options.providers ?? []), simulatorProvider, simulatedBoardProvider])
  const balance = new BalanceBatcher(clock, (batch) => emit('balance:samples', batch))

  devices.onStatus((status) => {
    emit('device:status', status)
    if (status.state === 'streaming' && status.device && !status.simulated) rememberDevice(status.device)
  })
  devices.onSample(({ sample }) => {
    switch (sample.type) {
      case 'beat':
        emit('heart:beat', {
          tMs: sample.tMs,
          rrMs: sample.rrMs,
          hrBpm: hrBpmFromRrMs(sample.rrMs),
          seq: sample.seq
        })
        break
      case 'hr':
        emit('heart:measurement', { tMs: sample.tMs, hrBpm: sample.hrBpm, contact: sample.contact })
        break
      case 'balance':
        balance.push(sample)
        break
    }
    options.onSample?.(sample)
  })

  function rememberDevice(device: DeviceInfo): void {
    const ref = { id: device.id, name: device.name }
    const key = device.channels.includes('heart') ? 'lastHeart' : 'lastBoard'
    const current = settings.get().devices[key]
    if (current?.id !== ref.id || current?.name !== ref.name) settings.update({ devices: { [key]: ref } })
  }

  const isSimulated = (): boolean => devices.activeSource('heart')?.kind === 'simulator'
  const stateDocs = new StateDocs(options.userDataDir)
  const pending = (what: string) => (): never => {
    throw new Error(`${what} is not available in this build yet`)
  }

  let sessionSink: SessionSink = NO_SESSION
  let latestMetrics: LiveMetrics | null = null
  const sampleListeners = new Listeners<{ sample: Sample; sourceId: string }>()
  devices.onSample(({ sample, source }) => sampleListeners.emit({ sample, sourceId: source.id }))
  const ctx: FeatureContext = {
    clock,
    settings,
    emit: ((event, payload) => {
      if (event === 'metrics:update') latestMetrics = payload as LiveMetrics
      emit(event, payload)
    }) as Emit,
    devices,
    appVersion: options.appVersion,
    userDataDir: options.userDataDir,
    notify: options.notify,
    dialogs: options.dialogs,
    session: () => sessionSink,
    notice: (n) => {
      // Same id = the same matter, updated (recording paused -> resumed): replace, do not stack.
      const i = notices.findIndex((x) => x.id === n.id)
      if (i >= 0) notices[i] = n
      else notices.push(n)
      emit('app:notice', n)
    },
    onSample: (listener) => sampleListeners.add(({ sample, sourceId }) => listener(sample, sourceId)),
    onStatus: (listener: (status: SourceStatus) => void) => devices.onStatus(listener),
    latestMetrics: () => latestMetrics
  }
  const features = (options.features ?? FEATURE_FACTORIES).map((make) =>
    make(ctx, (sink) => {
      sessionSink = sink
    })
  )

  const handlers: Handlers = {
    'app:info': () => ({
      version: options.appVersion,
      platform: options.platform,
      simulated: isSimulated(),
      shell: options.shell
    }),
    'app:notices': () => notices,
    'app:dismiss-notice': ({ id }) => {
      const i = notices.findIndex((n) => n.id === id)
      if (i >= 0) notices.splice(i, 1)
    },
    'devices:scan': ({ timeoutMs }) => devices.scan(timeoutMs),
    'devices:connect': ({ deviceId }) => devices.connect(deviceId),
    'devices:disconnect': ({ channel }) => devices.disconnect(channel),
    'devices:status': () => devices.statusAll(),
    'sim:control': ({ arousal, immediately, pattern, stance }) => {
      if (stance === undefined || arousal !== undefined || pattern !== undefined) {
        if (!simulator || !isSimulated()) throw new Error('the simulator is not the active heart source')
        if (arousal !== undefined) simulator.setArousal(arousal, immediately ?? false)
        if (pattern !== undefined) simulator.followPattern(pattern)
      }
      if (stance !== undefined) {
        if (!simulatedBoard) throw new Error('the simulated balance board is not available')
        simulatedBoard.setStance(stance)
      }
    },
    'settings:get': () => settings.get(),
    'settings:update': (patch) => settings.update(patch as Record<string, unknown>),
    'checkin:start': pending('check-in'),
    'checkin:finish': pending('check-in'),
    'checkin:cancel': pending('check-in'),
    'checkin:self-report': pending('check-in'),
    'baseline:get': pending('baseline'),
    'baseline:reset': pending('baseline'),
    'session:start': pending('session recording'),
    'session:current': () => null,
    'session:event': pending('session recording'),
    'session:update': pending('session recording'),
    'session:end': pending('session recording'),
    'state:load': ({ key }) => stateDocs.load(key),
    'state:save': ({ key, value }) => stateDocs.save(key, value),
    'balance:tare': pending('balance board'),
    'drill:trial-start': pending('balance drill'),
    'drill:trial-end': pending('balance drill'),
    'history:list': pending('history'),
    'history:load': pending('history'),
    'history:delete': pending('history'),
    'history:export': pending('export'),
    'history:import': pending('import'),
    'app:notify': ({ title, body }) => options.notify?.(title, body),
    'recording:location': async ({ action }) => {
      let cancelled = false
      if (action === 'reset') settings.update({ recording: { sessionsDir: null } })
      if (action === 'choose') {
        const dir = options.dialogs ? await options.dialogs.chooseSessionsDirectory() : null
        if (dir) settings.update({ recording: { sessionsDir: dir } })
        else cancelled = true
      }
      // The next session is recorded there; earlier ones stay where they are (the folder is theirs).
      const custom = settings.get().recording.sessionsDir
      return { path: custom ?? join(options.userDataDir, 'sessions'), custom: custom !== null, cancelled }
    }
  }
  for (const feature of features) Object.assign(handlers, feature.handlers)

  async function start(): Promise<void> {
    for (const feature of features) await feature.start?.()
    for (const n of notices) emit('app:notice', n)
    const found = await devices.scan(options.launchScanMs ?? 4000)
    // A remembered balance board reconnects too; a failure leaves it to the picker.
    const board = settings.get().devices.lastBoard
    const boardFound = board && found.find((d) => d.id === board.id && !d.simulated)
    if (boardFound) await devices.connect(boardFound.id).catch(() => undefined)
    const remembered = settings.get().devices.lastHeart
    const heart =
      found.find((d) => d.id === remembered?.id) ??
      found.find((d) => !d.simulated && d.channels.includes('heart'))
    if (heart) {
      try {
        await devices.connect(heart.id)
        return
      } catch {
        // fall through to the simulator: the picker lets the user retry
      }
    }
    if (settings.get().devices.simulatorFallback) {
      const sim = found.find((d) => d.simulated && d.channels.includes('heart'))
      if (sim) await devices.connect(sim.id)
    }
  }

  return {
    handlers,
    devices,
    simulator: () => simulator,
    start,
    dispose: async () => {
      balance.dispose()
      for (const feature of features) await feature.dispose?.()
      await devices.dispose()
    }
  }
}
