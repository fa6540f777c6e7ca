/** The reactive UI language. Components call t(); changing `i18n.locale` re-renders them. */
import type { MessageKey } from './en'
import { localeFor, translate, formatNumber, type Locale, type Params } from './translate'

export const i18n = $state<{ locale: Locale }>({ locale: localeFor(globalThis.navigator?.language) })

export function t(key: MessageKey, params?: Params): string {
  return translate(i18n.locale, key, params)
}

export function n(value: number, digits = 1): string {
  return formatNumber(i18n.locale, value, digits)
}

export function setLanguage(choice: 'system' | Locale): void {
  i18n.locale = choice === 'system' ? localeFor(globalThis.navigator?.language) : choice
  document.documentElement.lang = i18n.locale
}
