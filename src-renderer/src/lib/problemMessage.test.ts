// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { problemMessageKey } from './problemMessage'
import { translate } from './i18n/translate'

describe('problemMessageKey', () => {
  it('gives OS-specific advice for a refused Bluetooth permission', () => {
    expect(translate('en', problemMessageKey('adapter-unauthorized', 'darwin'))).toMatch(/System Settings/)
    expect(translate('en', problemMessageKey('adapter-unauthorized', 'win32'))).toMatch(
      /Settings → Privacy & security/
    )
    expect(translate('en', problemMessageKey('adapter-unauthorized', 'linux'))).toMatch(/bluetoothd/)
    expect(translate('en', problemMessageKey('adapter-unauthorized', 'freebsd'))).toMatch(/bluetoothd/)
  })

  it('has a message for every problem code, in both languages', () => {
    const codes = [
      'adapter-powered-off',
      'adapter-unsupported',
      'driver-missing',
      'no-device-found',
      'connect-failed',
      'link-lost',
      'gave-up',
      'permission-denied'
    ] as const
    for (const code of codes) {
      expect(translate('en', problemMessageKey(code, 'linux'))).not.toMatch(/⟦/)
      expect(translate('zh-CN', problemMessageKey(code, 'linux'))).toMatch(/[\u4e00-\u9fff]/)
    }
  })
})
