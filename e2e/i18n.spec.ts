/**
 * Issue 10 item 5: the main flow in zh-CN. An under-aroused simulated person checks in with the
 * UI in Chinese; the result, the prescription, the super-oxygenation safety screens (questions and
 * rules) and the pacer all show Chinese, and no screen shows a raw message key.
 */
import { test, expect } from './harness/fixtures'
import type { Page } from '@playwright/test'

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
  test.setTimeout(180_000)
  await expect(app.page.getByTestId('hr-value')).toBeVisible()
  await app.page.evaluate(async (durationS) => {
    await window.api.settingsUpdate({
      language: 'zh-CN',
      checkIn: { durationS },
      superOxygenation: { breathsPerRound: 5, holdS: 5, durationS: 10 }
    })
  }, CHECKIN_S)
  await app.restart()
  const page = app.page
  await expect(page.getByTestId('hr-value')).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  await page.evaluate(() => window.api.simControl({ arousal: 0.08, immediately: true }))

  await page.getByTestId('nav-session').click()
  await expect(page.getByTestId('nav-session')).toHaveText('开始')
  const start = page.getByTestId('flow-start')
  await expect(start).toContainText('静坐 50 秒')
  await expect(page.getByTestId('baseline-needed')).toContainText('静息基线')
  await expectNoRawKeys(page)
  await page.getByTestId('start-checkin').click()
  await expect(page.getByTestId('measuring')).toContainText('检测中')
  await expect(page.getByTestId('checkin-hr')).toContainText('次/分')
  await expectNoRawKeys(page)

  await expect(page.getByTestId('checkin-result')).toHaveAttribute('data-usable', 'true', {
    timeout: (CHECKIN_S + 25) * 1000
  })
  await page.getByTestId('self-report-flat').click()
  await expect(page.getByTestId('self-report-flat')).toHaveText('没精神')
  await expect(page.getByTestId('result-state')).toHaveText('唤醒不足：发沉、犯困')
  await expect(page.getByTestId('result-reasons')).toContainText('你说自己感觉没精神。')
  await expectNoRawKeys(page)
  await page.getByTestId('result-continue').click()

  await expect(page.getByTestId('prescription')).toHaveAttribute('data-prescribed', 'super-oxygenation')
  await expect(page.getByTestId('rx-option-super-oxygenation')).toContainText('超氧呼吸')
  await expect(page.getByTestId('rx-option-sigh')).toContainText('生理叹气')
  await expect(page.getByTestId('choose-sigh-short')).toHaveText('快速重置：叹气 3 次')
  await expectNoRawKeys(page)
  await page.getByTestId('choose-super-oxygenation-full').click()

  // Safety: the contraindication questions and the refusal, in Chinese.
  const safety = page.getByTestId('safety')
  await expect(safety.locator('h2')).toHaveText('超氧呼吸：安全第一')
  await expect(page.getByTestId('safety-q-seizures')).toContainText('癫痫')
  await expect(page.getByTestId('safety-q-glaucoma')).toContainText('青光眼')
  await page.getByTestId('safety-yes-heart').check()
  await expect(page.getByTestId('safety-contraindicated')).toContainText('超氧呼吸不适合你')
  await expect(page.getByTestId('safety-use-sigh')).toHaveText('改做生理叹气')
  await expectNoRawKeys(page)
  for (const c of ['pregnancy', 'seizures', 'heart', 'glaucoma', 'fainting'])
    await page.getByTestId(`safety-no-${c}`).check()
  await page.getByTestId('safety-opt-in').click()

  // The rules at every start, in Chinese.
  const rules = page.getByTestId('safety-rules')
  await expect(rules).toContainText('坐着或躺着练')
  await expect(rules).toContainText('开车')
  await expect(rules).toContainText('头晕')
  await expect(rules).toContainText('15 秒')
  await expect(page.getByTestId('safety-start')).toHaveText('我已坐好，开始')
  await expectNoRawKeys(page)
  await page.getByTestId('safety-start').click()

  // The pacer, in Chinese.
  const pacer = page.getByTestId('pacer')
  await expect(pacer.locator('h2')).toHaveText('超氧呼吸')
  await expect(page.getByTestId('pacer-phase')).toHaveText('深吸 —— 用鼻子')
  await expect(page.getByTestId('pacer-cycle')).toHaveText('第 1 轮，共 1 轮')
  await expect(page.getByTestId('pacer-breath')).toHaveText(/第 [1-5] 次呼吸，共 5 次/)
  await expect(page.getByTestId('pacer-remaining')).toContainText('还剩')
  await expect(page.getByTestId('pacer-pause')).toHaveText('暂停')
  await expect(page.getByTestId('bio-rate')).toContainText('引导节奏每分钟')
  await expect(pacer).toHaveAttribute('data-phase', 'exhale', { timeout: 4000 })
  await expect(page.getByTestId('pacer-phase')).toHaveText('放松呼出 —— 用嘴')
  await page.keyboard.press('Space')
  await expect(page.getByTestId('pacer-phase')).toHaveText('已暂停')
  await expect(page.getByTestId('pacer-pause')).toHaveText('继续')
  await page.keyboard.press('Space')
  await expect(pacer).toHaveAttribute('data-phase', 'hold-empty', { timeout: 20_000 })
  await expect(page.getByTestId('pacer-phase')).toHaveText('屏气 —— 肺里空着')
  await expect(page.getByTestId('pacer-end-hold')).toHaveText('现在结束屏气')
  await expectNoRawKeys(page)

  // Esc stops; the re-check follows, in Chinese too.
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('measuring')).toContainText('复测中')
  await expectNoRawKeys(page)
  const texts = await page.getByTestId('session-screen').innerText()
  expect(texts).toMatch(HAN)
})
