/** Check-in, prescription, breathing protocols, safety, gate (issue 6). */
import type { Message } from '../message'
import type { flowEn } from './flow.en'

export const flowZh: Record<keyof typeof flowEn, Message> = {}
