// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { spanPlugin, spanRects } from './spanPlugin'

const area = { left: 50, right: 450, top: 10, bottom: 210 }
/** 0..100 s over 50..450 px. */
const toPixel = (s: number): number => 50 + s * 4

describe('span shading plugin', () => {
  it('turns time spans into rectangles over the full chart height, clipped to the chart area', () => {
    const rects = spanRects(
      [
        { fromS: 10, toS: 20, color: 'blue' },
        { fromS: -30, toS: 5, color: 'red' },
        { fromS: 90, toS: 400, color: 'green' },
        { fromS: 200, toS: 300, color: 'gray' }
      ],
      area,
      toPixel
    )
    expect(rects).toEqual([
      { x: 90, y: 10, w: 40, h: 200, color: 'blue' },
      { x: 50, y: 10, w: 20, h: 200, color: 'red' },
      { x: 410, y: 10, w: 40, h: 200, color: 'green' }
    ])
  })

  it('keeps a very short span visible, at least 2 px wide', () => {
    // 0.1 s on a 2-hour axis over 400 px.
    const rects = spanRects([{ fromS: 3600, toS: 3600.1, color: 'x' }], area, (s) => 50 + (s / 7200) * 400)
    expect(rects).toHaveLength(1)
    expect(rects[0]!.w).toBeCloseTo(2)
    expect(rects[0]!.x).toBeCloseTo(249)
  })

  it('fills the rectangles before the datasets are drawn', () => {
    const calls: string[] = []
    const ctx = {
      fillStyle: '',
      save: () => calls.push('save'),
      restore: () => calls.push('restore'),
      fillRect: (x: number, y: number, w: number, h: number) =>
        calls.push(`${ctx.fillStyle} ${x},${y},${w},${h}`)
    }
    const hook = spanPlugin.beforeDatasetsDraw!
    const chart = {
      ctx,
      chartArea: area,
      scales: { x: { getPixelForValue: toPixel } }
    } as unknown as Parameters<typeof hook>[0]
    hook.call(spanPlugin, chart, { cancelable: true }, { spans: [{ fromS: 0, toS: 25, color: 'c1' }] })
    expect(calls).toEqual(['save', 'c1 50,10,100,200', 'restore'])
    calls.length = 0
    hook.call(spanPlugin, chart, { cancelable: true }, { spans: [] })
    expect(calls).toEqual([])
  })
})
