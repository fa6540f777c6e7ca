/** Sandboxed preload: exposes the typed contract API and nothing else. */
import { contextBridge, ipcRenderer } from 'electron'
import { buildApi } from './ipc/buildApi'

contextBridge.exposeInMainWorld('api', buildApi(ipcRenderer))
