/**
 * The test's back door through window.api (the same bridge the renderer uses): settings, the
 * simulated person, and reading back what main recorded. For setup and checks, not user steps.
 */
import type { Settings } from '../../src-main/shared/contract'
import { AppPage } from './base'

type AppApi = Window['api']
type SimControl = Parameters<AppApi['simControl']>[0]
type SettingsPatch = Parameters<AppApi['settingsUpdate']>[0]

export class TestApi extends AppPage {
  async updateSettings(patch: SettingsPatch): Promise<void> {
    await this.page.evaluate((p) => window.api.settingsUpdate(p), patch)
  }

  settings(): Promise<Settings> {
    return this.page.evaluate(() => window.api.settingsGet())
  }

  async simulate(control: SimControl): Promise<void> {
    await this.page.evaluate((c) => window.api.simControl(c), control)
  }

  /** The session being recorded (listed without an end), or null. */
  async recordingSession(): Promise<{ id: string } | null> {
    return (await this.historyList()).find((s) => s.endUtc === null) ?? null
  }

  historyList(): ReturnType<AppApi['historyList']> {
    return this.page.evaluate(() => window.api.historyList())
  }
}
