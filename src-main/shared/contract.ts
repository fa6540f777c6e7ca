/**
 * The one IPC contract between main, preload and renderer: every channel's name, request
 * validator and response type, and every main->renderer event. Main validates each request with
 * these validators before a handler sees it; the preload exposes exactly these channels.
 * Pure TypeScript: the only part of src-main the renderer may import.
 */
import type { DeviceInfo, SourceStatus, Contact, BalanceSample } from '../devices/dataSource'
import { v, deepPartial, type DeepPartial, type Infer, type Validator } from './validate'
import { settingsValidator, type Settings } from './settings'

export type { DeviceInfo, SourceStatus, Contact, BalanceSample, Settings, DeepPartial }

export interface AppInfo {
  version: string
  platform: string
  /** True when the heart data comes from the built-in simulator. */
  simulated: boolean
  /** How the app runs: a real Electron window, or the browser e2e harness. */
  shell: 'electron' | 'harness'
}

/** Something the user should be told once (e.g. the settings file was corrupt and was reset). */
export interface Notice {
  id: string
  kind: 'settings-reset'
  /** Where the unreadable file was kept. */
  backupPath: string
  reason: string
}

/** One beat for the live view: RR exact, HR derived from that RR (not the strap's HR field). */
export interface LiveBeat {
  tMs: number
  rrMs: number
  hrBpm: number
  seq: number
}

/** The strap's own reading from one notification. */
export interface LiveMeasurement {
  tMs: number
  hrBpm: number
  contact: Contact
}

const breathPhase = v.object({
  name: v.enum(['inhale', 'top-up', 'exhale', 'hold-empty', 'hold-full'] as const),
  durationMs: v.number({ min: 0, max: 120_000 }),
  endVolume: v.number({ min: 0, max: 1 })
})

export const breathPatternValidator = v.object({
  phases: v.array(breathPhase, { maxItems: 16 }),
  effect: v.enum(['calming', 'energizing', 'neutral'] as const)
})

const channelKind = v.enum(['heart', 'balance'] as const)

/** Request validators; the response type is declared alongside in `InvokeResponses`. */
export const invokeRequests = {
  'app:info': v.none(),
  'app:notices': v.none(),
  'app:dismiss-notice': v.object({ id: v.string({ maxLength: 100 }) }),
  'devices:scan': v.object(
    { timeoutMs: v.number({ integer: true, min: 500, max: 30_000 }) },
    { optional: ['timeoutMs'] }
  ),
  'devices:connect': v.object({ deviceId: v.string({ minLength: 1, maxLength: 200 }) }),
  'devices:disconnect': v.object({ channel: channelKind }),
  'devices:status': v.none(),
  'sim:control': v.object(
    {
      arousal: v.number({ min: 0, max: 1 }),
      immediately: v.boolean(),
      pattern: v.nullable(breathPatternValidator)
    },
    { optional: ['arousal', 'immediately', 'pattern'] }
  ),
  'settings:get': v.none(),
  'settings:update': deepPartial(settingsValidator)
} satisfies Record<string, Validator<unknown>>

export interface InvokeResponses {
  'app:info': AppInfo
  'app:notices': Notice[]
  'app:dismiss-notice': void
  'devices:scan': DeviceInfo[]
  'devices:connect': SourceStatus
  'devices:disconnect': void
  'devices:status': SourceStatus[]
  'sim:control': void
  'settings:get': Settings
  'settings:update': Settings
}

export type InvokeChannel = keyof typeof invokeRequests
export type InvokeRequest<C extends InvokeChannel> = Infer<(typeof invokeRequests)[C]>
export type InvokeResponse<C extends InvokeChannel> = InvokeResponses[C]

/** main -> renderer events. */
export interface EventPayloads {
  'device:status': SourceStatus
  'heart:beat': LiveBeat
  'heart:measurement': LiveMeasurement
  /** Balance samples batched per animation-frame-sized slice (~30 Hz) to keep IPC light. */
  'balance:samples': BalanceSample[]
  'app:notice': Notice
}

export type EventChannel = keyof EventPayloads

export const INVOKE_CHANNELS = Object.keys(invokeRequests) as InvokeChannel[]
export const EVENT_CHANNELS: EventChannel[] = [
  'device:status',
  'heart:beat',
  'heart:measurement',
  'balance:samples',
  'app:notice'
]

/** 'devices:scan' -> 'devicesScan', 'app:dismiss-notice' -> 'appDismissNotice'. */
export type MethodName<S extends string> = S extends `${infer A}:${infer B}`
  ? `${A}${Capitalize<MethodName<B>>}`
  : S extends `${infer A}-${infer B}`
    ? `${A}${Capitalize<MethodName<B>>}`
    : S

export function methodName<S extends string>(channel: S): MethodName<S> {
  return channel.replace(/[:-](\w)/g, (_, c: string) => c.toUpperCase()) as MethodName<S>
}

/** What `window.api` offers: one method per invoke channel, plus `on` for events. */
export type AppApi = {
  [C in InvokeChannel as MethodName<C>]: InvokeRequest<C> extends void
    ? () => Promise<InvokeResponse<C>>
    : (request: InvokeRequest<C>) => Promise<InvokeResponse<C>>
} & {
  on<E extends EventChannel>(event: E, listener: (payload: EventPayloads[E]) => void): () => void
}

export type { Settings as AppSettings }
