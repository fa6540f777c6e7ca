/**
 * A camera and an accessibility scanner for the screenshot tour: each stop writes a PNG of the
 * whole window (an artefact to look at, not a pixel assertion) and runs axe on the same state.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { AppPage } from './base'
import type { LimbicApp } from '../harness/fixtures'

/** Where the pictures go (git-ignored: playwright empties test-results/ at every run). */
export const TOUR_DIR = join(__dirname, '..', '..', 'tour-screens')

export interface AxeFinding {
  stop: string
  id: string
  impact: string
  help: string
  targets: string[]
}

export class TourCamera extends AppPage {
  readonly findings: AxeFinding[] = []
  private count = 0

  constructor(
    app: LimbicApp,
    private readonly locale: string
  ) {
    super(app)
    mkdirSync(TOUR_DIR, { recursive: true })
  }

  /** Screenshot plus an axe scan of the state on screen; serious and critical findings are kept. */
  async stop(name: string): Promise<void> {
    this.count++
    // Let transitions and the next beats settle so the picture shows a steady state.
    await this.page.waitForTimeout(300)
    const file = `${this.locale}-${String(this.count).padStart(2, '0')}-${name}.png`
    await this.page.screenshot({ path: join(TOUR_DIR, file) })
    const result = await new AxeBuilder({ page: this.page }).analyze()
    for (const v of result.violations) {
      if (v.impact !== 'serious' && v.impact !== 'critical') continue
      this.findings.push({
        stop: name,
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(' '))
      })
    }
  }

  /** Writes the findings next to the pictures, for the person reading the tour. */
  writeFindings(): void {
    writeFileSync(join(TOUR_DIR, `${this.locale}-axe.json`), JSON.stringify(this.findings, null, 2))
  }
}
