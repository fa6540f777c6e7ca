/**
 * The balance board in the app (issue 4): `balance:tare` zeroes the active balance source ("step
 * off the board" - the simulated person does so by itself), and the board's step-on / step-off
 * detection reaches the screen as `balance:event`. Works with any source that offers the board
 * controls (a real Wii Balance Board or the simulated one, both WbbSource).
 */
import type { DataSource } from '../../devices/dataSource'
import { isBalanceBoardControl } from '../../devices/wbb/wbbSource'
import type { FeatureFactory } from './featureContext'

export const balanceFeature: FeatureFactory = (ctx) => {
  let watched: DataSource | null = null
  let unsubscribe: (() => void) | null = null

  /** Follow the active balance source: listen to the steps of the current one only. */
  const follow = (): void => {
    const source = ctx.devices.activeSource('balance')
    if (source === watched) return
    unsubscribe?.()
    unsubscribe = null
    watched = source
    if (source && isBalanceBoardControl(source)) {
      unsubscribe = source.onStep((e) => {
        if (ctx.devices.activeSource('balance') === source)
          ctx.emit('balance:event', { tMs: e.tMs, kind: e.kind })
      })
    }
  }
  const offStatus = ctx.onStatus(() => follow())

  return {
    handlers: {
      'balance:tare': async () => {
        follow()
        const source = ctx.devices.activeSource('balance')
        if (!source || !isBalanceBoardControl(source)) throw new Error('no balance board is connected')
        await source.tare()
      }
    },
    dispose: async () => {
      offStatus()
      unsubscribe?.()
      unsubscribe = null
    }
  }
}
