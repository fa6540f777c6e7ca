/**
 * Every message key the learning engine returns, for the renderer's i18n tables. English and
 * 简体中文 are in src-renderer/src/lib/i18n/messages/learning.{en,zh-CN}.ts, part of the shared
 * catalogues en.ts / zh-CN.ts (messages.test.ts checks both files carry every key below).
 * Values: learning.reason.best-so-far {pct}; learning.pe.* {option} (an option's name key,
 * translated first); learning.summary.best {option} {pct}; learning.summary.effect {mean} {low}
 * {high}; learning.summary.sessions {count}; learning.summary.pBest {pct}; learning.notice.* {path}
 * (where the unreadable model file was kept).
 */
import { OPTION_IDS } from './options'

export const LEARNING_MESSAGE_KEYS: readonly string[] = [
  ...OPTION_IDS.map((o) => `learning.option.${o}`),
  ...['best-so-far', 'exploring', 'not-enough-data', 'control', 'only-option', 'rule', 'person-chose'].map(
    (r) => `learning.reason.${r}`
  ),
  ...[
    'calmer-than-expected',
    'less-calm-than-expected',
    'more-alert-than-expected',
    'less-alert-than-expected',
    'as-expected',
    'block.better',
    'block.worse',
    'block.as-expected'
  ].map((k) => `learning.pe.${k}`),
  ...['heading', 'still-learning', 'best', 'effect', 'sessions', 'pBest', 'control-note'].map(
    (k) => `learning.summary.${k}`
  ),
  'learning.notice.corrupt-reset',
  'learning.notice.newer-version'
]
