/**
 * A small Chart.js plugin that shades time spans (protocol, drill trials, timer phases) behind
 * the datasets: one filled rectangle per span over the full chart height. No annotation plugin.
 * Per-chart options: `plugins.limbicSpans.spans`.
 */
import type { Chart, ChartType, Plugin } from 'chart.js'

export interface SpanBand {
  fromS: number
  toS: number
  color: string
}

export interface SpanPluginOptions {
  spans: SpanBand[]
}

/**
 * The rectangles to fill, in canvas pixels, clipped to the chart area (pure, for tests). A span
 * inside the area is at least `minWidth` px wide, so a 30 s drill trial still shows on a 2-hour axis.
 */
export function spanRects(
  spans: readonly SpanBand[],
  area: { left: number; right: number; top: number; bottom: number },
  toPixel: (x: number) => number,
  minWidth = 2
): { x: number; y: number; w: number; h: number; color: string }[] {
  const rects: { x: number; y: number; w: number; h: number; color: string }[] = []
  for (const s of spans) {
    const from = toPixel(s.fromS)
    const to = toPixel(s.toS)
    if (!(to > area.left && from < area.right) || !(to > from)) continue
    let a = Math.max(area.left, from)
    let b = Math.min(area.right, to)
    if (b - a < minWidth) {
      const mid = (a + b) / 2
      a = Math.max(area.left, mid - minWidth / 2)
      b = Math.min(area.right, a + minWidth)
    }
    const x = a
    const w = b - a
    rects.push({ x, y: area.top, w, h: area.bottom - area.top, color: s.color })
  }
  return rects
}

export const spanPlugin: Plugin<'line' | 'scatter', SpanPluginOptions> = {
  id: 'limbicSpans',
  defaults: { spans: [] },
  beforeDatasetsDraw(chart: Chart, _args, options: SpanPluginOptions) {
    const xScale = chart.scales.x
    if (!xScale || !options.spans?.length) return
    const ctx = chart.ctx
    ctx.save()
    for (const r of spanRects(options.spans, chart.chartArea, (v) => xScale.getPixelForValue(v))) {
      ctx.fillStyle = r.color
      ctx.fillRect(r.x, r.y, r.w, r.h)
    }
    ctx.restore()
  }
}

declare module 'chart.js' {
  interface PluginOptionsByType<TType extends ChartType> {
    limbicSpans?: TType extends ChartType ? SpanPluginOptions : never
  }
}
