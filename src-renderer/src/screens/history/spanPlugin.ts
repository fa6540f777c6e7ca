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

/** The rectangles to fill, in canvas pixels, clipped to the chart area (pure, for tests). */
export function spanRects(
  spans: readonly SpanBand[],
  area: { left: number; right: number; top: number; bottom: number },
  toPixel: (x: number) => number
): { x: number; y: number; w: number; h: number; color: string }[] {
  const rects: { x: number; y: number; w: number; h: number; color: string }[] = []
  for (const s of spans) {
    const a = Math.max(area.left, Math.min(area.right, toPixel(s.fromS)))
    const b = Math.max(area.left, Math.min(area.right, toPixel(s.toS)))
    const x = Math.min(a, b)
    const w = Math.abs(b - a)
    if (!(w > 0)) continue
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
