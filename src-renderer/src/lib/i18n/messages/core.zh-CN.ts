/** 外壳、实时界面、设备、通知。 */
import type { Message } from '../message'
import type { coreEn } from './core.en'

export const coreZh: Record<keyof typeof coreEn, Message> = {
  'app.title': 'Limbic',
  'app.tagline': '先调整到合适的状态，再开始学习。',
  'nav.label': '主导航',
  'nav.session': '开始',
  'nav.timer': '学习计时',
  'nav.live': '实时',
  'nav.history': '历史记录',
  'nav.learning': '什么有效',
  'nav.settings': '设置',

  'status.simulated': '模拟设备：尚未连接心率带，Limbic 正在显示一位模拟用户的数据。',
  'status.findDevices': '查找设备',
  'status.state.idle': '未连接',
  'status.state.scanning': '正在搜索…',
  'status.state.connecting': '正在连接…',
  'status.state.connected': '已连接',
  'status.state.streaming': '正在接收数据',
  'status.state.reconnecting': '连接中断，正在重新连接…',
  'status.state.disconnected': '已断开',
  'status.state.error': '不可用',
  'status.battery': '电量 {pct}%',
  'status.contact.detected': '皮肤接触良好',
  'status.contact.not-detected': '未检测到皮肤接触：请润湿心率带电极并系紧',
  'status.contact.unsupported': '此心率带不报告接触状态',
  'status.problem.adapter-powered-off': '蓝牙已关闭。请打开蓝牙，Limbic 会自动重新连接。',
  'status.problem.adapter-unauthorized.darwin':
    'macOS 未允许 Limbic 使用蓝牙。请打开“系统设置 → 隐私与安全性 → 蓝牙”，允许 Limbic。',
  'status.problem.adapter-unauthorized.win32':
    'Windows 未允许 Limbic 使用蓝牙。请打开“设置 → 隐私和安全性 → 蓝牙”，允许应用使用蓝牙。',
  'status.problem.adapter-unauthorized.linux':
    '蓝牙访问被拒绝。请确认 bluetoothd 正在运行，且当前用户有权使用蓝牙（见 README 中的 Linux 说明）。',
  'status.problem.adapter-unsupported':
    '没有找到可用的蓝牙适配器。请插入蓝牙 4.0 及以上的适配器，或使用模拟器。',
  'status.problem.driver-missing': '无法加载蓝牙驱动。请重新安装 Limbic，或使用模拟器。',
  'status.problem.no-device-found': '没有找到心率带。请佩戴好（润湿电极）后重新搜索。',
  'status.problem.connect-failed': '心率带没有接受连接。请靠近一些再试。',
  'status.problem.link-lost': '心率带停止发送数据，正在重新连接；中断之前的数据都已保存。',
  'status.problem.gave-up': '无法再次连接心率带。请确认已佩戴并有电，然后重新搜索。',
  'status.hint.connected-elsewhere':
    '它可能已连接到另一个应用或手机：Polar H10 同一时间只接受一个连接，已连接时搜索不到它。请关闭那个应用或关闭那部手机的蓝牙，然后重新搜索。',
  'status.breathing.chest': '呼吸：胸部传感器',
  'status.breathing.rsa': '呼吸：由心率推算',
  'status.problem.permission-denied': '无法打开设备：权限被拒绝（见 README 中的 Linux 说明）。',
  'status.reconnectIn': { other: '{count} 秒后再次尝试' },
  'status.malformed': { other: '已丢弃 {count} 个损坏的数据包' },
  'status.flagged': { other: '已搁置 {count} 个不合理或重复的数值' },

  'live.heading': '此刻的心跳',
  'live.hr': '心率',
  'live.bpm': '次/分',
  'live.waiting': '正在等待第一次心跳…',
  'live.rrChart': '逐搏间期（最近 60 秒）',
  'live.rrChartLabel': 'RR 间期',
  'live.rrAxis': '毫秒',
  'live.timeAxis': '秒',
  'live.beats': { other: '已收到 {count} 次心跳' },
  'live.strapHr': '心率带读数 {bpm} 次/分',
  'live.rmssd': 'RMSSD（心率变异性）',
  'live.rmssdHint': '最近 60 秒的逐搏变异性',
  'live.ms': '毫秒',
  'live.resp': '呼吸',
  'live.respUnit': '次/分',
  'live.respChest': '胸部测量',
  'live.respEstimating': '估算中…（需要约一分钟平稳呼吸）',
  'live.figureWaiting': '正在收集…',
  'live.trend.up': '上升',
  'live.trend.down': '下降',
  'live.trend.steady': '平稳',
  'live.stale': '最后的数值，并非实时：心率带没有发送数据',
  'live.board.heading': '平衡板',
  'live.board.weight': '体重',
  'live.board.kg': '千克',
  'live.board.empty': '板上无人',
  'live.board.cop': '压力中心（俯视，前方朝上）',

  'devices.heading': '设备',
  'devices.scan': '重新搜索',
  'devices.scanning': '正在搜索心率带和平衡板…',
  'devices.none': '没有找到设备。请确认已佩戴并润湿心率带，且蓝牙已打开。',
  'devices.connect': '连接',
  'devices.connected': '使用中',
  'devices.simulated': '模拟',
  'devices.rssi': '{rssi} dBm',
  'devices.close': '关闭',
  'devices.name.sim-strap': '模拟心率带',
  'devices.name.sim-board': '模拟平衡板',
  'devices.name.sim-h10': '模拟 Polar H10',
  'devices.breathing.chest': '可测量呼吸',
  'devices.connectFailed': '无法连接。状态栏说明了原因和解决办法。',
  'status.simulatedReading': '模拟值',

  'notice.settingsReset': '无法读取你的设置文件，Limbic 已使用默认设置启动。原文件已保存在 {path}。',
  'notice.sessionsRecovered': {
    other: 'Limbic 在记录时意外退出。已为你结束 {count} 个未完成的会话，截至最后一秒的记录全部保留。'
  },
  'notice.baselineReset':
    '无法读取你的个人基线，在下一次静息检测之前，Limbic 先与常见数值比较。无法读取的文件已保存在 {path}。',
  'notice.damagedRows': {
    other: '已从文件中移除 {count} 行损坏的数据（由意外退出或磁盘已满造成）。'
  },
  'notice.recordingPaused.diskFull': '磁盘已满，记录已暂停，目前没有丢失任何数据。腾出空间后会自动继续记录。',
  'notice.recordingPaused.error':
    '无法写入记录（{code}），记录已暂停，目前没有丢失任何数据。Limbic 会继续尝试。',
  'notice.recordingDropping.diskFull': {
    other:
      '磁盘已满，记录已暂停。Limbic 会尽量把数据保存在内存中，但已经丢失 {count} 行（约 {seconds} 秒）。请腾出空间以继续记录。'
  },
  'notice.recordingDropping.error': {
    other: '无法写入记录（{code}），记录已暂停，已经丢失 {count} 行（约 {seconds} 秒）。Limbic 会继续尝试。'
  },
  'notice.recordingResumed': '记录已恢复。暂停期间记录的数据已全部写入。',
  'notice.recordingResumedLost': {
    other: '记录已恢复。暂停期间有 {count} 行（约 {seconds} 秒）未能保存，会话中已标出这段空缺。'
  },
  'notice.recordingLost': {
    other:
      '会话结束时文件仍无法写入（{code}）：{count} 行（约 {seconds} 秒）已丢失。已写入磁盘的数据都会保留，下次启动 Limbic 时会结束该会话。'
  },
  'notice.dismiss': '知道了',

  'settings.heading': '设置',
  'settings.language': '语言',
  'settings.language.system': '跟随系统',
  'settings.language.en': 'English',
  'settings.language.zh-CN': '简体中文'
}
