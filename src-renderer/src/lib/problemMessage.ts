/**
 * Picks the message key for a device problem on this OS: some problems need OS-specific advice
 * (where the Bluetooth permission lives), the rest have one message.
 */
import type { SourceStatus } from '../../../src-main/shared/contract'
import type { MessageKey } from './i18n/en'

export function problemMessageKey(
  problem: NonNullable<SourceStatus['problem']>,
  platform: string
): MessageKey {
  if (problem === 'adapter-unauthorized') {
    const os = platform === 'darwin' || platform === 'win32' ? platform : 'linux'
    return `status.problem.adapter-unauthorized.${os}`
  }
  return `status.problem.${problem}`
}
