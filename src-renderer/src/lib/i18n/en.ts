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
import { learnwireEn } from './messages/learnwire.en'
import { resonanceEn } from './messages/resonance.en'
// Issue 16's protocols (panoramic vision, energising breathing, NSDR, sit quietly).
import { protocolsEn } from './messages/protocols.en'
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
  ...learnwireEn,
  ...resonanceEn,
  ...protocolsEn,
  ...screensEn
}

export type MessageKey = keyof typeof en
