/** 学习引擎接入会话流程（issue 16）：“疲倦”自评、处方卡的理由与其他选项、学习段结束后的专注评分和会后一句话。 */
import type { Message } from '../message'

export const learnwireZh = {
  'flow.selfReport.tired': '疲倦',
  'flow.reason.selfReport.tired': '你说自己感觉很疲倦。',
  'verdict.felt.tired': '疲倦',

  'flow.rx.why': '为什么选这个：',
  'flow.rx.proposed': 'Limbic 建议',
  'flow.rx.alternatives': '或者选另一种',
  'flow.rx.noAlternatives': '目前没有其他适合这种状态的练习。',
  'flow.rx.chooseOption': '改做这个',
  'flow.rx.start': '开始',
  'flow.rx.error': '没有成功：{reason}',

  'timer.rate.question': '这一段学习你的专注程度如何？',
  'timer.rate.low': '完全不专注',
  'timer.rate.high': '非常专注',
  'timer.rate.skip': '跳过',
  'timer.rate.thanks': '谢谢——Limbic 会从中学习。',
  'timer.rate.error': '评分没有保存：{reason}'
} satisfies Record<string, Message>
