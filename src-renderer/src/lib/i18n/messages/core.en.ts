/** Shell, live screen, devices, notices. */
import type { Message } from '../message'

export const coreEn = {
  'app.title': 'Limbic',
  'app.tagline': 'Get into the right state, then study.',
  'nav.label': 'Main',
  'nav.session': 'Start',
  'nav.timer': 'Study timer',
  'nav.live': 'Live',
  'nav.history': 'History',
  'nav.learning': 'What works',
  'nav.settings': 'Settings',

  'status.simulated':
    'Simulated devices: no heart-rate strap is connected, so Limbic is showing a simulated person.',
  'status.findDevices': 'Find devices',
  'status.state.idle': 'Not connected',
  'status.state.scanning': 'Searching…',
  'status.state.connecting': 'Connecting…',
  'status.state.connected': 'Connected',
  'status.state.streaming': 'Receiving data',
  'status.state.reconnecting': 'Connection lost, reconnecting…',
  'status.state.disconnected': 'Disconnected',
  'status.state.error': 'Not available',
  'status.battery': 'Battery {pct} %',
  'status.contact.detected': 'Good skin contact',
  'status.contact.not-detected': 'No skin contact: moisten the strap electrodes and tighten it',
  'status.contact.unsupported': 'Contact not reported by this strap',
  'status.problem.adapter-powered-off': 'Bluetooth is turned off. Turn it on; Limbic reconnects by itself.',
  'status.problem.adapter-unauthorized.darwin':
    'macOS is not letting Limbic use Bluetooth. Open System Settings → Privacy & Security → Bluetooth and allow Limbic.',
  'status.problem.adapter-unauthorized.win32':
    'Windows is not letting Limbic use Bluetooth. Open Settings → Privacy & security → Bluetooth and allow apps to use it.',
  'status.problem.adapter-unauthorized.linux':
    'Bluetooth access was refused. Make sure bluetoothd is running and your user may use it (see the README, Linux notes).',
  'status.problem.adapter-unsupported':
    'No usable Bluetooth adapter was found. Plug in a Bluetooth 4.0+ adapter, or use the simulator.',
  'status.problem.driver-missing':
    'The Bluetooth driver could not be loaded. Reinstall Limbic, or use the simulator.',
  'status.problem.no-device-found': 'No strap found. Wear it (moisten the electrodes) and search again.',
  'status.problem.connect-failed': 'The strap did not accept the connection. Move closer and try again.',
  'status.problem.link-lost': 'The strap stopped sending. Reconnecting; your data before the gap is kept.',
  'status.problem.gave-up':
    'The strap could not be reached again. Check it is worn and charged, then search again.',
  'status.hint.connected-elsewhere':
    'It may be connected to another app or phone: a Polar H10 accepts one connection at a time and cannot be found while it has one. Close that app or turn off Bluetooth on that phone, then search again.',
  'status.breathing.chest': 'Breathing: chest sensor',
  'status.breathing.rsa': 'Breathing: from heart rate',
  'status.problem.permission-denied':
    'The device could not be opened: permission denied (see the README, Linux notes).',
  'status.reconnectIn': { one: 'Next try in {count} second', other: 'Next try in {count} seconds' },
  'status.malformed': { one: '{count} damaged packet dropped', other: '{count} damaged packets dropped' },
  'status.flagged': {
    one: '{count} implausible or repeated value set aside',
    other: '{count} implausible or repeated values set aside'
  },

  'live.heading': 'Your heart right now',
  'live.hr': 'Heart rate',
  'live.bpm': 'bpm',
  'live.waiting': 'Waiting for the first heartbeat…',
  'live.rrChart': 'Beat-to-beat intervals (last 60 s)',
  'live.rrChartLabel': 'RR interval',
  'live.rrAxis': 'ms',
  'live.timeAxis': 's',
  'live.beats': { one: '{count} beat received', other: '{count} beats received' },
  'live.strapHr': 'Strap reports {bpm} bpm',
  'live.rmssd': 'RMSSD',
  'live.rmssdHint': 'Beat-to-beat variability over the last 60 s',
  'live.ms': 'ms',
  'live.resp': 'Breathing',
  'live.respUnit': 'breaths/min',
  'live.respChest': 'measured at the chest',
  'live.respEstimating': 'Estimating… (needs about a minute of steady breathing)',
  'live.figureWaiting': 'Collecting…',
  'live.trend.up': 'rising',
  'live.trend.down': 'falling',
  'live.trend.steady': 'steady',
  'live.stale': 'Last values, not live: the strap is not sending',
  'live.board.heading': 'Balance board',
  'live.board.weight': 'Weight',
  'live.board.kg': 'kg',
  'live.board.empty': 'Nobody on the board',
  'live.board.cop': 'Centre of pressure, seen from above (front at the top)',

  'devices.heading': 'Devices',
  'devices.scan': 'Search again',
  'devices.scanning': 'Searching for straps and balance boards…',
  'devices.none': 'No device found. Is the strap worn and moist, and Bluetooth on?',
  'devices.connect': 'Connect',
  'devices.connected': 'In use',
  'devices.simulated': 'simulated',
  'devices.rssi': '{rssi} dBm',
  'devices.close': 'Close',
  'devices.name.sim-strap': 'Simulated heart-rate strap',
  'devices.name.sim-board': 'Simulated balance board',
  'devices.name.sim-h10': 'Simulated Polar H10',
  'devices.breathing.chest': 'measures breathing',
  'devices.connectFailed': 'Could not connect. The status bar says why and what to do.',
  'status.simulatedReading': 'simulated',

  'notice.settingsReset':
    'Your settings file could not be read, so Limbic started with default settings. The old file was kept at {path}.',
  'notice.sessionsRecovered': {
    one: 'Limbic stopped unexpectedly while a session was recording. The session was closed and everything recorded up to the last second was kept.',
    other:
      'Limbic stopped unexpectedly while sessions were recording. {count} sessions were closed and everything recorded up to the last second was kept.'
  },
  'notice.baselineReset':
    'Your personal baseline could not be read, so Limbic compares you with typical values until your next resting check-in. The unreadable file was kept at {path}.',
  'notice.damagedRows': {
    one: 'One damaged row (left by the crash or a full disk) was removed from its files.',
    other: '{count} damaged rows (left by the crash or a full disk) were removed from their files.'
  },
  'notice.recordingPaused.diskFull':
    'The disk is full — recording paused, nothing lost so far. Free some space and it resumes by itself.',
  'notice.recordingPaused.error':
    'The recording cannot be written ({code}) — recording paused, nothing lost so far. Limbic keeps trying.',
  'notice.recordingDropping.diskFull': {
    one: 'The disk is full — recording paused. Limbic holds what it can in memory, but 1 row (about {seconds} s) is already lost. Free some space to resume.',
    other:
      'The disk is full — recording paused. Limbic holds what it can in memory, but {count} rows (about {seconds} s) are already lost. Free some space to resume.'
  },
  'notice.recordingDropping.error': {
    one: 'The recording cannot be written ({code}) — recording paused, and 1 row (about {seconds} s) is already lost. Limbic keeps trying.',
    other:
      'The recording cannot be written ({code}) — recording paused, and {count} rows (about {seconds} s) are already lost. Limbic keeps trying.'
  },
  'notice.recordingResumed': 'Recording resumed. Everything recorded while it was paused has been written.',
  'notice.recordingResumedLost': {
    one: 'Recording resumed. 1 row (about {seconds} s) recorded while it was paused could not be kept; the gap is marked in the session.',
    other:
      'Recording resumed. {count} rows (about {seconds} s) recorded while it was paused could not be kept; the gap is marked in the session.'
  },
  'notice.recordingLost': {
    one: 'The session ended while its files could not be written ({code}): 1 row (about {seconds} s) is lost. Everything that reached the disk is kept, and the session is closed the next time Limbic starts.',
    other:
      'The session ended while its files could not be written ({code}): {count} rows (about {seconds} s) are lost. Everything that reached the disk is kept, and the session is closed the next time Limbic starts.'
  },
  'notice.dismiss': 'Dismiss',

  'settings.heading': 'Settings',
  'settings.language': 'Language',
  'settings.language.system': 'Same as the system',
  'settings.language.en': 'English',
  'settings.language.zh-CN': '简体中文'
} as const satisfies Record<string, Message>
