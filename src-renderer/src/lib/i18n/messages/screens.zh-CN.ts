/** Issue 21：界面更有生气、更平静（计时专注模式、图表标注、平静提示）。 */
import type { Message } from '../message'
import type { screensEn } from './screens.en'

export const screensZh: Record<keyof typeof screensEn, Message> = {
  'timer.focus.showMenu': '显示菜单（Esc）',
  'timer.focus.hideMenu': '隐藏菜单（Esc）',
  'timer.focus.fullscreen': '全屏（F11）',
  'timer.focus.exitFullscreen': '退出全屏（F11）',
  'timer.focus.ring': '本段进度：{phase}，还剩 {remaining}',
  'timer.focus.left': '剩余',
  'timer.focus.elapsed': '已过 {elapsed}',
  'timer.focus.keys': 'E 记录出错 · F 记录挫败感 · P 暂停 · Esc 菜单',
  'timer.summary.frustrations': { other: '你记录了 {count} 次挫败感，并坚持了下来。' },
  'timer.summary.noFrustrations': '没有记录挫败感。',
  'timer.chart.time': '开始后的时间（mm:ss）',
  'timer.chart.errorMarks': '记录的出错',
  'timer.chart.frustrationMarks': '记录的挫败感',
  'drill.chart.errorsAxis': '失误（次）',
  'flow.bio.axisBpm': '次/分',
  'flow.bio.axisAgo': '{s} 秒前',
  'flow.bio.axisNow': '现在',
  'flow.bio.axisIn': '吸',
  'flow.bio.axisOut': '呼',
  'flow.calm.cue': '放松肩膀，让呼吸自然来去。现在什么都不用做。'
}
