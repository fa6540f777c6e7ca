/**
 * Message lookup and formatting, pure (unit-tested without a DOM). The reactive locale lives in
 * i18n.svelte.ts; this module only knows catalogues and rules.
 */
import { en, type Message, type MessageKey } from './en'
import { zhCN } from './zh-CN'

export const LOCALES = ['en', 'zh-CN'] as const
export type Locale = (typeof LOCALES)[number]

export const catalogues: Record<Locale, Record<MessageKey, Message>> = { en, 'zh-CN': zhCN }

export type Params = Record<string, string | number>

/** The UI locale for a system language tag: any Chinese tag -> zh-CN, everything else English. */
export function localeFor(tag: string | undefined): Locale {
  return tag && /^zh\b/i.test(tag) ? 'zh-CN' : 'en'
}

export function translate(locale: Locale, key: MessageKey, params: Params = {}): string {
  const message = catalogues[locale][key] ?? en[key]
  if (message === undefined) return `⟦${key}⟧`
  let text: string
  if (typeof message === 'string') {
    text = message
  } else {
    const count = Number(params.count ?? 0)
    const rule = new Intl.PluralRules(locale).select(count)
    text = message[rule] ?? message.other
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name]
    if (value === undefined) return whole
    return typeof value === 'number' ? formatNumber(locale, value) : value
  })
}

export function formatNumber(locale: Locale, value: number, maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value)
}
