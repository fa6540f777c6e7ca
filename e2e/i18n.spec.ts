/**
 * Issue 10 item 5: the main flow in zh-CN. An under-aroused simulated person checks in with the
 * UI in Chinese; the result, the prescription, the super-oxygenation safety screens (questions and
 * rules) and the pacer all show Chinese, and no screen shows a raw message key.
 */
import { test, expect } from './harness/fixtures'
import type { Page } from '@playwright/test'
import { Limbic } from './pages/limbic'
import { NOW } from './pages/time'

const CHECKIN_S = 50
const HAN = /[\u4e00-\u9fff]/

async function expectNoRawKeys(page: Page): Promise<void> {
  const text = await page.locator('body').innerText()
  expect(text).not.toMatch(
    /⟦|\b(?:flow|nav|app|timer|live|status|drill|history|settings)\.[a-zA-Z-]+\.?[a-zA-Z-]*/
  )
}

test.use({
  appOptions: { simulator: { seed: 5, arousal: 0.08, ectopicProbability: 0, missedProbability: 0 } }
})

test('zh-CN: check-in, prescription, safety and pacer speak Chinese', async ({ app }) => {
  test.setTimeout(60_000)
  const limbic = new Limbic(app)
  const { live, nav, checkIn, prescription, safety, pacer, api, time } = limbic
  await live.waitForHeartRate()
  await api.updateSettings({
    language: 'zh-CN',
    checkIn: { durationS: CHECKIN_S },
    superOxygenation: { breathsPerRound: 5, holdS: 5, durationS: 10 }
  })
  await app.restart()
  const page = app.page
  await live.waitForHeartRate()
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  await api.simulate({ arousal: 0.08, immediately: true })

  await nav.open('session')
  await expect(nav.tab('session')).toHaveText('开始')
  await expect(checkIn.startCard).toContainText('最长 50 秒')
  await expect(checkIn.baselineNeeded).toContainText('静息基线')
  await expectNoRawKeys(page)
  await checkIn.start()
  await expect(checkIn.measuring).toContainText('检测中')
  await expect(checkIn.hr).toContainText('次/分')
  await expectNoRawKeys(page)

  await time.until(
    () => expect(checkIn.result).toHaveAttribute('data-usable', 'true', NOW),
    (CHECKIN_S + 25) * 1000
  )
  // No personal baseline yet: a lean, worded as one; the report is evidence beside it.
  await expect(checkIn.resultState).toHaveAttribute('data-kind', 'lean')
  await expect(checkIn.resultState).toContainText('倾向于')
  await expect(checkIn.resultState).toContainText('还不确定')
  await expect(checkIn.calibration).toContainText('校准中：静息测量 0/5 次')
  await checkIn.selfReport('flat')
  await expect(checkIn.selfReportButton('flat')).toHaveText('没精神')
  await expect(checkIn.evidence).toContainText('身体显示')
  await expect(checkIn.evidence).toContainText('没精神')
  await expectNoRawKeys(page)
  await checkIn.finish()

  await expect(prescription.root).toHaveAttribute('data-prescribed', /super-oxygenation|none/)
  await expect(prescription.root.getByTestId('rx-text')).toContainText('还不确定')
  await expect(prescription.option('super-oxygenation')).toContainText('超氧呼吸')
  await expect(prescription.option('sigh')).toContainText('生理叹气')
  await expect(prescription.chooseButton('sigh', 'short')).toHaveText('快速重置：叹气 3 次')
  await expectNoRawKeys(page)
  await prescription.choose('super-oxygenation', 'full')

  // Safety: the contraindication questions and the refusal, in Chinese.
  await expect(safety.root.locator('h2')).toHaveText('超氧呼吸：安全第一')
  await expect(safety.question('seizures')).toContainText('癫痫')
  await expect(safety.question('glaucoma')).toContainText('青光眼')
  await safety.answerYes('heart')
  await expect(safety.contraindicated).toContainText('超氧呼吸不适合你')
  await expect(safety.useSighInstead).toHaveText('改做生理叹气')
  await expectNoRawKeys(page)
  await safety.answerNoToAll()
  await safety.optIn()

  // The rules at every start, in Chinese.
  await expect(safety.rules).toContainText('坐着或躺着练')
  await expect(safety.rules).toContainText('开车')
  await expect(safety.rules).toContainText('头晕')
  await expect(safety.rules).toContainText('15 秒')
  await expect(safety.startButton).toHaveText('我已坐好，开始')
  await expectNoRawKeys(page)
  await safety.start()

  // The pacer, in Chinese.
  await expect(pacer.root.locator('h2')).toHaveText('超氧呼吸')
  await expect(pacer.phase).toHaveText('深吸 —— 用鼻子')
  await expect(pacer.cycle).toHaveText('第 1 轮，共 1 轮')
  await expect(pacer.breath).toHaveText(/第 [1-5] 次呼吸，共 5 次/)
  await expect(pacer.remaining).toContainText('还剩')
  await expect(pacer.pauseButton).toHaveText('暂停')
  await expect(pacer.bioRate).toContainText('引导节奏每分钟')
  await time.until(() => expect(pacer.root).toHaveAttribute('data-phase', 'exhale', NOW), 4000, 250)
  await expect(pacer.phase).toHaveText('放松呼出 —— 用嘴')
  await pacer.pause()
  await expect(pacer.phase).toHaveText('已暂停')
  await expect(pacer.pauseButton).toHaveText('继续')
  await pacer.resume()
  await time.until(() => expect(pacer.root).toHaveAttribute('data-phase', 'hold-empty', NOW), 20_000)
  await expect(pacer.phase).toHaveText('屏气 —— 肺里空着')
  await expect(pacer.endHoldButton).toHaveText('现在结束屏气')
  await expectNoRawKeys(page)

  // Esc stops; the re-check follows, in Chinese too.
  await pacer.stop()
  await expect(checkIn.measuring).toContainText('复测中')
  await expectNoRawKeys(page)
  const texts = await checkIn.screen.innerText()
  expect(texts).toMatch(HAN)
})
