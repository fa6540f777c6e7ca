/** Study timer (issue 8). */
import type { Message } from '../message'

export const timerEn = {} as const satisfies Record<string, Message>
