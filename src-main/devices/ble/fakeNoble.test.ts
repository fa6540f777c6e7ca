import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ManualClock, systemClock } from '../clock'
import { FakeNoble, queue, rhythmPayloads, HCI_CONNECTION_TIMEOUT } from './fakeNoble'
import { decodeHeartRateMeasurement } from './heartRateMeasurement'
import type { CharacteristicLike, PeripheralLike } from './nobleLike'

const ID = 'a0b1c2d3e4f5'

async function connectAndSubscribe(fake: FakeNoble, onData: (b: Buffer) => void) {
  const p = fake.strap(ID).peripheral as PeripheralLike
  await p.connectAsync()
  const { characteristics } = await p.discoverSomeServicesAndCharacteristicsAsync(
    ['180d', '180f'],
    ['2a37', '2a38', '2a19']
  )
  const hrm = characteristics.find((c) => c.uuid === '2a37') as CharacteristicLike
  hrm.on('data', onData)
  await hrm.subscribeAsync()
  return { p, characteristics, hrm }
}

describe('FakeNoble (emulated adapter + straps)', () => {
  it('behaves like noble: scan filter, discover, connect, GATT, notifications of real bytes, disconnect reason', async () => {
    const clock = new ManualClock()
    const fake = new FakeNoble({ clock, straps: [{ id: ID, payloads: queue('063C', '163C1104') }] })
    const found: PeripheralLike[] = []
    fake.on('discover', (p: PeripheralLike) => found.push(p))
    await fake.startScanningAsync(['180D'])
    clock.advance(200)
    expect(found.map((p) => [p.id, p.advertisement.localName, p.rssi])).toEqual([
      [ID, 'Polar H7 1A2B3C4D', -62]
    ])
    await fake.stopScanningAsync()

    const data: Buffer[] = []
    const connecting = connectAndSubscribe(fake, (b) => data.push(b))
    clock.advance(50)
    const { p, characteristics } = await connecting
    expect(characteristics.map((c) => c.uuid).sort()).toEqual(['2a19', '2a37', '2a38'])
    expect((await characteristics.find((c) => c.uuid === '2a19')!.readAsync())[0]).toBe(90)
    clock.advance(2000)
    expect(data.map((b) => b.toString('hex'))).toEqual(['063c', '163c1104'])

    const reasons: unknown[] = []
    p.on('disconnect', (r: unknown) => reasons.push(r))
    fake.strap(ID).dropLink()
    expect(reasons).toEqual([HCI_CONNECTION_TIMEOUT])
    expect(p.state).toBe('disconnected')
  })

  it('refuses to scan unless poweredOn and drops links when the adapter goes off', async () => {
    const clock = new ManualClock()
    const fake = new FakeNoble({ clock, state: 'poweredOff', straps: [{ id: ID, payloads: [] }] })
    await expect(fake.startScanningAsync(['180d'])).rejects.toThrow(/not poweredOn/)
    fake.setAdapterState('poweredOn')
    const c = connectAndSubscribe(fake, () => undefined)
    clock.advance(50)
    const { p } = await c
    const events: string[] = []
    p.on('disconnect', (r: unknown) => events.push(`disconnect ${String(r)}`))
    fake.on('stateChange', (s: string) => events.push(`state ${s}`))
    fake.setAdapterState('poweredOff')
    expect(events).toEqual(['disconnect cleanup', 'state poweredOff'])
  })

  it('a subscription ends with the connection (CCCD is per connection)', async () => {
    const clock = new ManualClock()
    const fake = new FakeNoble({ clock, straps: [{ id: ID, payloads: () => Uint8Array.from([6, 60]) }] })
    const data: Buffer[] = []
    const c = connectAndSubscribe(fake, (b) => data.push(b))
    clock.advance(50)
    const { p } = await c
    clock.advance(3000)
    expect(data).toHaveLength(3)
    await p.disconnectAsync()
    const again = p.connectAsync()
    clock.advance(50)
    await again
    clock.advance(3000)
    expect(data).toHaveLength(3)
  })

  it('rhythmPayloads: first packet without RR, then the RRs of completed beats; RR sum tracks time', () => {
    const gen = rhythmPayloads({ bpm: 80, seed: 3 })
    const packets = Array.from({ length: 61 }, (_, i) => decodeHeartRateMeasurement(gen(1000 * i)))
    expect(packets[0]!.rrMs).toEqual([])
    const rrSumMs = packets.reduce((a, p) => a + p.rrMs.reduce((x, y) => x + y, 0), 0)
    expect(rrSumMs).toBeGreaterThan(59_000)
    expect(rrSumMs).toBeLessThanOrEqual(60_000)
    expect(gen.sentRrRaw1024.length).toBeGreaterThan(75)
  })

  it('runs on the real clock too, and does not depend on vitest', async () => {
    expect(readFileSync(new URL('./fakeNoble.ts', import.meta.url), 'utf8')).not.toMatch(/from 'vitest'/)
    const fake = new FakeNoble({
      clock: systemClock,
      straps: [{ id: ID, payloads: rhythmPayloads(), notifyIntervalMs: 20, connectDelayMs: 5 }]
    })
    const data: Buffer[] = []
    const { p } = await connectAndSubscribe(fake, (b) => data.push(b))
    await new Promise((r) => setTimeout(r, 150))
    await p.disconnectAsync()
    expect(data.length).toBeGreaterThanOrEqual(3)
  })
})
