/**
 * All page objects of the app in one place, so a spec reads as the person's steps:
 *
 *   const limbic = new Limbic(app)
 *   await limbic.nav.open('session')
 *   await limbic.checkIn.start()
 *   await limbic.pacer.pause()
 *
 * Each page object locates by data-testid or role on the app's current page (so they keep working
 * across `app.restart()`). `limbic.api` is the test's back door (settings, simulator, session
 * records) for setup and for checking what main stored; it is not something a person does.
 */
import type { Page } from '@playwright/test'
import type { LimbicApp } from '../harness/fixtures'
import { CheckInPage } from './checkIn'
import { DevicePicker } from './devices'
import { DrillPage } from './drill'
import { GatePage } from './gate'
import { HistoryPage } from './history'
import { LearningPage } from './learning'
import { LivePage } from './live'
import { Nav } from './nav'
import { PacerPage } from './pacer'
import { PrescriptionPage } from './prescription'
import { ResonancePage } from './resonance'
import { SafetyPage } from './safety'
import { SettingsPage } from './settings'
import { TimerPage } from './timer'
import { TestApi } from './testApi'
import { PersonTime } from './time'

export class Limbic {
  readonly nav: Nav
  readonly live: LivePage
  readonly devices: DevicePicker
  readonly checkIn: CheckInPage
  readonly prescription: PrescriptionPage
  readonly safety: SafetyPage
  readonly pacer: PacerPage
  readonly gate: GatePage
  readonly drill: DrillPage
  readonly timer: TimerPage
  readonly history: HistoryPage
  readonly learning: LearningPage
  readonly resonance: ResonancePage
  readonly settings: SettingsPage
  readonly api: TestApi
  /** The person's time: skipped in chromium mode, waited for in electron mode. */
  readonly time: PersonTime

  constructor(private readonly app: LimbicApp) {
    this.nav = new Nav(app)
    this.live = new LivePage(app)
    this.devices = new DevicePicker(app)
    this.checkIn = new CheckInPage(app)
    this.prescription = new PrescriptionPage(app)
    this.safety = new SafetyPage(app)
    this.pacer = new PacerPage(app)
    this.gate = new GatePage(app)
    this.drill = new DrillPage(app)
    this.timer = new TimerPage(app)
    this.history = new HistoryPage(app)
    this.learning = new LearningPage(app)
    this.resonance = new ResonancePage(app)
    this.settings = new SettingsPage(app)
    this.api = new TestApi(app)
    this.time = new PersonTime(app)
  }

  /** The current page (replaced by a restart in Electron mode). */
  get page(): Page {
    return this.app.page
  }
}
