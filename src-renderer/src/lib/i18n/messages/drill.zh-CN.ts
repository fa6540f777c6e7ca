/** Balance-board drill (issue 7). */
import type { Message } from '../message'
import type { drillEn } from './drill.en'

export const drillZh: Record<keyof typeof drillEn, Message> = {}
