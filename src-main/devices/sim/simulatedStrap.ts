/**
 * Turns simulated heartbeats into what a chest strap sends: a Heart Rate Measurement (0x2A37)
 * notification about once a second, carrying the RR intervals (1/1024 s) of the beats completed
 * since the last one - two or three per packet at high HR, none at all sometimes at low HR.
 * Like a Polar H7, the very first notification carries no RR yet.
 */
import { hrBpmFromRrMs } from '../../shared/perMinute'
import { encodeHeartRateMeasurement, msToRr1024 } from '../ble/heartRateMeasurement'
import type { SimBeat, SimulatedHeart } from './simulatedHeart'

export interface StrapPacket {
  /** Simulation time the notification is sent, ms since start. */
  tMs: number
  bytes: Uint8Array
}

export interface SimulatedStrapOptions {
  notifyIntervalMs?: number
  /** ATT MTU 23 leaves room for 9 RRs with a uint8 HR; the rest waits for the next packet. */
  maxRrPerPacket?: number
  /** Energy Expended is included in every n-th packet. */
  energyEveryN?: number
}

export class SimulatedStrap {
  private readonly notifyIntervalMs: number
  private readonly maxRr: number
  private readonly energyEveryN: number
  private nextNotifyMs: number
  private lookahead: SimBeat | null = null
  private unsent: number[] = []
  private recent: number[] = []
  private packets = 0
  private energyKj = 0

  constructor(
    private readonly heart: SimulatedHeart,
    options: SimulatedStrapOptions = {}
  ) {
    this.notifyIntervalMs = options.notifyIntervalMs ?? 1000
    this.maxRr = options.maxRrPerPacket ?? 9
    this.energyEveryN = options.energyEveryN ?? 10
    this.nextNotifyMs = this.notifyIntervalMs
  }

  /** Time of the next notification, ms since simulation start. */
  get nextPacketAtMs(): number {
    return this.nextNotifyMs
  }

  /** All notifications due up to and including simulation time `tMs`. */
  packetsUntil(tMs: number): StrapPacket[] {
    const out: StrapPacket[] = []
    while (this.nextNotifyMs <= tMs) {
      out.push(this.packetAt(this.nextNotifyMs))
      this.nextNotifyMs += this.notifyIntervalMs
    }
    return out
  }

  private packetAt(tMs: number): StrapPacket {
    for (;;) {
      const beat = this.lookahead ?? this.heart.nextBeat()
      if (beat.tMs > tMs) {
        this.lookahead = beat
        break
      }
      this.lookahead = null
      this.unsent.push(msToRr1024(beat.rrMs))
      this.recent.push(beat.rrMs)
      if (this.recent.length > 4) this.recent.shift()
    }
    const first = this.packets === 0
    this.packets++
    const rr = first ? [] : this.unsent.splice(0, this.maxRr)
    if (first) this.unsent = []
    const meanRr = this.recent.length ? this.recent.reduce((a, b) => a + b, 0) / this.recent.length : 0
    const hrBpm = meanRr > 0 ? Math.round(hrBpmFromRrMs(meanRr)) : 0
    this.energyKj += hrBpm / 60 / 4 // ~ kJ per second at rest, only so the field moves
    const withEnergy = this.packets % this.energyEveryN === 0
    return {
      tMs,
      bytes: encodeHeartRateMeasurement({
        hrBpm,
        contact: 'detected',
        energyKj: withEnergy ? Math.min(0xffff, Math.round(this.energyKj)) : null,
        rrRaw1024: rr
      })
    }
  }
}
