/**
 * Latency from a heart-rate notification entering the parser (main core, Node) to the updated
 * value in the DOM (built renderer in Debian Chromium), over a few hundred beats. Target: p99
 * within one frame (16.7 ms). The transport is the e2e harness's (Playwright binding / CDP),
 * which is slower than Electron's IPC, so on a real app the figure is an upper bound.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { extname, join } from 'node:path'
import { chromium } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH, repoRoot } from '../e2e/harness/mode'
import buildPreload, { PRELOAD_BUNDLE } from '../e2e/harness/buildPreload'
import { HARNESS_ORIGIN, startHarnessMain } from '../e2e/harness/harnessMain'
import { ReplaySource, REPLAY_DEVICE } from '../src-main/devices/replay/replaySource'
import { encodeHeartRateMeasurement } from '../src-main/devices/ble/heartRateMeasurement'
import { systemClock } from '../src-main/devices/clock'
import { printFigure, summarize } from './stats'

const BEATS = 300

const nowMs = (): number => performance.timeOrigin + performance.now()

export default async function (): Promise<void> {
  if (!existsSync(CHROMIUM_PATH) || !existsSync(join(repoRoot, 'out', 'renderer', 'index.html'))) {
    console.log('skipped: needs /usr/bin/chromium and a build (npm run build)')
    return
  }
  await buildPreload()
  const replay = new ReplaySource(systemClock)
  const harness = startHarnessMain({
    userDataDir: mkdtempSync(join(tmpdir(), 'limbic-bench-')),
    providers: [{ name: 'replay', create: async () => replay }]
  })
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true
  })
  const page = await browser.newPage()
  await page.exposeBinding('__e2eInvoke', (source, channel: string, arg: unknown) =>
    harness.invoke(source.frame.url(), channel, arg)
  )
  harness.setEmitter((event, payload) => {
    page.evaluate(([e, p]) => window.__e2eEmit(e as string, p), [event, payload] as const).catch(() => {})
  })
  await page.addInitScript({ path: PRELOAD_BUNDLE })
  const outDir = join(repoRoot, 'out', 'renderer')
  await page.route(`${HARNESS_ORIGIN}/**`, (route) => {
    const file = join(outDir, new URL(route.request().url()).pathname.slice(1) || 'index.html')
    return route.fulfill({
      body: readFileSync(file),
      contentType:
        extname(file) === '.js' ? 'text/javascript' : extname(file) === '.css' ? 'text/css' : 'text/html'
    })
  })
  await page.goto(`${HARNESS_ORIGIN}/index.html`)
  await harness.core.devices.connect(REPLAY_DEVICE.id)

  // Record, in the page, when each beat's value lands in the DOM.
  await page.evaluate(() => {
    const seen: Record<number, number> = {}
    ;(window as unknown as { __domAt: Record<number, number> }).__domAt = seen
    new MutationObserver((records) => {
      const t = performance.timeOrigin + performance.now()
      for (const r of records) {
        const seq = Number((r.target as Element).getAttribute?.('data-seq'))
        if (Number.isFinite(seq) && !(seq in seen)) seen[seq] = t
      }
    }).observe(document.body, {
      subtree: true,
      attributes: true,
      attributeFilter: ['data-seq'],
      childList: true
    })
  })

  const sentAt: number[] = []
  for (let i = 0; i < BEATS; i++) {
    const rrRaw = 800 + ((i * 37) % 120)
    const bytes = encodeHeartRateMeasurement({ hrBpm: 70, contact: 'detected', rrRaw1024: [rrRaw] })
    sentAt.push(nowMs())
    replay.feedHeartRate(bytes)
    await new Promise((r) => setTimeout(r, 40))
  }
  await page.waitForTimeout(500)
  const domAt = await page.evaluate(() => (window as unknown as { __domAt: Record<number, number> }).__domAt)
  const latencies = sentAt.map((t0, seq) => (domAt[seq] ?? NaN) - t0).filter((x) => Number.isFinite(x))
  // The first beat also mounts the value element; count it, it is what a user sees first.
  const s = summarize(latencies)
  printFigure('notification -> DOM latency p50', s.p50, 'ms', `${s.n}/${BEATS} beats`)
  printFigure('notification -> DOM latency p99', s.p99, 'ms', 'target < 16.7 ms')
  printFigure('notification -> DOM latency mean', s.mean, 'ms')
  await browser.close()
  await harness.dispose()
}
