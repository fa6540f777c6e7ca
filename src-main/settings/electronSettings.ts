/** The settings adapter: the only settings code that touches Electron (where the file lives). */
import { app } from 'electron'
import { JsonSettingsFile } from './jsonSettingsFile'
import { openSettingsStore, type OpenedSettings } from './openSettingsStore'

export function openElectronSettings(): OpenedSettings {
  return openSettingsStore(JsonSettingsFile, app.getPath('userData'))
}
