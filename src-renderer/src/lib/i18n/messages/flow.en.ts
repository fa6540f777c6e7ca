/** Check-in, prescription, breathing protocols, safety, gate (issue 6). */
import type { Message } from '../message'

export const flowEn = {} as const satisfies Record<string, Message>
