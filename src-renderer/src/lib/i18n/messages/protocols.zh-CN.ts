/** 第 16 号议题的练习(全景视觉、提神呼吸、NSDR、静坐)：see protocols.en.ts. */
import type { Message } from '../message'
import type { protocolsEn } from './protocols.en'

export const protocolsZh: Record<keyof typeof protocolsEn, Message> = {
  'flow.protocol.panoramic-vision': '全景视觉',
  'flow.protocol.energising-inhale': '提神呼吸',
  'flow.protocol.nsdr': 'NSDR（非睡眠深度休息）',
  'flow.protocol.sit-quietly': '静坐',
  'flow.protocol.desc.panoramic-vision':
    '一到两分钟的广角凝视：放松视线的焦点，把整个房间尽收眼底，头保持不动。适用于过度唤醒的状态。',
  'flow.protocol.desc.energising-inhale':
    '两到三分钟以吸气为主的呼吸：吸气饱满有力，呼气轻松自然。适用于低落的状态。不要勉强；如感到头晕，请停下。',
  'flow.protocol.desc.nsdr':
    '十分钟的文字加铃声引导休息：缓慢的长呼气，注意力依次扫过全身。适合学习前感到疲倦时使用。',
  'flow.protocol.desc.sit-quietly': '安静地坐两分钟就好。什么都不用做：Limbic 借此了解你自己能平静下来多少。',
  'flow.pacer.cycle.energising-inhale': '第 {current} 次呼吸，共 {total} 次',
  'flow.pacer.cycle.panoramic-vision': '第 {current} 部分，共 {total} 部分',
  'flow.pacer.cycle.nsdr': '第 {current} 部分，共 {total} 部分',
  'flow.pacer.cycle.sit-quietly': '第 {current} 部分，共 {total} 部分',
  'flow.phase.energising.inhale': '吸气 —— 饱满有力',
  'flow.phase.energising.exhale': '呼气 —— 轻松自然',
  'history.protocol.panoramic-vision': '全景视觉',
  'history.protocol.energising-inhale': '提神呼吸',
  'history.protocol.nsdr': '非睡眠深度休息',
  'history.protocol.sit-quietly': '静坐',
  'history.protocol.other': '其他练习',

  'protocols.guided.label': '引导练习',
  'protocols.guided.progress': '练习进度',
  'protocols.guided.keys': '空格键暂停或继续，Esc 键提前停止。',
  'protocols.guided.chime.parts': '每进入新的部分以及结束时都会响一声铃（需开启声音提示）。',
  'protocols.guided.chime.ends': '开始和结束时各响一声铃（需开启声音提示）。',

  'protocols.cue.panoramic-vision.settle': '舒服地坐好，头保持不动，目视正前方。',
  'protocols.cue.panoramic-vision.soften': '让目光柔和下来，不再盯住任何一样东西。',
  'protocols.cue.panoramic-vision.room': '把整个房间一下子尽收眼底 —— 墙壁、地板和天花板。',
  'protocols.cue.panoramic-vision.edges': '留意视野的边缘：左右两侧，上方和下方。眼睛和头都保持不动。',
  'protocols.cue.panoramic-vision.hold': '继续同时看着整个视野。像平常一样呼吸。',
  'protocols.cue.nsdr.arrive': '向后靠坐或躺下。闭上眼睛，或让目光停在一个点上。',
  'protocols.cue.nsdr.exhale': '用鼻子吸气，然后让每一次呼气都缓慢而悠长。',
  'protocols.cue.nsdr.legs': '把注意力放到双脚和双腿上，让它们变得沉重。',
  'protocols.cue.nsdr.torso': '把注意力移到腹部、胸口和后背，每次呼气时让它们放松下来。',
  'protocols.cue.nsdr.arms': '现在是双手、手臂和肩膀，让它们松开。',
  'protocols.cue.nsdr.face': '下巴、眼睛、额头，让它们放松。',
  'protocols.cue.nsdr.whole': '同时感受整个身体在休息。什么都不用做。',
  'protocols.cue.nsdr.return': '慢慢加深呼吸，动一动手指和脚趾。听到铃声时睁开眼睛。',
  'protocols.cue.sit-quietly.sit': '安静地坐着就好。铃声响起之前，什么都不用做。'
}
