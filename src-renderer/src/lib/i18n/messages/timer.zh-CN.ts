/** Study timer (issue 8). */
import type { Message } from '../message'
import type { timerEn } from './timer.en'

export const timerZh: Record<keyof typeof timerEn, Message> = {}
