/** 共振呼吸（issue 17）：测试界面、结果与理由、历史中的测试、共振呼吸练习与相干度、设置。 */
import type { Message } from '../message'
import type { resonanceEn } from './resonance.en'

export const resonanceZh: Record<keyof typeof resonanceEn, Message> = {
  'nav.resonance': '共振',
  'flow.protocol.resonance': '共振呼吸',
  'flow.protocol.desc.resonance':
    '按你自己的节奏缓慢、均匀地呼吸：用鼻子吸气，呼气比吸气更长。你的心率会随每次呼吸起伏。',
  'flow.pacer.cycle.resonance': '第 {current} 次呼吸，共 {total} 次',
  'flow.phase.resonance.inhale': '吸气 —— 用鼻子，轻柔地',
  'flow.phase.resonance.exhale': '呼气 —— 慢慢地',
  'history.protocol.resonance': '共振呼吸',

  'resonance.reason.largestSwing': '每分钟 {rateBpm} 次时，你的心率起伏最大，达 {swingBpm} 次/分。',
  'resonance.reason.closeCall':
    '每分钟 {rateBpm} 次（{swingBpm} 次/分）与每分钟 {otherRateBpm} 次（{otherSwingBpm} 次/分）很接近；每分钟 {rateBpm} 次时，心率与呼吸更同步。',
  'resonance.reason.repeatSteps':
    '每分钟 {rateBpm} 次时心率起伏最大（{swingBpm} 次/分），但每分钟 {repeatRates} 次的步骤重测后仍无法测量。请重新测试以确认。',
  'resonance.reason.tooFewSteps':
    '每分钟 {rateBpm} 次时心率起伏最大（{swingBpm} 次/分），但只有 {validSteps} 个步骤可以测量。请重新测试以确认。',
  'resonance.reason.noValidStep':
    '{steps} 个步骤都无法测量（接触不良、伪迹、时间太短，或呼吸没有跟上节拍器）。请检查心率带后重新测试。',

  'resonance.title': '共振频率测试',
  'resonance.intro':
    '找出让你心率起伏最大的呼吸频率，也就是你的共振频率。你将跟随节拍器，依次以每分钟 6.5、6、5.5、5 和 4.5 次呼吸，吸气比呼气短，每步之间短暂休息。无法测量的步骤会重测一次。',
  'resonance.duration':
    '约 {min} 分钟：{steps} 个步骤，每步 {stepS} 秒，间隔休息 {restS} 秒。请坐好不动，戴好心率带。',
  'resonance.start': '开始测试',
  'resonance.retest': '重新测试',
  'resonance.cancel': '停止测试',
  'resonance.yourRate': '你的频率：每分钟 {rate} 次',
  'resonance.noRate': '还没有频率：在你完成测试之前，共振呼吸按每分钟 6 次进行。',
  'resonance.step': '第 {current} 步，共 {total} 步：每分钟 {rate} 次',
  'resonance.repeat': '正在重测这一步：第一次无法测量。',
  'resonance.repeatNext': '上一步无法测量，将再做一次。',
  'resonance.stepLeft': '本步还剩 {time}',
  'resonance.rest': '休息一下，正常呼吸。',
  'resonance.next': '下一步：每分钟 {rate} 次，{time} 后开始',
  'resonance.skipRest': '现在开始下一步',
  'resonance.keys': '按 Esc 停止测试。',
  'resonance.hrChart': '本步的心率',
  'resonance.cancelled': '测试已停止。已完成的 {count} 个步骤已保存。',
  'resonance.result.title': '你的共振频率',
  'resonance.result.rate': '每分钟 {rate} 次',
  'resonance.result.none': '未找到频率',
  'resonance.result.confidence': '置信度 {pct}%',
  'resonance.result.status.found': '已找到',
  'resonance.result.status.unsure': '不确定：请重新测试以确认',
  'resonance.result.status.none': '未找到',
  'resonance.chart.title': '各呼吸频率（次/分钟）下的心率起伏（次/分）',
  'resonance.chart.bar': '每分钟 {rate} 次：{swing} 次/分',
  'resonance.chart.unmeasured': '每分钟 {rate} 次：未能测量',
  'resonance.chart.chosen': '选定',
  'resonance.history.title': '共振测试',
  'resonance.history.empty': '还没有共振测试。',
  'resonance.history.stopped': '完成 {count} 步后停止',
  'resonance.history.problem': '无法读取已保存的测试：{problem}',
  'resonance.notice.reset': '无法读取已保存的共振测试。原文件已保存在 {path}；新的测试会重新保存。',

  'resonance.coherence.title': '相干度',
  'resonance.coherence.waiting': '约 30 秒心跳数据后显示相干度。',
  'resonance.coherence.help':
    '心率变化中有多少是一条随呼吸频率（每分钟 {rate} 次）起伏的平滑波，0–100%。高于约 60% 说明你的心率很好地跟随呼吸。',
  'resonance.coherence.chart': '心率与节拍器波形',
  'resonance.coherence.legendPacer': '呼吸（节拍器）',
  'resonance.coherence.legendHr': '心率',

  'settings.section.resonance': '共振呼吸',
  'settings.field.resonance.stepS': '测试：每步时长',
  'settings.field.resonance.restS': '测试：步骤间休息',
  'settings.field.resonance.durationS': '共振呼吸练习时长'
}
