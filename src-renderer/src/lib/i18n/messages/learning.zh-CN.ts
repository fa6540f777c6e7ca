/** "Learns what works for you" (issue 16): see learning.en.ts. */
import type { Message } from '../message'
import type { learningEn } from './learning.en'

export const learningZh: Record<keyof typeof learningEn, Message> = {
  'learning.option.sigh-short': '生理叹气（短）',
  'learning.option.sigh-standard': '生理叹气',
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
  'learning.reason.not-enough-data': '你自己的记录还不够：先参考已发表的效果来选，并适当轮换以便学习',

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

  'learning.notice.corrupt-reset':
    '无法读取 Limbic 之前对你的学习结果。原文件已保存在 {path}，学习重新开始。',
  'learning.notice.newer-version':
    'Limbic 的学习结果由更新版本的 Limbic 保存。原文件已保存在 {path}，当前版本重新开始学习。',

  'learning.screen.loading': '正在加载…',
  'learning.screen.error': '无法显示 Limbic 的学习结果：{reason}',
  'learning.screen.intro':
    'Limbic 根据你自己的练习记录，了解哪种练习最能让你回到最佳状态区间。每一行是它目前的估计以及有多大把握。',
  'learning.screen.state.high': '当你过度紧绷时',
  'learning.screen.state.low': '当你状态低落时',
  'learning.screen.col.option': '练习',
  'learning.screen.col.effect': '估计效果（90 % 范围）',
  'learning.screen.col.sessions': '次数',
  'learning.screen.col.pBest': '是最适合你的可能性',
  'learning.screen.effect': '{mean}（{low} 至 {high}）',
  'learning.screen.still-learning-leader': {
    other:
      '仍在学习——目前看来 {option} 最适合你（可能性 {pct} %），但只有 {count} 次记录，还不能确定（需要 {needed} 次）'
  },
  'learning.screen.no-sessions': '还没有练习记录：目前的估计来自已发表的研究，会逐渐被你自己的记录取代。',
  'learning.screen.rule':
    '当某个选项至少有 80 % 的可能是最适合你的，并且已有至少 8 次记录时，Limbic 才会说它最适合你。',
  'learning.screen.units':
    '效果：练习让你向最佳状态区间移动了多少，再加上之后学习时段表现的一部分，单位是“最小有意义变化”（1 表示值得拥有的变化，0 表示没有变化）。',
  'learning.screen.adaptive-off':
    '你已在设置中关闭自适应选择：Limbic 会按你的状态推荐标准练习，同时继续学习。',
  'learning.screen.control-off': '你已在设置中关闭“安静坐着”对照。'
}
