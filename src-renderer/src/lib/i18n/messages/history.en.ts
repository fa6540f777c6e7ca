/** History, charts, export and import (issue 9). */
import type { Message } from '../message'

export const historyEn = {
  'history.heading': 'History',
  'history.intro':
    'Every recorded session, newest first. Open one to see how your state, breathing and errors went.',
  'history.loading': 'Loading sessions…',
  'history.empty': 'No sessions yet. A session is recorded from the moment you start a check-in.',
  'history.error.unavailable': 'Session history is not available in this build yet.',
  'history.error.failed': 'That did not work: {reason}',
  'history.retry': 'Try again',

  'history.list.label': 'Recorded sessions',
  'history.col.date': 'Date',
  'history.col.task': 'Task',
  'history.col.arousal': 'State before → after',
  'history.col.protocol': 'Protocol',
  'history.col.errors': 'Errors',
  'history.col.duration': 'Duration',
  'history.col.actions': 'Actions',
  'history.selectAll': 'Select all sessions for export',
  'history.selectOne': 'Select the session of {date} for export',
  'history.openLabel': 'Open the session of {date}',
  'history.keysHint':
    'Up and down arrows move between sessions, Enter opens one, Delete asks before deleting it; tick the box to select a session for export.',
  'history.taskNone': 'No task',
  'history.arousal': '{pre} → {post}',
  'history.state.low': 'Low',
  'history.state.optimal': 'Optimal',
  'history.state.high': 'High',
  'history.state.none': 'not measured',
  'history.protocol.sigh': 'Physiological sigh',
  'history.protocol.super-oxygenation': 'Super-oxygenation',
  'history.protocol.none': 'None',
  'history.errors': { one: '{count} error', other: '{count} errors' },
  'history.duration.hm': '{h} h {m} min',
  'history.duration.ms': '{m} min {s} s',
  'history.duration.s': '{s} s',
  'history.override': 'Override',
  'history.overrideHint': 'The check-in gate was skipped for this session.',
  'history.inProgress': 'Not finished',
  'history.problem': 'This session could not be read: {reason}',

  'history.delete': 'Delete',
  'history.deleteLabel': 'Delete the session of {date}',
  'history.confirm.title': 'Delete this session?',
  'history.confirm.body':
    'The session of {date} and all of its recorded files will be removed. This cannot be undone.',
  'history.confirm.yes': 'Delete the session',
  'history.confirm.no': 'Keep it',
  'history.deleted': 'The session of {date} was deleted.',
  'history.deleteFailed': 'The session could not be deleted: {reason}',
  'history.deleteRefused':
    "Nothing was deleted: this session's session.json cannot be read, so Limbic leaves its folder alone. You can remove the folder from the sessions folder yourself.",

  'history.export.heading': 'Export',
  'history.export.format': 'Format',
  'history.export.folder': 'CSV folder',
  'history.export.zip': 'ZIP archive',
  'history.export.rr': 'RR intervals (Kubios text)',
  'history.export.selected': {
    one: 'Export {count} session…',
    other: 'Export {count} sessions…'
  },
  'history.export.none': 'Tick sessions in the list to export them.',
  'history.export.busy': 'Exporting…',
  'history.export.done': {
    one: '{count} file exported to {path}',
    other: '{count} files exported to {path}'
  },
  'history.export.cancelled': 'Export cancelled: nothing was written.',
  'history.export.failed': 'Export failed: {reason}',
  'history.export.this': 'Export this session…',

  'history.import.heading': 'Import',
  'history.import.rr': 'Import RR files…',
  'history.import.session': 'Import session folders…',
  'history.import.zip': 'Import a zip…',
  'history.import.busy': 'Importing…',
  'history.import.done': {
    one: '{count} session imported.',
    other: '{count} sessions imported.'
  },
  'history.import.nothing': 'Nothing was imported.',
  'history.import.problems': 'Problems',
  'history.import.failed': 'Import failed: {reason}',

  'history.detail.back': 'Back to the list',
  'history.detail.loading': 'Loading the session…',
  'history.detail.title': 'Session of {date}',
  'history.detail.task': 'Task: {task}',
  'history.detail.beats': { one: '{count} beat recorded', other: '{count} beats recorded' },
  'history.detail.duration': 'Duration: {duration}',
  'history.detail.arousal': 'State: {pre} → {post}',
  'history.detail.protocol': 'Protocol: {protocol}',
  'history.detail.errors': 'Errors: {count}',
  'history.detail.noHeart': 'No heart data was recorded in this session.',

  'history.chart.heart': 'Heart rate and RMSSD over time',
  'history.chart.heartSummary': {
    one: 'Chart of heart rate and RMSSD over {duration}, with {count} error marked.',
    other: 'Chart of heart rate and RMSSD over {duration}, with {count} errors marked.'
  },
  'history.chart.hr': 'Heart rate (bpm)',
  'history.chart.rmssd': 'RMSSD (ms)',
  'history.chart.time': 'Time into the session (min:s)',
  'history.chart.errors': 'Errors',
  'history.span.legend': 'Shaded phases',
  'history.span.checkIn': 'Check-in',
  'history.span.protocol': 'Breathing protocol',
  'history.span.drill': 'Balance drill',
  'history.span.timer': 'Study timer',
  'history.span.other': 'Other',

  'history.sway.heading': 'Balance: centre of pressure',
  'history.sway.choose': 'Drill trial',
  'history.sway.trial': 'Trial {index} ({from}–{to})',
  'history.sway.trialStance': 'Trial {index}: {stance} ({from}–{to})',
  'history.sway.x': 'Side to side (mm)',
  'history.sway.y': 'Front to back (mm)',
  'history.sway.trace': 'CoP trace',
  'history.sway.ellipse': '95 % ellipse',
  'history.sway.area': '95 % ellipse of the points drawn: {area} mm²',
  'history.sway.recorded': 'Area measured during the drill: {area} mm²',
  'history.sway.tooFew': 'Too few samples for a sway ellipse.',
  'history.sway.definition':
    'Sway area: the ellipse that holds 95 % of the centre-of-pressure samples of the trial (Prieto et al. 1996). The second before and two seconds after each loss of balance are left out, so a step off the board is not counted as sway.',
  'history.sway.summary': 'Chart of the centre-of-pressure trace of trial {index} and its 95 % sway ellipse.'
} as const satisfies Record<string, Message>
