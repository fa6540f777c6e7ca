/**
 * The English catalogue: the union of the feature catalogues in ./messages. Every key must exist
 * in zh-CN.ts too (a test and the type of zhCN check it).
 */
import { coreEn } from './messages/core.en'
import { flowEn } from './messages/flow.en'
import { drillEn } from './messages/drill.en'
import { timerEn } from './messages/timer.en'
import { historyEn } from './messages/history.en'
import { settingsEn } from './messages/settings.en'
import { verdictEn } from './messages/verdict.en'
import { learningEn } from './messages/learning.en'
import { screensEn } from './messages/screens.en'

export type { Message } from './message'

export const en = {
  ...coreEn,
  ...flowEn,
  ...drillEn,
  ...timerEn,
  ...historyEn,
  ...settingsEn,
  ...verdictEn,
  ...learningEn,
  ...screensEn
}

export type MessageKey = keyof typeof en
