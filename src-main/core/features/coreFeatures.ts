/**
 * The features every core has, whatever else it is built with: the app's own channels (info,
 * notices, notifications), devices and the simulator controls, settings and the sessions folder.
 * Each owns its channels like any other feature (composeHandlers.ts).
 */
import { join } from 'node:path'
import type { SimulatedBoardSource } from '../../devices/sim/simulatedBoard'
import type { SimulatorSource } from '../../devices/sim/simulatorSource'
import type { AppInfo, Notice } from '../../shared/contract'
import type { Feature, FeatureContext } from './featureContext'

/** The notices to show (kept for windows that load later) and the app's identity. */
export function appFeature(
  ctx: FeatureContext,
  app: { platform: string; shell: AppInfo['shell']; notices: Notice[]; isSimulated: () => boolean }
): Feature {
  const { notices } = app
  return {
    handlers: {
      'app:info': () => ({
        version: ctx.appVersion,
        platform: app.platform,
        simulated: app.isSimulated(),
        shell: app.shell
      }),
      'app:notices': () => notices,
      'app:dismiss-notice': ({ id }) => {
        const i = notices.findIndex((n) => n.id === id)
        if (i >= 0) notices.splice(i, 1)
      },
      'app:notify': ({ title, body }) => ctx.notify?.(title, body)
    }
  }
}

/** What `sim:control` moves in the simulated person whose heart feeds the app now. */
export type SimulatedPerson = Pick<SimulatorSource, 'setArousal' | 'followPattern'>

/** Scanning, connecting, status, and the simulated person's controls. */
export function devicesFeature(
  ctx: FeatureContext,
  sim: {
    /** The simulated heart in use (the simulator or the simulated H10), null when a real strap is. */
    heart(): SimulatedPerson | null
    board(): SimulatedBoardSource | null
  }
): Feature {
  const { devices } = ctx
  return {
    handlers: {
      'devices:scan': ({ timeoutMs }) => devices.scan(timeoutMs),
      'devices:connect': ({ deviceId }) => devices.connect(deviceId),
      'devices:disconnect': ({ channel }) => devices.disconnect(channel),
      'devices:status': () => devices.statusAll(),
      'sim:control': ({ arousal, immediately, pattern, stance }) => {
        if (stance === undefined || arousal !== undefined || pattern !== undefined) {
          const simulator = sim.heart()
          if (!simulator) throw new Error('the simulator is not the active heart source')
          if (arousal !== undefined) simulator.setArousal(arousal, immediately ?? false)
          if (pattern !== undefined) simulator.followPattern(pattern)
        }
        if (stance !== undefined) {
          const board = sim.board()
          if (!board) throw new Error('the simulated balance board is not available')
          board.setStance(stance)
        }
      }
    }
  }
}

export function settingsFeature(ctx: FeatureContext): Feature {
  return {
    handlers: {
      'settings:get': () => ctx.settings.get(),
      'settings:update': (patch) => ctx.settings.update(patch as Record<string, unknown>),
      'recording:location': async ({ action }) => {
        let cancelled = false
        if (action === 'reset') ctx.settings.update({ recording: { sessionsDir: null } })
        if (action === 'choose') {
          const dir = ctx.dialogs ? await ctx.dialogs.chooseSessionsDirectory() : null
          if (dir) ctx.settings.update({ recording: { sessionsDir: dir } })
          else cancelled = true
        }
        // The next session is recorded there; earlier ones stay where they are (the folder is theirs).
        const custom = ctx.settings.get().recording.sessionsDir
        return { path: custom ?? join(ctx.userDataDir, 'sessions'), custom: custom !== null, cancelled }
      }
    }
  }
}
