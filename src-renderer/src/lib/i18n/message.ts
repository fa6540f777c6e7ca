/**
 * A message is a string with `{name}` parameters, or plural forms keyed by Intl.PluralRules
 * categories (`other` required) chosen by the `count` parameter. Never build a sentence from
 * fragments: add a whole message instead, so each language can order words its own way.
 */
export type Message = string | Readonly<Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }>
