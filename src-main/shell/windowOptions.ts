/**
 * The main window's options, as a pure function so a test can check the security settings
 * without Electron. Types only from electron.
 */
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron'
import type { Settings } from '../shared/settings'

export const MIN_WIDTH = 900
export const MIN_HEIGHT = 640

export function mainWindowOptions(
  window: Settings['window'],
  preloadPath: string,
  workAreas: Rectangle[]
): BrowserWindowConstructorOptions {
  const placed = window.x !== undefined && window.y !== undefined && isVisibleOnSomeDisplay(window, workAreas)
  return {
    width: Math.max(MIN_WIDTH, window.width),
    height: Math.max(MIN_HEIGHT, window.height),
    ...(placed ? { x: window.x, y: window.y } : {}),
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: false,
    title: 'Limbic',
    backgroundColor: '#10151c',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false
    }
  }
}

/** A remembered position is used only if the window's title bar would land on a connected display. */
export function isVisibleOnSomeDisplay(window: Settings['window'], workAreas: Rectangle[]): boolean {
  if (window.x === undefined || window.y === undefined) return false
  const titleBar = { x: window.x + 40, y: window.y + 10 }
  return workAreas.some(
    (a) => titleBar.x >= a.x && titleBar.x < a.x + a.width && titleBar.y >= a.y && titleBar.y < a.y + a.height
  )
}
