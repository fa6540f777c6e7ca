/** Study timer (issue 8). */
import type { Message } from '../message'
import type { timerEn } from './timer.en'

export const timerZh: Record<keyof typeof timerEn, Message> = {
  'timer.heading': '学习计时',
  'timer.hrLabel': '心率',
  'timer.hr': '{bpm} 次/分',
  'timer.hrNone': '暂无心率数据',
  'timer.loading': '正在载入计时器…',

  'timer.lock.title': '学习计时尚未解锁',
  'timer.lock.no-check-in':
    '请先做一次状态检测：当你的唤醒水平处在适合学习的区间，或完成了推荐的呼吸练习后，计时器才会开启。',
  'timer.lock.protocol-pending': '请先完成推荐的呼吸练习；练习完成或复测落在学习区间后，计时器即可开启。',
  'timer.lock.re-check-pending': '还差一次简短的复测，完成后计时器即可开启。',
  'timer.lock.go': '前往状态检测',

  'timer.unlocked.optimal': '已解锁：检测显示你正处在适合学习的状态。',
  'timer.unlocked.protocol-completed': '已解锁：你已完成呼吸练习。',
  'timer.unlocked.override': '已解锁：你选择跳过了检测结果。',

  'timer.setup.heading': '开始之前',
  'timer.setup.intro': '两个可选的小准备，让接下来的这段学习更有效：',
  'timer.setup.phone': '手机已经放到别的房间（至少放在视线之外）',
  'timer.setup.task': '这一段只做一件事：',
  'timer.setup.taskPlaceholder': '例如：第四章练习题',
  'timer.setup.blockMin': '时长（分钟）',
  'timer.setup.blockHint': '90 分钟正好是一个超日节律周期；可在 30 到 120 分钟之间选择。',
  'timer.setup.notifications': '阶段切换时用一条安静的系统通知提醒我',
  'timer.setup.plan':
    '这段学习分三个阶段：先 {warmup} 热身，再 {focus} 深度专注，最后 {errors} 的高错误窗口。',
  'timer.start': '开始学习',

  'timer.phase.warmup': '热身·走神期',
  'timer.phase.focus': '深度专注',
  'timer.phase.errors': '高错误窗口',
  'timer.phase.warmup.hint': '刚开始注意力会四处游走，这很正常。每次发现走神，就把它拉回到任务上。',
  'timer.phase.focus.hint': '把目光和注意力都收拢在这一件事上——这是整段学习的核心。',
  'timer.phase.errors.hint':
    '错误越来越多，注意力开始闪烁。挫败感正是大脑准备改变的信号——别放弃，坚持下去，这正是神经可塑性被触发的时刻。',
  'timer.phaseBar': '学习阶段',
  'timer.now': '当前阶段',
  'timer.elapsed': '已用时间',
  'timer.remaining': '剩余时间',
  'timer.paused': '已暂停。继续之前，时间不会走。',
  'timer.task': '任务：{task}',

  'timer.pause': '暂停',
  'timer.resume': '继续',
  'timer.stop': '结束',
  'timer.stopAsk': '现在就结束这段学习吗？总结会显示你目前为止的情况。',
  'timer.stopYes': '是的，结束',
  'timer.stopNo': '继续学习',

  'timer.logError': '我出错了 / 做错了',
  'timer.logFrustration': '我感到挫败',
  'timer.keys': '快捷键：按 E 记录一次出错，按 F 记录一次挫败感（在输入框里打字时不生效）。',
  'timer.errors': { other: '已记录 {count} 次出错' },
  'timer.frustrations': { other: '{count} 次挫败感' },

  'timer.reframe.0': '很好。正是这个错误在告诉大脑：该改变了。',
  'timer.reframe.1': '出错会触发学习所需的神经化学物质。继续。',
  'timer.reframe.2': '记下了：这条神经回路已被标记，等待重塑。',
  'timer.reframe.3': '错误是学习的引擎，你正在做最关键的那部分。',
  'timer.reframe.4': '感觉别扭，是因为你正站在能力的边缘——这恰恰是该待的地方。',
  'timer.reframe.5': '又一次：一个个小错误，累积起来就是真正的改变。',
  'timer.frustrationReframe.0': '挫败感是信号，不是失败。再坚持一会儿。',
  'timer.frustrationReframe.1': '这正是学习发生时那段不舒服的过程。慢慢呼气，然后继续。',
  'timer.frustrationReframe.2': '记下了。挫败感说明大脑正在为改变做准备。',

  'timer.timeline.heading': '你的记录',
  'timer.timeline.error': '开始后 {elapsed} 时出错（{time}）',
  'timer.timeline.frustration': '开始后 {elapsed} 时感到挫败（{time}）',

  'timer.notify.warmup.title': '热身：注意力会游走',
  'timer.notify.warmup.body': '刚开始会走神，每次都把注意力拉回来就好。',
  'timer.notify.focus.title': '深度专注',
  'timer.notify.focus.body': '走神期已过，专注在这一件事上。',
  'timer.notify.errors.title': '高错误窗口',
  'timer.notify.errors.body': '挫败感就是信号：坚持到这段学习结束。',

  'timer.summary.heading': '本段学习完成',
  'timer.summary.stopped': '本段学习已提前结束',
  'timer.summary.duration': '专注时长：{duration}',
  'timer.summary.task': '任务：{task}',
  'timer.summary.errors': { other: '你记录了 {count} 次出错，每一次都是促使大脑改变的信号。' },
  'timer.summary.noErrors': '这次没有记录出错。下次试着挑战稍稍超出能力的任务：正是错误在驱动学习。',
  'timer.summary.chart': '本段学习中的出错次数与心率',
  'timer.summary.hrTrend': '心率：热身时约 {start} 次/分，结束时约 {end} 次/分。',
  'timer.summary.noHr': '本段学习期间没有记录到心率数据。',
  'timer.chart.errors': '累计出错次数',
  'timer.chart.hr': '心率（次/分）',
  'timer.chart.minutes': '开始后的分钟数',
  'timer.summary.rest':
    '现在休息一下：做 10 到 20 分钟的非睡眠深度休息（NSDR，例如躺下做缓慢的身体扫描），或不带手机散散步，帮助大脑开始巩固。',
  'timer.summary.sleep':
    '真正的神经重塑发生在你接下来的睡眠中：今天犯下的错误标记了需要改变的回路，它们会在夜里完成重塑。进步通常在一两天后显现。',
  'timer.summary.reflection': '写一句话留给以后的自己：你学到了什么，或者错在了哪里？',
  'timer.summary.save': '保存并结束',
  'timer.finished': '已保存。现在去休息吧；下一段学习从新的状态检测开始。',
  'timer.finished.again': '前往状态检测'
}
