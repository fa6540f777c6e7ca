/** 简体中文目录。Written for a Chinese reader, with the terms of the source notes (生理叹气, 超氧呼吸, 前庭…). */
import type { Message, MessageKey } from './en'
import { coreZh } from './messages/core.zh-CN'
import { flowZh } from './messages/flow.zh-CN'
import { drillZh } from './messages/drill.zh-CN'
import { timerZh } from './messages/timer.zh-CN'
import { historyZh } from './messages/history.zh-CN'
import { settingsZh } from './messages/settings.zh-CN'
import { verdictZh } from './messages/verdict.zh-CN'
import { learningZh } from './messages/learning.zh-CN'
import { learnwireZh } from './messages/learnwire.zh-CN'
import { resonanceZh } from './messages/resonance.zh-CN'
// Issue 16's protocols (panoramic vision, energising breathing, NSDR, sit quietly).
import { protocolsZh } from './messages/protocols.zh-CN'
import { screensZh } from './messages/screens.zh-CN'

export const zhCN: Record<MessageKey, Message> = {
  ...coreZh,
  ...flowZh,
  ...drillZh,
  ...timerZh,
  ...historyZh,
  ...settingsZh,
  ...verdictZh,
  ...learningZh,
  ...learnwireZh,
  ...resonanceZh,
  ...protocolsZh,
  ...screensZh
}
