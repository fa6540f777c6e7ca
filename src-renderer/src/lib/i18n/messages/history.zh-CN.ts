/** History, charts, export and import (issue 9). */
import type { Message } from '../message'
import type { historyEn } from './history.en'

export const historyZh: Record<keyof typeof historyEn, Message> = {}
