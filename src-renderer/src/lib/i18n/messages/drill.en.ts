/** Balance-board drill (issue 7). */
import type { Message } from '../message'

export const drillEn = {} as const satisfies Record<string, Message>
