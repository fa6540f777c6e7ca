/**
 * History as a feature: the history:* handlers (list, load, delete, export, import) over the
 * sessions root of the settings, from session/history.ts. The session being recorded (the session
 * feature's sink) cannot be deleted.
 */
import { createHistory } from '../../session/history'
import type { FeatureFactory } from './featureContext'
import { sessionsRoot } from './sessionFeature'

export const historyFeature: FeatureFactory = (ctx) =>
  createHistory({
    root: () => sessionsRoot(ctx),
    activeId: () => ctx.session().activeId(),
    dialogs: () => ctx.dialogs,
    clock: ctx.clock,
    appVersion: ctx.appVersion
  })
