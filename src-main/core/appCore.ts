/**
 * The main-process core, free of Electron: devices, live data, settings and the IPC handlers.
 * The Electron entry builds it with real hardware loaders; the e2e harness and tests build it with
 * emulated devices. Both get the same handlers, so the harness exercises the real main process.
 */
import { hrBpmFromRrMs } from '../shared/perMinute'
import type { Clock } from '../devices/clock'
import type { DeviceInfo, Sample } from '../devices/dataSource'
import { SimulatorSource } from '../devices/sim/simulatorSource'
import { SimulatedBoardSource } from '../devices/sim/simulatedBoard'
import { createSimulatedH10, type SimulatedH10 } from '../devices/sim/simulatedH10'
import type { SimulatedHeartOptions } from '../devices/sim/simulatedHeart'
import type { AppInfo, Handlers, Notice } from '../shared/contract'
import type { SettingsService } from '../settings/openSettingsStore'
import { DeviceManager, type SourceProvider } from './deviceManager'
import { chestOptions } from './hardwareProviders'
import { BalanceBatcher } from './balanceBatcher'
import { Listeners } from '../devices/emitter'
import { composeHandlers, type NamedFeature } from './composeHandlers'
import {
  NO_SESSION,
  type Dialogs,
  type Emit,
  type Feature,
  type FeatureContext,
  type FeatureFactory,
  type LiveSignal
} from './features/featureContext'
import { FEATURE_FACTORIES } from './features/index'
import { createBaselineService } from './features/checkInBaseline'
import { createLiveFeature, type LiveContext } from './features/liveFeature'
import { appFeature, devicesFeature, settingsFeature, type SimulatedPerson } from './features/coreFeatures'

export type { Dialogs, Emit, FeatureFactory }

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
  /**
   * Features to build instead of FEATURE_FACTORIES (tests). The core's own channels (app, devices,
   * settings) are always there; only the full app must handle every channel.
   */
  features?: FeatureFactory[]
  /** The live signal (tests may drive it by hand); default the live feature. */
  live?: (ctx: LiveContext) => Feature & LiveSignal
  /** Where sessions, baseline and state documents live (electron: userData). */
  userDataDir: string
  /** Shows an OS notification (opt-in phase changes). */
  notify?: (title: string, body: string) => void
  /** Save/open dialogs, chosen in main so the renderer never passes a raw path. */
  dialogs?: Dialogs
}

export interface AppCore {
  handlers: Handlers
  devices: DeviceManager
  simulator(): SimulatorSource | null
  /** The Simulated Polar H10 (its emulated adapter and person), once the picker created it. */
  simulatedH10(): SimulatedH10 | null
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
  // "Simulated Polar H10": the simulated person wearing an H10 (heart rate and a chest that
  // breathes with the pacer), served by an emulated adapter and read by the real BLE driver with
  // its Polar PMD client, so chest data takes exactly the path of a real strap.
  let simulatedH10: SimulatedH10 | null = null
  const simulatedH10Provider: SourceProvider = {
    name: 'simulator-h10',
    create: async () => {
      simulatedH10 = createSimulatedH10({
        clock,
        ...options.simulator,
        chest: chestOptions(() => settings.get().devices.chestEcg ?? false)
      })
      return simulatedH10.source
    }
  }
  const devices = new DeviceManager([
    ...(options.providers ?? []),
    simulatorProvider,
    simulatedBoardProvider,
    simulatedH10Provider
  ])
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
  })

  function rememberDevice(device: DeviceInfo): void {
    const ref = { id: device.id, name: device.name }
    const key = device.channels.includes('heart') ? 'lastHeart' : 'lastBoard'
    const current = settings.get().devices[key]
    if (current?.id !== ref.id || current?.name !== ref.name) settings.update({ devices: { [key]: ref } })
  }

  const isSimulated = (): boolean => {
    const heart = devices.activeSource('heart')
    return heart?.kind === 'simulator' || (heart !== null && heart === simulatedH10?.source)
  }
  /** The simulated heart feeding the heart channel now (plain simulator or simulated H10). */
  const simulatedHeart = (): SimulatedPerson | null => {
    const heart = devices.activeSource('heart')
    if (heart && heart === simulator) return simulator
    if (heart && heart === simulatedH10?.source) return simulatedH10.heart
    return null
  }

  const sampleListeners = new Listeners<{ sample: Sample; sourceId: string }>()
  devices.onSample(({ sample, source }) => sampleListeners.emit({ sample, sourceId: source.id }))
  const notice = (n: Notice): void => {
    // Same id = the same matter, updated (recording paused -> resumed): replace, do not stack.
    const i = notices.findIndex((x) => x.id === n.id)
    if (i >= 0) notices[i] = n
    else notices.push(n)
    emit('app:notice', n)
  }
  // Built before any feature, so features find them in the context whatever order they come in.
  const baseline = createBaselineService({
    userDataDir: options.userDataDir,
    nowMs: () => clock.now(),
    notice
  })
  const base: LiveContext = {
    clock,
    settings,
    emit,
    devices,
    appVersion: options.appVersion,
    userDataDir: options.userDataDir,
    notify: options.notify,
    dialogs: options.dialogs,
    baseline,
    notice,
    onSample: (listener) => sampleListeners.add(({ sample, sourceId }) => listener(sample, sourceId)),
    onStatus: (listener) => devices.onStatus(listener),
    onChest: (listener) => devices.onChest(({ event, source }) => listener(event, source.id))
  }
  const live = (options.live ?? createLiveFeature)(base)
  // What features offer each other (the session sink, the check-ins): resolved after every
  // feature is built, so the order of the list does not matter.
  let sessionFeature: Feature | null = null
  let checkInsFeature: Feature | null = null
  let learnerFeature: Feature | null = null
  const ctx: FeatureContext = {
    ...base,
    live,
    session: () => sessionFeature?.sessionSink ?? NO_SESSION,
    checkIns: () => checkInsFeature?.checkIns ?? null,
    learner: () => learnerFeature?.learner ?? null,
    activity: () => {
      for (const f of named) {
        const a = f.feature.activity?.()
        if (a) return a
      }
      return null
    }
  }
  const named: NamedFeature[] = [
    { name: 'live', feature: live },
    {
      name: 'app',
      feature: appFeature(ctx, { platform: options.platform, shell: options.shell, notices, isSimulated })
    },
    {
      name: 'devices',
      feature: devicesFeature(ctx, { heart: simulatedHeart, board: () => simulatedBoard })
    },
    { name: 'settings', feature: settingsFeature(ctx) },
    ...(options.features ?? FEATURE_FACTORIES).map((make, i) => ({
      name: make.name || `feature ${i + 1}`,
      feature: make(ctx)
    }))
  ]
  const offering = (what: 'sessionSink' | 'checkIns' | 'learner'): Feature | null => {
    const found = named.filter((f) => f.feature[what] !== undefined)
    if (found.length > 1)
      throw new Error(`two features offer ${what}: ${found.map((f) => f.name).join(', ')}`)
    return found[0]?.feature ?? null
  }
  sessionFeature = offering('sessionSink')
  checkInsFeature = offering('checkIns')
  learnerFeature = offering('learner')
  const features = named.map((f) => f.feature)
  const handlers: Handlers = composeHandlers(named, options.features === undefined)

  async function start(): Promise<void> {
    // Read the baseline now, so an unreadable file is reported at launch.
    baseline.stats()
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
    simulatedH10: () => simulatedH10,
    start,
    dispose: async () => {
      balance.dispose()
      for (const feature of features) await feature.dispose?.()
      await devices.dispose()
    }
  }
}
