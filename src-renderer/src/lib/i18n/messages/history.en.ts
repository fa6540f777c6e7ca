/** History, charts, export and import (issue 9). */
import type { Message } from '../message'

export const historyEn = {} as const satisfies Record<string, Message>
