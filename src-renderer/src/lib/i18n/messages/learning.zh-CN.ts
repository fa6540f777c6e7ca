/** "Learns what works for you" (issue 16): see learning.en.ts. */
import type { Message } from '../message'
import type { learningEn } from './learning.en'

export const learningZh: Record<keyof typeof learningEn, Message> = {
  'learning.option.sigh-short': '生理叹息（短）',
  'learning.option.sigh-standard': '生理叹息',
  'learning.option.panoramic-vision': '全景视野',
  'learning.option.resonance': '共振呼吸',
  'learning.option.super-oxygenation': '超氧呼吸',
  'learning.option.energising-inhale': '提神呼吸',
  'learning.option.nsdr': '短时引导休息（NSDR）',
  'learning.option.sit-quietly': '安静坐 2 分钟',

  'learning.reason.best-so-far': '目前最适合你，{pct} %',
  'learning.reason.exploring': '试试另一种方法，了解什么更适合你',
  'learning.reason.control': '这次只是安静坐着：这样能看出你自己会平复多少，Limbic 才能分辨练习带来的作用',
  'learning.reason.only-option': '目前唯一合适的选项',
  'learning.reason.rule': '按你的状态给出的标准选择（已关闭自适应选择）',
  'learning.reason.person-chose': '你的选择',

  'learning.pe.calmer-than-expected': '比预期更平静——{option} 对你的效果比 Limbic 估计的更好',
  'learning.pe.less-calm-than-expected': '没有预期那么平静——{option} 对你的效果不如 Limbic 估计的',
  'learning.pe.more-alert-than-expected': '比预期更清醒——{option} 对你的效果比 Limbic 估计的更好',
  'learning.pe.less-alert-than-expected': '没有预期那么清醒——{option} 对你的效果不如 Limbic 估计的',
  'learning.pe.as-expected': '与预期差不多——{option} 的效果和 Limbic 预测的一致',
  'learning.pe.block.better': '做完 {option} 后，这段学习比 Limbic 预期的更顺利',
  'learning.pe.block.worse': '做完 {option} 后，这段学习不如 Limbic 预期的顺利',
  'learning.pe.block.as-expected': '做完 {option} 后，这段学习和 Limbic 预期的差不多',

  'learning.summary.heading': '什么对你有效',
  'learning.summary.still-learning': '仍在学习——还没有哪个选项明显最适合你',
  'learning.summary.best': '{option} 最适合你（可能性 {pct} %）',
  'learning.summary.effect': '效果 {mean}（90 % 范围 {low} 至 {high}）',
  'learning.summary.sessions': { other: '{count} 次' },
  'learning.summary.pBest': '{pct} % 可能是最适合你的',
  'learning.summary.control-note': '安静坐着能看出不做练习时你自己会平复多少',

  'learning.notice.corrupt-reset': '无法读取 Limbic 之前对你的学习结果。原文件已保留为备份，学习重新开始。',
  'learning.notice.newer-version':
    'Limbic 的学习结果由更新的版本保存。原文件已保留为备份，当前版本重新开始学习。'
}
