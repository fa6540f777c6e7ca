/** The device picker: find devices, connect one, close. */
import type { Locator } from '@playwright/test'
import { AppPage } from './base'

export class DevicePicker extends AppPage {
  async open(): Promise<void> {
    await this.testId('find-devices').click()
  }

  row(deviceId: string): Locator {
    return this.page.locator(`[data-testid="device-row"][data-device-id="${deviceId}"]`)
  }

  /** The tag of a device whose chest sensor measures breathing now. */
  breathingTag(deviceId: string): Locator {
    return this.row(deviceId).getByTestId('device-breathing')
  }

  async connect(deviceId: string): Promise<void> {
    await this.row(deviceId).getByRole('button').click()
  }

  async close(): Promise<void> {
    await this.testId('device-picker').getByRole('button', { name: 'Close' }).click()
  }
}
