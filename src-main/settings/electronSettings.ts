/** The settings adapter: the only settings code that touches Electron (electron-store + app). */
import Store from 'electron-store'
import { app } from 'electron'
import { openSettingsStore, type OpenedSettings, type StoreConstructor } from './openSettingsStore'

export function openElectronSettings(): OpenedSettings {
  return openSettingsStore(Store as unknown as StoreConstructor, app.getPath('userData'))
}
